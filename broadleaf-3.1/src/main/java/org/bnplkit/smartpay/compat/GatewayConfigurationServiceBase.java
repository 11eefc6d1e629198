package org.bnplkit.smartpay.compat;

import org.broadleafcommerce.common.payment.service.PaymentGatewayConfigurationService;

/**
 * Broadleaf 3.1: the payment gateway SPI exactly as 3.1 has it. The 6.2 line's class of the same name adds the SPI
 * methods 6.2 added ({@code getClientTokenService()}), so that the shared configuration service compiles on both.
 */
public abstract class GatewayConfigurationServiceBase implements PaymentGatewayConfigurationService {
}
