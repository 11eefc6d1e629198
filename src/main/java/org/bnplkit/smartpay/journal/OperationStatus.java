package org.bnplkit.smartpay.journal;

/**
 * Life of one journaled Smartpay operation.
 *
 * <pre>
 * PENDING --call ok, recorded--> SUCCEEDED
 * PENDING --retryable failure--> RETRYING --(worker, backoff)--> SUCCEEDED | RETRYING | FAILED | DEAD
 * PENDING --final failure------> FAILED   (Smartpay's errorCode and message kept)
 * RETRYING --max attempts------> DEAD     (an operator decides; the admin shows it)
 * </pre>
 * A PENDING row older than the lease is one whose node died mid-operation: the worker resumes it.
 */
public enum OperationStatus {
    PENDING, SUCCEEDED, RETRYING, FAILED, DEAD;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == DEAD;
    }

    /** Still able to move money: counts against what may still be captured or refunded. */
    public boolean isLive() {
        return this == PENDING || this == RETRYING || this == SUCCEEDED;
    }
}
