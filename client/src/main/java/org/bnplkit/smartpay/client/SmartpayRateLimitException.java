package org.bnplkit.smartpay.client;

import java.time.Duration;
import java.util.List;

/** 429: too many requests. Retryable; {@link #retryAfter()} is Smartpay's {@code Retry-After} when sent. */
public class SmartpayRateLimitException extends SmartpayApiException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public SmartpayRateLimitException(String errorCode, String message, List<?> details, Duration retryAfter) {
        super(429, errorCode, message, details, true);
        this.retryAfter = retryAfter;
    }

    /** The server's {@code Retry-After}, or null when it sent none. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
