package org.bnplkit.smartpay.operations;

import java.util.Date;
import java.util.Map;
import java.util.function.Supplier;

import org.bnplkit.smartpay.journal.OperationJournal;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what became of a sent journal row ({@link JournaledCall}'s last step): Smartpay's answer with its Broadleaf
 * transaction, guarded by the row's version so two nodes record one answer once; a failure as RETRYING after its
 * backoff, FAILED or DEAD; a postponement that is no attempt.
 */
final class RowSettlement {

    /** The journaled call's logger: operators' log filters keep working. */
    private static final Logger LOG = LoggerFactory.getLogger(JournaledCall.class);

    private final OperationJournal journal;
    private final SmartpayPaymentLedger ledger;
    private final SmartpayOperationsSettings settings;
    /** Now on the database's clock (the journal call's). */
    private final Supplier<Date> now;

    RowSettlement(OperationJournal journal, SmartpayPaymentLedger ledger, SmartpayOperationsSettings settings,
            Supplier<Date> now) {
        this.journal = journal;
        this.ledger = ledger;
        this.settings = settings;
        this.now = now;
    }

    /**
     * Records the Broadleaf transaction (none when {@code type} is null) and marks the row SUCCEEDED, in one
     * transaction. When the row changed since this node took it (another node claimed it after our lease ran
     * out, and is recording the same answer) nothing is recorded here.
     */
    SmartpayOperation success(final SmartpayOperation row, final PaymentTransactionType type,
            final long amount, final Map<String, String> fields) {
        Boolean settled;
        try {
            settled = journal.inNewTransaction(status -> {
                Long transactionId = type == null ? null : ledger.recordTransaction(row.getOrderPaymentId(),
                        row.getParentTransactionId(), type, amount, row.getCurrency(), fields);
                if (!journal.markSucceeded(row, transactionId, amount, now.get())) {
                    status.setRollbackOnly(); // the row moved on without us: record nothing
                    return Boolean.FALSE;
                }
                return Boolean.TRUE;
            });
        } catch (RuntimeException concurrentRecord) {
            SmartpayOperation recorded = journal.findById(row.getId());
            if (recorded != null && recorded.getStatus() == OperationStatus.SUCCEEDED) {
                return recorded; // another node recorded the same Smartpay answer first
            }
            throw concurrentRecord;
        }
        return Boolean.TRUE.equals(settled) ? row : journal.findById(row.getId());
    }

    /** A failed attempt: RETRYING after its backoff, FAILED when not retryable, DEAD after the last attempt. */
    SmartpayOperation failure(SmartpayOperation row, boolean retryable, String code, String message) {
        SmartpayOperation current = journal.findById(row.getId());
        if (current == null || current.getStatus() == OperationStatus.SUCCEEDED || current.getVersion() != row.getVersion()) {
            return current;
        }
        int attempts = current.getAttempts() + 1;
        Date at = now.get();
        if (!retryable) {
            current.setStatus(OperationStatus.FAILED);
            current.setNextAttemptAt(null);
        } else if (attempts >= settings.maxAttempts()) {
            current.setStatus(OperationStatus.DEAD);
            current.setNextAttemptAt(null);
        } else {
            current.setStatus(OperationStatus.RETRYING);
            current.setNextAttemptAt(new Date(at.getTime() + settings.backoffMs(attempts)));
        }
        current.setAttempts(attempts);
        current.setLastErrorCode(RowFields.truncate(code, 64));
        current.setLastErrorMessage(message);
        current.setClaimedBy(null);
        current.setClaimedUntil(null);
        current.setUpdatedAt(at);
        SmartpayOperation saved = journal.save(current);
        LOG.warn("Smartpay operation {} {} after attempt {}: {}", saved.getOperationKey(), saved.getStatus(), attempts, message);
        return saved;
    }

    /** Not an attempt: try again soon without counting towards DEAD. */
    SmartpayOperation postpone(SmartpayOperation row, String code, String message) {
        return postpone(row, code, message, Math.min(settings.initialBackoffMs(), 5_000L));
    }

    /** Not an attempt: try again in {@code delayMs} without counting towards DEAD. */
    SmartpayOperation postpone(SmartpayOperation row, String code, String message, long delayMs) {
        SmartpayOperation current = journal.findById(row.getId());
        current.setStatus(OperationStatus.RETRYING);
        current.setNextAttemptAt(new Date(now.get().getTime() + delayMs));
        current.setLastErrorCode(code);
        current.setLastErrorMessage(message);
        current.setClaimedBy(null);
        current.setClaimedUntil(null);
        current.setUpdatedAt(now.get());
        return journal.save(current);
    }
}
