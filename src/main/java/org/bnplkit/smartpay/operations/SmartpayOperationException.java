package org.bnplkit.smartpay.operations;

/**
 * An operation refused before anything was journaled or sent: not a Smartpay order, nothing authorized,
 * a request id reused for something else, an order already cancelled. The message says which.
 */
public class SmartpayOperationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SmartpayOperationException(String message) {
        super(message);
    }
}
