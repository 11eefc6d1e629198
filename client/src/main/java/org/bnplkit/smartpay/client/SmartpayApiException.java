package org.bnplkit.smartpay.client;

import java.util.List;

/** Smartpay answered with a non-2xx status (or a 2xx the client could not read). */
public class SmartpayApiException extends SmartpayException {

    private static final long serialVersionUID = 1L;

    public SmartpayApiException(int httpStatus, String errorCode, String message, List<?> details, boolean retryable) {
        super(httpStatus, errorCode, message, details, retryable, null);
    }

    protected SmartpayApiException(int httpStatus, String errorCode, String message, List<?> details,
                                   boolean retryable, Throwable cause) {
        super(httpStatus, errorCode, message, details, retryable, cause);
    }
}
