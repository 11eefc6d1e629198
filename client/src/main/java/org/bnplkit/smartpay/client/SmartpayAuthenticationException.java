package org.bnplkit.smartpay.client;

/** 401: the secret key was missing, wrong, revoked, or of the other mode. Not retryable. */
public class SmartpayAuthenticationException extends SmartpayApiException {

    private static final long serialVersionUID = 1L;

    public SmartpayAuthenticationException(String errorCode, String message) {
        super(401, errorCode, message, null, false);
    }
}
