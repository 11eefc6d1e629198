package org.bnplkit.smartpay.client;

/** Smartpay order status values ({@link Order#status()} is a String so unknown future values still parse). */
public final class OrderStatus {
    public static final String REQUIRES_AUTHORIZATION = "requires_authorization";
    public static final String REQUIRES_CAPTURE = "requires_capture";
    public static final String SUCCEEDED = "succeeded";
    public static final String REJECTED = "rejected";
    public static final String CANCELED = "canceled";
    /** Listed by the Node/Python/PHP SDKs; meaning undocumented. */
    public static final String FAILED = "failed";
    /** Listed only by the Go SDK; meaning undocumented. */
    public static final String PENDING = "pending";

    private OrderStatus() {
    }
}
