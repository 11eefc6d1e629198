package org.bnplkit.smartpay.config;

import org.broadleafcommerce.common.payment.PaymentGatewayType;

/**
 * Registers the "Smartpay" gateway type with Broadleaf's extensible enumeration.
 *
 * <p>{@code OrderPayment} stores the gateway type as a String and resolves it through
 * {@link PaymentGatewayType#getInstance(String)}, which only knows types whose class has been loaded.
 * The root XML of the site and of the admin therefore declares this class as a bean.
 * The constant is a plain {@link PaymentGatewayType} so that its {@code equals} stays symmetric with
 * instances Broadleaf creates.
 */
public class SmartpayPaymentGatewayType extends PaymentGatewayType {

    private static final long serialVersionUID = 1L;

    public static final PaymentGatewayType SMARTPAY = new PaymentGatewayType("Smartpay", "Smartpay");
}
