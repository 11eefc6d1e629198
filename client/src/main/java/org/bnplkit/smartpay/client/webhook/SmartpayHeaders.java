package org.bnplkit.smartpay.client.webhook;

/** HTTP header names Smartpay uses. */
public final class SmartpayHeaders {
    /** Lowercase hex HMAC-SHA256 of {@code timestamp + "." + rawBody}. */
    public static final String SIGNATURE = "Smartpay-Signature";
    /** Ms epoch (decimal) at which the delivery was signed. */
    public static final String SIGNATURE_TIMESTAMP = "Smartpay-Signature-Timestamp";
    /** The webhook endpoint id ({@code webhookendpoint_...}) the delivery is for. */
    public static final String SUBSCRIPTION_ID = "Smartpay-Subscription-Id";
    /** The event id; the same on every redelivery (dedupe key). */
    public static final String EVENT_ID = "Smartpay-Event-Id";
    /** Request header making POST/PUT/PATCH idempotent for 6 hours. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private SmartpayHeaders() {
    }
}
