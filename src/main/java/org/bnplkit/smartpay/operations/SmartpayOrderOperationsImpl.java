package org.bnplkit.smartpay.operations;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.annotation.PostConstruct;
import javax.annotation.PreDestroy;
import javax.annotation.Resource;

import org.bnplkit.smartpay.client.RefundReason;
import org.bnplkit.smartpay.config.SmartpayClientProvider;
import org.bnplkit.smartpay.journal.DatabaseClock;
import org.bnplkit.smartpay.journal.InstallationIds;
import org.bnplkit.smartpay.journal.OperationJournal;
import org.bnplkit.smartpay.journal.OperationKind;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.OwnPersistenceContext;
import org.bnplkit.smartpay.journal.SmartpayNotices;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.springframework.stereotype.Service;

/**
 * The operations bean: each kind in a class of its own ({@link CaptureOperation}, {@link RefundOperation},
 * {@link ReturnOperation}, {@link CancelOperation}) around the one journaled-call step ({@link JournaledCall}); this class wires them,
 * runs every public method on a persistence context of its own, and owns retrying. See
 * {@link SmartpayOrderOperations} for the contract and docs/lifecycle.md for every edge case.
 */
@Service("blSmartpayOrderOperations")
public class SmartpayOrderOperationsImpl implements SmartpayOrderOperations, StatusChangeIntents {

    @Resource(name = "blSmartpayOperationJournal")
    protected OperationJournal journal;

    @Resource(name = "blSmartpayPaymentLedger")
    protected SmartpayPaymentLedger ledger;

    @Resource(name = "blSmartpayClientProvider")
    protected SmartpayClientProvider clientProvider;

    @Resource(name = "blSmartpayOperationsSettings")
    protected SmartpayOperationsSettings settings;

    /** Public methods run their transactions on persistence contexts of their own, whatever the caller has bound. */
    @Resource(name = "blSmartpayOwnPersistenceContext")
    protected OwnPersistenceContext persistenceContexts;

    @Resource(name = "blSmartpayInstallationIds")
    protected InstallationIds installationIds;

    @Resource(name = "blSmartpayDatabaseClock")
    protected DatabaseClock databaseClock;

    /** Where a status change's intent that the operations refuse is flagged (TRIGGER_REFUSED). */
    @Resource(name = "blSmartpayNotices")
    protected SmartpayNotices notices;

    private JournaledCall call;
    private CaptureOperation captures;
    private RefundOperation refunds;
    private ReturnOperation returns;
    private CancelOperation cancels;
    private IntentOperation intents;

    @PostConstruct
    public void wire() {
        call = new JournaledCall(journal, ledger, settings, installationIds, databaseClock);
        refunds = new RefundOperation(call, clientProvider);
        returns = new ReturnOperation(call, refunds);
        cancels = new CancelOperation(call, clientProvider, refunds);
        captures = new CaptureOperation(call, clientProvider, cancels);
        intents = new IntentOperation(call, captures, returns, refunds, cancels, notices);
    }

    // ---- status changes' intents (the lifecycle triggers) --------------------------------------------------------

    @Override
    public SmartpayOperation newIntent(IntentAction action, long orderId, Long fulfillmentGroupId, String description) {
        return intents.newIntent(action, orderId, fulfillmentGroupId, description);
    }

    @Override
    public SmartpayOperation newReportedIntent(IntentAction action, long orderId, Long fulfillmentGroupId,
            Map<Long, Integer> quantities, long reportedAt, String description) {
        return intents.newReportedIntent(action, orderId, fulfillmentGroupId, quantities, reportedAt, description);
    }

    @Override
    public OperationOutcome journalAndDecide(IntentAction action, long entityId, Map<Long, Integer> quantities,
            long reportedAt, String description, Send send) {
        return persistenceContexts.run(() -> intents.journalAndDecide(action, entityId, quantities, reportedAt,
                description, send));
    }

    @Override
    public OperationOutcome decideIntent(String intentKey, Send send) {
        return persistenceContexts.run(() -> intents.decide(intentKey, send));
    }

    // ---- captures -----------------------------------------------------------------------------------------------

    @Override
    public OperationOutcome capture(long fulfillmentGroupId, Send send) {
        return persistenceContexts.run(() -> captures.captureGroup(fulfillmentGroupId, send));
    }

    @Override
    public OperationOutcome capture(long orderId, long amount) {
        return persistenceContexts.run(() -> captures.captureAmount(orderId, amount, null));
    }

    @Override
    public OperationOutcome capture(long orderId, long amount, String requestId) {
        if (requestId == null || requestId.trim().isEmpty() || requestId.length() > RefundOperation.MAX_REQUEST_ID_LENGTH) {
            throw new SmartpayOperationException("A capture request needs a request id of 1 to "
                    + RefundOperation.MAX_REQUEST_ID_LENGTH
                    + " characters (the caller's id of this capture: it makes the capture happen once)");
        }
        return persistenceContexts.run(() -> captures.captureAmount(orderId, amount, OperationKeys.captureRequest(requestId)));
    }

    // ---- cancel -------------------------------------------------------------------------------------------------

    @Override
    public OperationOutcome cancel(long orderId, Send send) {
        return persistenceContexts.run(() -> cancels.cancel(orderId, send));
    }

    @Override
    public OperationOutcome releaseRemainder(long orderId) {
        return persistenceContexts.run(() -> cancels.releaseRemainder(orderId));
    }

    @Override
    public long refundOnCancel(long orderId) {
        return persistenceContexts.run(() -> cancels.refundOnCancel(orderId));
    }

    // ---- refunds ------------------------------------------------------------------------------------------------

    @Override
    public OperationOutcome refund(long orderId, long amount, RefundReason reason, String description, String requestId) {
        return persistenceContexts.run(() -> refunds.refund(orderId, amount, reason, description, requestId, null, Send.NOW));
    }

    @Override
    public OperationOutcome refundCapture(long orderId, String smartpayPaymentId, long amount, RefundReason reason,
            String description, String requestId) {
        return persistenceContexts.run(() -> refunds.refundCapture(orderId, smartpayPaymentId, amount, reason,
                description, requestId));
    }

    @Override
    public OperationOutcome refundItems(long orderId, Map<Long, Integer> quantities, RefundReason reason,
            String description, String requestId) {
        return persistenceContexts.run(() -> refunds.refundItems(orderId, quantities, reason, description, requestId,
                Send.NOW));
    }

    @Override
    public OperationOutcome refundReturnedGroup(long fulfillmentGroupId, Send send) {
        return persistenceContexts.run(() -> returns.refundReturnedGroup(fulfillmentGroupId, send));
    }

    @Override
    public List<OperationOutcome> refundReturnedItems(long fulfillmentGroupId, Send send) {
        return persistenceContexts.run(() -> returns.refundReturnedItems(fulfillmentGroupId, send));
    }

    // ---- reading and retrying -----------------------------------------------------------------------------------

    @Override
    public String smartpayOrderId(long orderId) {
        return persistenceContexts.run(() -> ledger.load(orderId).smartpayOrderId);
    }

    @Override
    public OperationOutcome find(String operationKey) {
        return persistenceContexts.run(() -> {
            SmartpayOperation row = journal.find(operationKey);
            return row == null ? null : call.outcome(row, false);
        });
    }

    @Override
    public List<OperationOutcome> history(long orderId) {
        return persistenceContexts.run(() -> {
            List<OperationOutcome> out = new ArrayList<>();
            for (SmartpayOperation row : journal.findByOrder(orderId)) {
                out.add(OperationOutcome.of(row, false));
            }
            return out;
        });
    }

    @Override
    public OperationOutcome retry(String operationKey) {
        return persistenceContexts.run(() -> {
            SmartpayOperation row = journal.find(operationKey);
            if (row == null) {
                throw new SmartpayOperationException("No Smartpay operation " + operationKey);
            }
            if (row.getStatus() == OperationStatus.SUCCEEDED || row.getKind() == OperationKind.REFUND_REQUEST) {
                return call.outcome(row, false);
            }
            call.followDatabaseClock();
            row.setStatus(OperationStatus.RETRYING);
            row.setNextAttemptAt(call.now());
            if (row.getAttempts() >= settings.maxAttempts()) {
                row.setAttempts(settings.maxAttempts() - 1); // one more attempt; DEAD again if it fails
            }
            journal.save(row);
            SmartpayOperation claimed = call.claim(row.getId());
            if (claimed != null && claimed.getKind() == OperationKind.INTENT) {
                OperationOutcome decided = intents.decide(claimed, Send.NOW);
                SmartpayOperation left = journal.find(operationKey);
                return left != null ? call.outcome(left, false) : decided;
            }
            if (claimed != null) {
                call.execute(claimed, true);
            }
            SmartpayOperation after = journal.find(operationKey);
            return after != null ? call.outcome(after, false)
                    : OperationOutcome.nothingToDo(operationKey + " was decided into the operation it named");
        });
    }

    @Override
    public int sendDueOperations(int max) {
        return persistenceContexts.run(() -> {
            int sent = 0;
            call.followDatabaseClock();
            for (Long id : journal.findDueIds(call.now(), max)) {
                SmartpayOperation row = call.claim(id);
                if (row != null) {
                    call.execute(row, true);
                    sent++;
                }
            }
            return sent;
        });
    }

    // ---- node, clock, threads -----------------------------------------------------------------------------------

    /** Tests move time (backoff, leases) with a fixed or offset clock. */
    public void setClock(Clock clock) {
        call.setClock(clock);
    }

    /** Tests: this node's own clock is wrong by whatever {@code nodeClock} says; the journal keeps the database's. */
    public void setNodeClock(Clock nodeClock) {
        call.setNodeClock(nodeClock);
    }

    public String nodeId() {
        return call.nodeId();
    }

    /** Waits until background sends queued so far are done (tests, shutdown). */
    public boolean awaitBackground(long timeoutMs) throws InterruptedException {
        return call.awaitBackground(timeoutMs);
    }

    /** Test seam: runs between Smartpay's answer and recording it (a crash there is what the worker recovers). */
    void afterSmartpayAnswer(Runnable seam) {
        call.afterSmartpayAnswer = seam;
    }

    /** Test seam: runs in the deciding transaction between reading the order and reading its journal rows. */
    void afterOrderRead(Runnable seam) {
        call.afterOrderRead = seam;
    }

    @PreDestroy
    public void shutdown() {
        call.shutdown();
    }
}
