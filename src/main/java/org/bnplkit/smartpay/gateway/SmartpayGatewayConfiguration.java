package org.bnplkit.smartpay.gateway;

import org.bnplkit.smartpay.config.SmartpayPaymentGatewayType;
import org.bnplkit.smartpay.config.SmartpaySettings;
import org.broadleafcommerce.common.payment.PaymentGatewayType;
import org.broadleafcommerce.common.payment.service.PaymentGatewayConfiguration;
import org.springframework.stereotype.Component;

import javax.annotation.Resource;

/**
 * What the Smartpay gateway can do, stated truthfully for Broadleaf and for the module's own code.
 *
 * <p>Smartpay authorizes during the hosted checkout and captures with POST /payments (several partial
 * captures per order, so one per shipment), refunds with POST /refunds and releases an authorization
 * with PUT /orders/{id}/cancellation. It has no card vault, no subscriptions through this module, and
 * one Smartpay order pays the whole Broadleaf order (so no split payments).
 */
@Component("blSmartpayConfiguration")
public class SmartpayGatewayConfiguration implements PaymentGatewayConfiguration {

    @Resource(name = "blSmartpaySettings")
    protected SmartpaySettings settings;

    /** True when gateway.smartpay.captureMethod=automatic: Smartpay captures at approval. */
    @Override
    public boolean isPerformAuthorizeAndCapture() {
        return settings.isAutomaticCapture();
    }

    /** The capture mode is a setting (gateway.smartpay.captureMethod), not bean state. */
    @Override
    public void setPerformAuthorizeAndCapture(boolean performAuthorizeAndCapture) {
        throw new UnsupportedOperationException("Set gateway.smartpay.captureMethod (manual|automatic) instead");
    }

    @Override
    public int getFailureReportingThreshold() {
        return settings.failureReportingThreshold();
    }

    @Override
    public void setFailureReportingThreshold(int failureReportingThreshold) {
        throw new UnsupportedOperationException("Set gateway.smartpay.failureReportingThreshold instead");
    }

    @Override
    public boolean handlesAuthorize() {
        return true;
    }

    @Override
    public boolean handlesCapture() {
        return true;
    }

    @Override
    public boolean handlesAuthorizeAndCapture() {
        return true;
    }

    @Override
    public boolean handlesReverseAuthorize() {
        return true;
    }

    @Override
    public boolean handlesVoid() {
        return true;
    }

    @Override
    public boolean handlesRefund() {
        return true;
    }

    @Override
    public boolean handlesPartialCapture() {
        return true;
    }

    @Override
    public boolean handlesMultipleShipment() {
        return true;
    }

    @Override
    public boolean handlesRecurringPayment() {
        return false;
    }

    @Override
    public boolean handlesSavedCustomerPayment() {
        return false;
    }

    /** One Smartpay order covers the whole Broadleaf order; Broadleaf archives other payments on apply. */
    @Override
    public boolean handlesMultiplePayments() {
        return false;
    }

    @Override
    public PaymentGatewayType getGatewayType() {
        return SmartpayPaymentGatewayType.SMARTPAY;
    }
}
