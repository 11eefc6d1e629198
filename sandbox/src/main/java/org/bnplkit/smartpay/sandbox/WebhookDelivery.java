package org.bnplkit.smartpay.sandbox;

/**
 * One attempt to deliver one event to one webhook endpoint, as the sandbox's delivery log records it.
 * A redelivery has the same {@link #eventId()} and body, a higher {@link #attempt()} and a new timestamp
 * and signature.
 */
public final class WebhookDelivery {

    private final String eventId;
    private final String type;
    private final String url;
    private final String subscriptionId;
    private final int statusCode;
    private final int attempt;
    private final String body;
    private final String signature;
    private final String signatureTimestamp;
    private final long deliveredAt;
    private final String error;

    WebhookDelivery(String eventId, String type, String url, String subscriptionId, int statusCode, int attempt,
                    String body, String signature, String signatureTimestamp, long deliveredAt, String error) {
        this.eventId = eventId;
        this.type = type;
        this.url = url;
        this.subscriptionId = subscriptionId;
        this.statusCode = statusCode;
        this.attempt = attempt;
        this.body = body;
        this.signature = signature;
        this.signatureTimestamp = signatureTimestamp;
        this.deliveredAt = deliveredAt;
        this.error = error;
    }

    /** The {@code evt_…} id, also sent as the Smartpay-Event-Id header. */
    public String eventId() {
        return eventId;
    }

    /** The event type, e.g. {@code order.authorized}. */
    public String type() {
        return type;
    }

    public String url() {
        return url;
    }

    /** The webhook endpoint id, sent as Smartpay-Subscription-Id. */
    public String subscriptionId() {
        return subscriptionId;
    }

    /** The receiver's HTTP status, or -1 when it could not be reached (see {@link #error()}). */
    public int statusCode() {
        return statusCode;
    }

    /** 1 for the first delivery, 2 for the first retry, … */
    public int attempt() {
        return attempt;
    }

    /** The exact JSON body sent. */
    public String body() {
        return body;
    }

    /** The Smartpay-Signature header sent (lowercase hex HMAC-SHA256). */
    public String signature() {
        return signature;
    }

    /** The Smartpay-Signature-Timestamp header sent (ms since the epoch, wall clock at delivery). */
    public String signatureTimestamp() {
        return signatureTimestamp;
    }

    /** Wall-clock ms when the attempt finished. */
    public long deliveredAt() {
        return deliveredAt;
    }

    /** Why the receiver could not be reached, or null when it answered. */
    public String error() {
        return error;
    }

    public boolean succeeded() {
        return statusCode == 200;
    }

    @Override
    public String toString() {
        return "WebhookDelivery[" + type + " " + eventId + " -> " + url + " attempt " + attempt + ": "
                + (statusCode < 0 ? "failed (" + error + ")" : String.valueOf(statusCode)) + "]";
    }
}
