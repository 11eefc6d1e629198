package org.bnplkit.smartpay.client.webhook;

/** Smartpay event type names ({@code eventData.type}). */
public final class WebhookEventType {
    public static final String ORDER_AUTHORIZED = "order.authorized";
    /** Fires on soft declines (order stays requires_authorization) and hard declines (order rejected). */
    public static final String ORDER_REJECTED = "order.rejected";
    public static final String ORDER_CANCELED = "order.canceled";
    public static final String PAYMENT_CREATED = "payment.created";
    public static final String REFUND_CREATED = "refund.created";

    private WebhookEventType() {
    }
}
