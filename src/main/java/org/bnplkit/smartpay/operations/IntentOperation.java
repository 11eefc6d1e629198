package org.bnplkit.smartpay.operations;

import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.bnplkit.smartpay.journal.NoticeKind;
import org.bnplkit.smartpay.journal.OperationKind;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.SmartpayNotices;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.money.OverRefundException;
import org.bnplkit.smartpay.operations.SmartpayOrderOperations.Send;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Status changes' intents (kind INTENT, see {@link StatusChangeIntents}): built for the triggers to write in the
 * status change's own transaction, decided after the commit (or by the retry worker, when the node died first) into
 * the operation they name, which keeps today's key. Deciding twice (the committing thread and the worker after a
 * lease ran out) journals the operation once: the second decision finds the first one's row under that key.
 */
final class IntentOperation implements JournaledCall.Sender {

    private static final Logger LOG = LoggerFactory.getLogger(IntentOperation.class);

    /** The error code of an intent whose decision the operations refused. */
    static final String REFUSED = "trigger.refused";

    private final JournaledCall call;
    private final CaptureOperation captures;
    private final ReturnOperation returns;
    private final CancelOperation cancels;
    private final SmartpayNotices notices;

    IntentOperation(JournaledCall call, CaptureOperation captures, ReturnOperation returns, CancelOperation cancels,
            SmartpayNotices notices) {
        this.call = call;
        this.captures = captures;
        this.returns = returns;
        this.cancels = cancels;
        this.notices = notices;
        call.register(OperationKind.INTENT, this);
    }

    SmartpayOperation newIntent(IntentAction action, long orderId, Long fulfillmentGroupId, String description) {
        if (action.ofFulfillmentGroup() && fulfillmentGroupId == null) {
            throw new IllegalArgumentException(action + " needs a fulfillment group");
        }
        String nonce = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Date now = call.now();
        SmartpayOperation row = new SmartpayOperation();
        row.setOperationKey(action.key(action.ofFulfillmentGroup() ? fulfillmentGroupId : orderId, nonce));
        row.setKind(OperationKind.INTENT);
        row.setOrderId(orderId);
        row.setFulfillmentGroupId(fulfillmentGroupId);
        row.setAmount(0);
        row.setCurrency("JPY");
        row.setDescription(RowFields.truncate(description, 255));
        row.setStatus(OperationStatus.PENDING);
        row.setAttempts(0);
        row.setClaimedBy(call.nodeId());
        row.setClaimedUntil(new Date(now.getTime() + call.settings.leaseMs()));
        row.setCreatedAt(now);
        row.setUpdatedAt(now);
        return row;
    }

    /** The committing thread's decision of its intent; null when it is gone (decided already). */
    OperationOutcome decide(String intentKey, Send send) {
        SmartpayOperation intent = call.journal.find(intentKey);
        if (intent == null || intent.getKind() != OperationKind.INTENT) {
            return null;
        }
        if (intent.getStatus() != OperationStatus.PENDING && intent.getStatus() != OperationStatus.RETRYING) {
            return OperationOutcome.of(intent, false);
        }
        return decide(intent, send);
    }

    /** The retry worker (a node died before deciding it) or a person's Retry: decided and sent now. */
    @Override
    public SmartpayOperation send(SmartpayOperation row, boolean resumed) {
        decide(row, Send.NOW);
        return call.journal.findById(row.getId());
    }

    /**
     * Decides {@code intent} into its operation, then removes it. A refusal leaves it FAILED with the reason and opens
     * a TRIGGER_REFUSED notice. Any other failure is thrown: the intent stays and is decided again later.
     */
    OperationOutcome decide(SmartpayOperation intent, Send send) {
        String key = intent.getOperationKey();
        IntentAction action = IntentAction.ofKey(key);
        long id = IntentAction.entityId(key);
        OperationOutcome outcome;
        try {
            outcome = run(action, id, send);
        } catch (NotPaidWithSmartpayException notForSmartpay) {
            LOG.debug("Smartpay intent {} dropped: {}", key, notForSmartpay.getMessage());
            call.journal.deleteIntent(intent.getId());
            return OperationOutcome.nothingToDo(notForSmartpay.getMessage());
        } catch (SmartpayOperationException | OverRefundException refused) {
            return refused(intent, refused.getMessage());
        }
        call.journal.deleteIntent(intent.getId());
        return outcome;
    }

    private OperationOutcome run(IntentAction action, long id, Send send) {
        switch (action) {
            case CAPTURE_SHIPMENT:
                return captures.captureGroup(id, send);
            case RETURN_SHIPMENT:
                return returns.refundReturnedGroup(id, send);
            case RETURN_ITEMS:
                List<OperationOutcome> items = returns.refundReturnedItems(id, send);
                return items.isEmpty() ? OperationOutcome.nothingToDo("no item of fulfillment group " + id
                        + " is RETURNED") : items.get(0);
            case CANCEL_ORDER:
                return cancels.cancel(id, send);
            default:
                throw new IllegalStateException("unknown intent " + action);
        }
    }

    private OperationOutcome refused(SmartpayOperation intent, String reason) {
        LOG.warn("Smartpay trigger refused; the status change stands: {}", reason);
        SmartpayOperation failed = call.settleFailure(intent, false, REFUSED, reason);
        String what = intent.getDescription() != null ? intent.getDescription() : "A status change";
        notices.raise("trigger:" + intent.getOperationKey(), NoticeKind.TRIGGER_REFUSED, intent.getOrderId(), null,
                what + ", but Smartpay was not asked to move money: " + reason + " Journal row "
                        + intent.getOperationKey() + " is FAILED with this reason; retry it once the cause is settled.");
        return OperationOutcome.of(failed != null ? failed : intent, false);
    }
}
