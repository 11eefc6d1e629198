package org.bnplkit.smartpay.client;

/** Smartpay refund status values. */
public final class RefundStatus {
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    private RefundStatus() {
    }
}
