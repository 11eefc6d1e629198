package org.bnplkit.smartpay.operations;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.bnplkit.smartpay.journal.OperationKind;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.SmartpayOperation;

/**
 * What a call to {@link SmartpayOrderOperations} came to: a snapshot of the journal row (and, for a refund
 * request or a cancel that refunds, of the rows it created), or "nothing to do" with the reason.
 */
public final class OperationOutcome {

    private final String operationKey;
    private final OperationKind kind;
    private final OperationStatus status;
    private final long amount;
    private final String currency;
    private final String smartpayOrderId;
    private final String smartpayPaymentId;
    private final String smartpayRefundId;
    private final Long paymentTransactionId;
    private final String errorCode;
    private final String errorMessage;
    private final int attempts;
    private final boolean created;
    private final String nothingToDoReason;
    private final List<OperationOutcome> parts;

    private OperationOutcome(SmartpayOperation row, boolean created, List<OperationOutcome> parts, String reason) {
        this.operationKey = row == null ? null : row.getOperationKey();
        this.kind = row == null ? null : row.getKind();
        this.status = row == null ? null : row.getStatus();
        this.amount = row == null ? 0L : row.getAmount();
        this.currency = row == null ? null : row.getCurrency();
        this.smartpayOrderId = row == null ? null : row.getSmartpayOrderId();
        this.smartpayPaymentId = row == null ? null : row.getSmartpayPaymentId();
        this.smartpayRefundId = row == null ? null : row.getSmartpayRefundId();
        this.paymentTransactionId = row == null ? null : row.getPaymentTransactionId();
        this.errorCode = row == null ? null : row.getLastErrorCode();
        this.errorMessage = row == null ? null : row.getLastErrorMessage();
        this.attempts = row == null ? 0 : row.getAttempts();
        this.created = created;
        this.nothingToDoReason = reason;
        this.parts = parts == null ? Collections.<OperationOutcome>emptyList()
                : Collections.unmodifiableList(new ArrayList<>(parts));
    }

    public static OperationOutcome of(SmartpayOperation row, boolean created) {
        return new OperationOutcome(row, created, null, null);
    }

    public static OperationOutcome of(SmartpayOperation row, boolean created, List<OperationOutcome> parts) {
        return new OperationOutcome(row, created, parts, null);
    }

    public static OperationOutcome nothingToDo(String reason) {
        return new OperationOutcome(null, false, null, reason);
    }

    /** True when there was nothing to send (see {@link #nothingToDoReason()}); no journal row exists. */
    public boolean isNothingToDo() { return nothingToDoReason != null; }

    public String nothingToDoReason() { return nothingToDoReason; }

    /** Journal key (= Idempotency-Key); null when nothing was to do. */
    public String operationKey() { return operationKey; }

    public OperationKind kind() { return kind; }

    /** Status of the row itself; for a refund request see {@link #overallStatus()}. */
    public OperationStatus status() { return status; }

    /**
     * The status that matters to a caller: for a refund request (or a cancel followed by a refund) the worst of
     * its parts — FAILED/DEAD over RETRYING/PENDING over SUCCEEDED.
     */
    public OperationStatus overallStatus() {
        OperationStatus worst = kind == OperationKind.REFUND_REQUEST && !parts.isEmpty() ? OperationStatus.SUCCEEDED : status;
        for (OperationOutcome part : parts) {
            worst = worse(worst, part.overallStatus());
        }
        return worst;
    }

    public boolean isSucceeded() { return overallStatus() == OperationStatus.SUCCEEDED; }

    /** Integer yen. */
    public long amount() { return amount; }

    public String currency() { return currency; }

    public String smartpayOrderId() { return smartpayOrderId; }

    public String smartpayPaymentId() { return smartpayPaymentId; }

    public String smartpayRefundId() { return smartpayRefundId; }

    /** The Broadleaf PaymentTransaction recorded on success. */
    public Long paymentTransactionId() { return paymentTransactionId; }

    /** Smartpay's errorCode of the last failure (or a local code such as "order.cancelled"). */
    public String errorCode() { return errorCode; }

    public String errorMessage() { return errorMessage; }

    public int attempts() { return attempts; }

    /** False when the key already existed: this call found an operation made earlier (possibly by another node). */
    public boolean created() { return created; }

    /** Refund slices of a refund request; the refund request of a cancel. */
    public List<OperationOutcome> parts() { return parts; }

    private static OperationStatus worse(OperationStatus a, OperationStatus b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(OperationStatus s) {
        switch (s) {
            case SUCCEEDED: return 0;
            case PENDING: return 1;
            case RETRYING: return 2;
            case FAILED: return 3;
            default: return 4;
        }
    }

    @Override
    public String toString() {
        if (isNothingToDo()) {
            return "OperationOutcome{nothing to do: " + nothingToDoReason + "}";
        }
        return "OperationOutcome{" + operationKey + " " + kind + " " + status + " " + amount + " " + currency
                + (errorCode == null ? "" : " " + errorCode + ": " + errorMessage)
                + (parts.isEmpty() ? "" : " parts=" + parts) + "}";
    }
}
