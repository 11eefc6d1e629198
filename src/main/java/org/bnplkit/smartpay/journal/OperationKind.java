package org.bnplkit.smartpay.journal;

/** What a journal row asks Smartpay to do. */
public enum OperationKind {
    /** POST /payments: capture part or all of the authorization. */
    CAPTURE,
    /** PUT /orders/{id}/cancellation: release what is still authorized. */
    CANCEL,
    /** POST /refunds against one capture (one Smartpay payment). */
    REFUND,
    /**
     * The business refund request that was split over captures: no call of its own. Its unique key makes
     * a repeated request (same request id) find the slices it already created instead of allocating again.
     */
    REFUND_REQUEST
}
