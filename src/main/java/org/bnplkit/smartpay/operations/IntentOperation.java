package org.bnplkit.smartpay.operations;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.bnplkit.smartpay.client.RefundReason;
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
    private final RefundOperation refunds;
    private final CancelOperation cancels;
    private final ItemsCancellation itemsCancellations;
    private final SmartpayNotices notices;

    IntentOperation(JournaledCall call, CaptureOperation captures, ReturnOperation returns, RefundOperation refunds,
            CancelOperation cancels, SmartpayNotices notices) {
        this.call = call;
        this.captures = captures;
        this.returns = returns;
        this.refunds = refunds;
        this.cancels = cancels;
        this.itemsCancellations = new ItemsCancellation(call, refunds, cancels);
        this.notices = notices;
        call.register(OperationKind.INTENT, this);
    }

    SmartpayOperation newIntent(IntentAction action, long orderId, Long fulfillmentGroupId, String description) {
        return row(action, orderId, fulfillmentGroupId, action.key(entity(action, orderId, fulfillmentGroupId), nonce()),
                description);
    }

    /** A reported change's intent: the report's time in its key, the units it names in ITEM_QUANTITIES. */
    SmartpayOperation newReportedIntent(IntentAction action, long orderId, Long fulfillmentGroupId,
            Map<Long, Integer> quantities, long reportedAt, String description) {
        SmartpayOperation row = row(action, orderId, fulfillmentGroupId,
                action.reportKey(entity(action, orderId, fulfillmentGroupId), reportedAt, nonce()), description);
        if (quantities != null && !quantities.isEmpty()) {
            List<RefundedItems.Entry> units = new ArrayList<>();
            for (Map.Entry<Long, Integer> e : new TreeMap<>(quantities).entrySet()) {
                units.add(new RefundedItems.Entry(e.getKey(), e.getValue(), 0));
            }
            row.setItemQuantities(RefundedItems.format(units));
        }
        return row;
    }

    private static long entity(IntentAction action, long orderId, Long fulfillmentGroupId) {
        if (action.ofFulfillmentGroup() && fulfillmentGroupId == null) {
            throw new IllegalArgumentException(action + " needs a fulfillment group");
        }
        return action.ofFulfillmentGroup() ? fulfillmentGroupId : orderId;
    }

    private static String nonce() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private SmartpayOperation row(IntentAction action, long orderId, Long fulfillmentGroupId, String key,
            String description) {
        Date now = call.now();
        SmartpayOperation row = new SmartpayOperation();
        row.setOperationKey(key);
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

    /**
     * A change reported outside any transaction: its intent is journaled in a transaction of its own, then decided
     * (so a node dying in between still leaves it to the retry worker; so does a decision that fails). An order not
     * paid with Smartpay journals nothing; an unknown fulfillment group is refused.
     */
    OperationOutcome journalAndDecide(IntentAction action, long entityId, Map<Long, Integer> quantities,
            long reportedAt, String description, Send send) {
        long orderId = action.ofFulfillmentGroup() ? call.ledger.orderIdOfGroup(entityId) : entityId;
        call.ledger.load(orderId); // refuses (NotPaidWithSmartpayException) an order not paid with Smartpay
        SmartpayOperation intent = newReportedIntent(action, orderId, action.ofFulfillmentGroup() ? entityId : null,
                quantities, reportedAt, description);
        call.journal.insertIfAbsent(intent);
        try {
            return decide(intent.getOperationKey(), send);
        } catch (RuntimeException e) {
            // the intent is committed: the retry worker decides it once this node's lease on it has run out
            LOG.warn("Smartpay intent {} ({}) could not be decided; the retry worker will: {}", intent.getOperationKey(),
                    description, e.toString());
            return OperationOutcome.of(intent, true);
        }
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
            outcome = run(action, id, intent, send);
        } catch (NotPaidWithSmartpayException notForSmartpay) {
            LOG.debug("Smartpay intent {} dropped: {}", key, notForSmartpay.getMessage());
            call.journal.deleteIntent(intent.getId());
            return OperationOutcome.nothingToDo(notForSmartpay.getMessage());
        } catch (SmartpayOperationException | OverRefundException refused) {
            return refused(intent, refused.getMessage());
        }
        if (intent.getStatus() != OperationStatus.SUCCEEDED) { // else kept as a record (a reported cancel's units)
            call.journal.deleteIntent(intent.getId());
        }
        return outcome;
    }

    private OperationOutcome run(IntentAction action, long id, SmartpayOperation intent, Send send) {
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
            case REFUND_REPORTED_RETURN:
                return refunds.refundItems(id, units(intent), RefundReason.REQUESTED_BY_CUSTOMER, "Items returned",
                        OperationKeys.reportedReturnRequestId(id, IntentAction.reportedAt(intent.getOperationKey())), send);
            case SETTLE_REPORTED_CANCEL:
                return itemsCancellations.decide(intent, units(intent), send);
            default:
                throw new IllegalStateException("unknown intent " + action);
        }
    }

    /** The units a reported change's intent names (order item id → units). */
    private static Map<Long, Integer> units(SmartpayOperation intent) {
        Map<Long, Integer> units = new LinkedHashMap<>();
        for (RefundedItems.Entry e : RefundedItems.of(intent)) {
            units.merge(e.orderItemId, e.quantity, Integer::sum);
        }
        return units;
    }

    private OperationOutcome refused(SmartpayOperation intent, String reason) {
        LOG.warn("Smartpay trigger refused; the status change stands: {}", reason);
        SmartpayOperation failed = call.settlement.failure(intent, false, REFUSED, reason);
        String what = intent.getDescription() != null ? intent.getDescription() : "A status change";
        notices.raise("trigger:" + intent.getOperationKey(), NoticeKind.TRIGGER_REFUSED, intent.getOrderId(), null,
                what + ", but Smartpay was not asked to move money: " + reason + " Journal row "
                        + intent.getOperationKey() + " is FAILED with this reason; retry it once the cause is settled.");
        return OperationOutcome.of(failed != null ? failed : intent, false);
    }
}
