package org.bnplkit.smartpay.journal;

/**
 * What an admin-visible notice (SMARTPAY_NOTICE) is about. docs/operations.md says what to do for each.
 */
public enum NoticeKind {
    /** A capture, refund or cancellation made outside the module (Smartpay dashboard, expiry) was recorded. */
    IMPORTED_CHANGE(Severity.INFO),
    /** The Smartpay order was cancelled outside the module (dashboard, or its authorization expired). */
    CANCELED_AT_SMARTPAY(Severity.WARNING),
    /** Smartpay declined the shopper (order.rejected): no order was placed. */
    ORDER_REJECTED(Severity.INFO),
    /** The shopper approved but never came back; the webhook or the reconciler completed the checkout. */
    CHECKOUT_COMPLETED_BY_WEBHOOK(Severity.INFO),
    /** The shopper approved but the checkout could not be completed (cart changed, gone, already paid). */
    CHECKOUT_NOT_COMPLETED(Severity.ERROR),
    /** The authorization lapses soon and not everything is captured. */
    AUTHORIZATION_EXPIRING(Severity.WARNING),
    /** An approved Smartpay order with no Broadleaf order was released (cancelled or refunded). */
    ORPHAN_RELEASED(Severity.WARNING),
    /** Smartpay and Broadleaf differ in a way the module cannot explain or repair: an operator must look. */
    UNEXPLAINED_DIFFERENCE(Severity.ERROR),
    /** A webhook event failed every attempt (the dead letter). */
    WEBHOOK_DEAD(Severity.ERROR),
    /** The store's webhook endpoint is not registered at Smartpay (and could not be on start-up): deliveries get 503. */
    WEBHOOK_NOT_REGISTERED(Severity.WARNING),
    /**
     * A status change should have moved money but the operations refused it or failed before journaling anything
     * (e.g. a capture after the order was cancelled): the status change stands, nothing was sent.
     */
    TRIGGER_REFUSED(Severity.ERROR);

    /** How loud the admin shows it. */
    public enum Severity { INFO, WARNING, ERROR }

    private final Severity severity;

    NoticeKind(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }
}
