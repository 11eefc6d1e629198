package org.bnplkit.smartpay.journal;

import org.springframework.context.ApplicationEvent;

/**
 * A journaled Smartpay operation needs a person: published once, after the change is committed, when a row becomes
 * FAILED ({@link SmartpayOperationFailedEvent}) or DEAD ({@link SmartpayOperationDeadEvent}). A snapshot of the row;
 * listeners run on the thread that made the change, so a slow listener should hand its work to a thread of its own.
 * docs/admin.md has an example listener.
 */
public abstract class SmartpayOperationEvent extends ApplicationEvent {

    private static final long serialVersionUID = 1L;

    private final String operationKey;
    private final OperationKind kind;
    private final long orderId;
    private final long amount;
    private final int attempts;
    private final String errorCode;
    private final String errorMessage;

    protected SmartpayOperationEvent(Object source, SmartpayOperation row) {
        super(source);
        this.operationKey = row.getOperationKey();
        this.kind = row.getKind();
        this.orderId = row.getOrderId() == null ? 0 : row.getOrderId();
        this.amount = row.getAmount();
        this.attempts = row.getAttempts();
        this.errorCode = row.getLastErrorCode();
        this.errorMessage = row.getLastErrorMessage();
    }

    /** The journal key (also the Idempotency-Key sent to Smartpay). */
    public String getOperationKey() { return operationKey; }

    public OperationKind getKind() { return kind; }

    /** The Broadleaf order. */
    public long getOrderId() { return orderId; }

    /** Integer yen. */
    public long getAmount() { return amount; }

    public int getAttempts() { return attempts; }

    /** Smartpay's error code (or the module's, e.g. refund.refused); may be null. */
    public String getErrorCode() { return errorCode; }

    public String getErrorMessage() { return errorMessage; }

    /** FAILED or DEAD. */
    public abstract OperationStatus getStatus();

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{" + operationKey + " " + kind + " order=" + orderId + " amount=" + amount
                + " attempts=" + attempts + (errorCode == null ? "" : " error=" + errorCode) + "}";
    }
}
