package org.bnplkit.smartpay.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Base of every failure the client reports. Unchecked.
 *
 * <p>{@link #getMessage()} is {@code "<status> <errorCode>: <message>"} ({@code "<status>: <message>"} when
 * Smartpay sent no error code, as on 401). Messages never contain the secret key, the signing secret or the
 * Authorization header.
 */
public class SmartpayException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final String errorCode;
    private final String smartpayMessage;
    private final List<Object> details;
    private final boolean retryable;

    protected SmartpayException(int httpStatus, String errorCode, String message, List<?> details,
                                boolean retryable, Throwable cause) {
        super(format(httpStatus, errorCode, message), cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.smartpayMessage = message;
        this.details = details == null || details.isEmpty()
                ? Collections.emptyList()
                : Collections.unmodifiableList(new ArrayList<Object>(details));
        this.retryable = retryable;
    }

    private static String format(int httpStatus, String errorCode, String message) {
        String text = SecretKeys.maskSecrets(message);
        return errorCode == null ? httpStatus + ": " + text : httpStatus + " " + errorCode + ": " + text;
    }

    /** HTTP status of Smartpay's answer, or -1 when no answer arrived. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Smartpay's {@code errorCode} (e.g. {@code order.cannot-capture}), {@code unexpected_error} for
     * answers or failures the client could not interpret, or null when Smartpay sent none (401). */
    public String errorCode() {
        return errorCode;
    }

    /** Smartpay's {@code message} (or the client's description), without the status/code prefix. */
    public String smartpayMessage() {
        return smartpayMessage;
    }

    /** Smartpay's {@code details} array (strings or maps); empty when absent. */
    public List<Object> details() {
        return details;
    }

    /** Whether trying the same request again later (with the same Idempotency-Key) may succeed. */
    public boolean isRetryable() {
        return retryable;
    }
}
