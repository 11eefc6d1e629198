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
    REFUND_REQUEST,
    /**
     * A status change's intent (a shipment, a return, a cancelled order), journaled in the status change's own
     * database transaction: nothing of its own is sent. After the commit (or, when the node died first, by the retry
     * worker) it is decided into the operation it names (a CAPTURE, a CANCEL, a REFUND_REQUEST under today's keys)
     * and removed; a decision the operations refuse leaves it FAILED with the reason.
     */
    INTENT
}
