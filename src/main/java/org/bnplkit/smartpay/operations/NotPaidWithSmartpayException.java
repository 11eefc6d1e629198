package org.bnplkit.smartpay.operations;

/** The order has no active Smartpay payment with a successful authorization: nothing for this module to do. */
public class NotPaidWithSmartpayException extends SmartpayOperationException {

    private static final long serialVersionUID = 1L;

    public NotPaidWithSmartpayException(String message) {
        super(message);
    }
}
