package org.bnplkit.smartpay.gateway;

import org.bnplkit.smartpay.compat.GatewayConfigurationServiceBase;
import org.broadleafcommerce.common.payment.service.PaymentGatewayConfiguration;
import org.broadleafcommerce.common.payment.service.PaymentGatewayCreditCardService;
import org.broadleafcommerce.common.payment.service.PaymentGatewayCustomerService;
import org.broadleafcommerce.common.payment.service.PaymentGatewayFraudService;
import org.broadleafcommerce.common.payment.service.PaymentGatewayHostedService;
import org.broadleafcommerce.common.payment.service.PaymentGatewayReportingService;
import org.broadleafcommerce.common.payment.service.PaymentGatewayRollbackService;
import org.broadleafcommerce.common.payment.service.PaymentGatewaySubscriptionService;
import org.broadleafcommerce.common.payment.service.PaymentGatewayTransactionConfirmationService;
import org.broadleafcommerce.common.payment.service.PaymentGatewayTransactionService;
import org.broadleafcommerce.common.payment.service.PaymentGatewayTransparentRedirectService;
import org.broadleafcommerce.common.payment.service.PaymentGatewayWebResponseService;
import org.broadleafcommerce.common.web.payment.expression.PaymentGatewayFieldExtensionHandler;
import org.broadleafcommerce.common.web.payment.processor.CreditCardTypesExtensionHandler;
import org.broadleafcommerce.common.web.payment.processor.TRCreditCardExtensionHandler;
import org.springframework.stereotype.Component;

import javax.annotation.Resource;

/**
 * The Smartpay entry in Broadleaf's {@code blPaymentGatewayConfigurationServices} list (merged in by
 * bl-smartpay-applicationContext.xml). Services Smartpay has no use for return null, as Broadleaf's
 * own modules do: no card vault, no customer or subscription API, no transparent redirect.
 */
@Component("blSmartpayConfigurationService")
public class SmartpayConfigurationService extends GatewayConfigurationServiceBase {

    @Resource(name = "blSmartpayConfiguration")
    protected SmartpayGatewayConfiguration configuration;

    @Resource(name = "blSmartpayTransactionService")
    protected SmartpayTransactionService transactionService;

    @Resource(name = "blSmartpayTransactionConfirmationService")
    protected SmartpayTransactionConfirmationService confirmationService;

    @Resource(name = "blSmartpayReportingService")
    protected SmartpayReportingService reportingService;

    @Resource(name = "blSmartpayHostedService")
    protected SmartpayHostedService hostedService;

    @Resource(name = "blSmartpayRollbackService")
    protected SmartpayRollbackService rollbackService;

    @Resource(name = "blSmartpayWebResponseService")
    protected SmartpayWebResponseService webResponseService;

    @Override
    public PaymentGatewayConfiguration getConfiguration() {
        return configuration;
    }

    @Override
    public PaymentGatewayTransactionService getTransactionService() {
        return transactionService;
    }

    @Override
    public PaymentGatewayTransactionConfirmationService getTransactionConfirmationService() {
        return confirmationService;
    }

    @Override
    public PaymentGatewayReportingService getReportingService() {
        return reportingService;
    }

    @Override
    public PaymentGatewayCreditCardService getCreditCardService() {
        return null;
    }

    @Override
    public PaymentGatewayCustomerService getCustomerService() {
        return null;
    }

    @Override
    public PaymentGatewaySubscriptionService getSubscriptionService() {
        return null;
    }

    @Override
    public PaymentGatewayFraudService getFraudService() {
        return null;
    }

    @Override
    public PaymentGatewayHostedService getHostedService() {
        return hostedService;
    }

    @Override
    public PaymentGatewayRollbackService getRollbackService() {
        return rollbackService;
    }

    @Override
    public PaymentGatewayWebResponseService getWebResponseService() {
        return webResponseService;
    }

    @Override
    public PaymentGatewayTransparentRedirectService getTransparentRedirectService() {
        return null;
    }

    @Override
    public TRCreditCardExtensionHandler getCreditCardExtensionHandler() {
        return null;
    }

    @Override
    public PaymentGatewayFieldExtensionHandler getFieldExtensionHandler() {
        return null;
    }

    @Override
    public CreditCardTypesExtensionHandler getCreditCardTypesExtensionHandler() {
        return null;
    }
}
