package org.bnplkit.smartpay.client;

/**
 * No usable answer arrived: connection refused or reset, timeout, connection closed before or during
 * the response. {@link #httpStatus()} is -1, {@link #errorCode()} is {@code unexpected_error}
 * (as in Smartpay's SDKs). Usually retryable: Smartpay may or may not have acted, and repeating the
 * request with the same Idempotency-Key is safe.
 */
public class SmartpayConnectionException extends SmartpayException {

    private static final long serialVersionUID = 1L;

    public SmartpayConnectionException(String message, boolean retryable, Throwable cause) {
        super(-1, ErrorResponses.UNEXPECTED_ERROR, message, null, retryable, cause);
    }
}
