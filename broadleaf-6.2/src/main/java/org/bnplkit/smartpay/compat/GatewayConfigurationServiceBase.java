package org.bnplkit.smartpay.compat;

import org.broadleafcommerce.common.payment.service.PaymentGatewayClientTokenService;
import org.broadleafcommerce.common.payment.service.PaymentGatewayConfigurationService;

/** Broadleaf 6.2: the SPI methods 3.1 does not have. Smartpay issues no client tokens. */
public abstract class GatewayConfigurationServiceBase implements PaymentGatewayConfigurationService {

    @Override
    public PaymentGatewayClientTokenService getClientTokenService() {
        return null;
    }
}
