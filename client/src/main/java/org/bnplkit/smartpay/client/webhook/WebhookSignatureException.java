package org.bnplkit.smartpay.client.webhook;

/** A webhook delivery failed verification. The message never contains the secret or the expected signature. */
public class WebhookSignatureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why verification failed. */
    public enum Reason {
        /** The signature or timestamp header is absent or blank. */
        MISSING,
        /** A header is not in Smartpay's format (64 hex chars; ms epoch digits). */
        MALFORMED,
        /** The signature does not match the body and timestamp. */
        MISMATCH,
        /** The signature matches but the timestamp is outside the tolerance (replay or clock skew). */
        STALE
    }

    private final Reason reason;

    public WebhookSignatureException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
