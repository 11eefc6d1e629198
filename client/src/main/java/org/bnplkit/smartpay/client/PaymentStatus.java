package org.bnplkit.smartpay.client;

/** Smartpay payment (capture) status values. A partially refunded payment stays {@link #PROCESSED}. */
public final class PaymentStatus {
    public static final String PROCESSED = "processed";
    public static final String REFUNDED = "refunded";

    private PaymentStatus() {
    }
}
