package org.bnplkit.smartpay.checkout;

import org.broadleafcommerce.common.vendor.service.exception.PaymentException;

/**
 * A Smartpay checkout step that cannot go on. {@link #reason()} says why in terms the storefront can show
 * (a message key under {@code smartpay.error.*}); {@link #getMessage()} gives the operator the details
 * (ids and figures, never secrets). Whatever the reason, nothing was recorded on the Broadleaf order.
 */
public class SmartpayCheckoutException extends PaymentException {

    private static final long serialVersionUID = 1L;

    /** Why; each maps to a storefront message key. */
    public enum Reason {
        /** The gateway is not configured (secret key missing or malformed...). */
        UNAVAILABLE("smartpay.error.unavailable"),
        /** Smartpay only takes yen. */
        CURRENCY("smartpay.error.currency"),
        /** The cart cannot be paid with Smartpay as it is (empty, no shipping address, too many lines...). */
        CART_NOT_PAYABLE("smartpay.error.cartNotPayable"),
        /** No Smartpay checkout was started for this cart (or it belongs to someone else). */
        NO_CHECKOUT("smartpay.error.noCheckout"),
        /** The shopper has not approved the payment (yet). */
        NOT_APPROVED("smartpay.error.notApproved"),
        /** Smartpay declined the payment. */
        DECLINED("smartpay.error.declined"),
        /** The shopper cancelled on Smartpay's page. */
        CANCELLED("smartpay.error.cancelled"),
        /** The cart changed after the Smartpay checkout started; pay again. */
        CART_CHANGED("smartpay.error.cartChanged"),
        /** Smartpay's answer does not match this cart (reference, amount, currency): refused. */
        MISMATCH("smartpay.error.mismatch"),
        /** Smartpay could not be reached or failed; try again later. */
        SMARTPAY_ERROR("smartpay.error.smartpayUnreachable"),
        /** Another completion of the same cart (the webhook's, or another tab's return) is still at work. */
        IN_PROGRESS("smartpay.error.inProgress");

        private final String messageKey;

        Reason(String messageKey) {
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    private final Reason reason;

    public SmartpayCheckoutException(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public SmartpayCheckoutException(Reason reason, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
