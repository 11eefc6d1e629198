package org.bnplkit.smartpay.operations;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bnplkit.smartpay.client.RefundReason;
import org.bnplkit.smartpay.journal.OperationKind;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.operations.SmartpayOrderOperations.Send;

/**
 * Items of a fulfillment group an order management system reported cancelled (Broadleaf 6's ItemsCancelledEvent:
 * order item id → units), decided after the report's commit, as the merchant means it (docs/lifecycle.md,
 * "Broadleaf 6.2's order management events"):
 * <ul>
 *   <li>units already paid for (automatic capture, or their group's capture {@code capture:fg:<id>} journaled) are
 *       refunded, their share as a refund by items (request {@code cancel:oms:fg:<id>:<report time>});</li>
 *   <li>otherwise nothing moves while any unit of the order is still to ship (a group is captured as it is when it
 *       ships): the intent stays, SUCCEEDED, as the record of the cancelled units, which later reports take away
 *       too (units marked CANCELLED or taken off the order count as cancelled as well); when the cancelled units
 *       were the last ones, the order's authorization ends like a cancel: nothing
 *       captured → the order's cancel {@code cancel:order:<id>} (the key of an order becoming CANCELLED, so both
 *       cancel once); something captured → the remainder is released ({@code release:order:<id>}), the captures kept.</li>
 * </ul>
 */
final class ItemsCancellation {

    /** A fulfillment-group item's status meaning its units will not ship. */
    private static final String CANCELLED = "CANCELLED";

    private final JournaledCall call;
    private final RefundOperation refunds;
    private final CancelOperation cancels;

    ItemsCancellation(JournaledCall call, RefundOperation refunds, CancelOperation cancels) {
        this.call = call;
        this.refunds = refunds;
        this.cancels = cancels;
    }

    /**
     * Decides a reported cancel's intent. When nothing moves now, the intent is kept, SUCCEEDED, as the record of the
     * cancelled units (later reports count them); otherwise the caller removes it as usual.
     */
    OperationOutcome decide(SmartpayOperation intent, Map<Long, Integer> cancelled, Send send) {
        String key = intent.getOperationKey();
        long fulfillmentGroupId = IntentAction.entityId(key);
        long reportedAt = IntentAction.reportedAt(key);
        long orderId = call.ledger.orderIdOfGroup(fulfillmentGroupId);
        PaidOrder order = call.ledger.load(orderId);
        List<SmartpayOperation> rows = call.journal.findByOrder(orderId);
        if (order.group(fulfillmentGroupId) == null) {
            throw new SmartpayOperationException("Fulfillment group " + fulfillmentGroupId + " is not on order " + orderId);
        }
        if (order.automaticCapture || captured(rows, fulfillmentGroupId)) {
            return refunds.refundItems(orderId, cancelled, RefundReason.REQUESTED_BY_CUSTOMER, "Items cancelled",
                    OperationKeys.reportedCancelRequestId(fulfillmentGroupId, reportedAt), send);
        }
        Map<Long, Map<Long, Integer>> takenAway = recordedCancels(rows);
        String report = fulfillmentGroupId + "@" + reportedAt;
        boolean seenBefore = recordedReports(rows).contains(report);
        if (!seenBefore) {
            Map<Long, Integer> ofGroup = takenAway.computeIfAbsent(fulfillmentGroupId, g -> new HashMap<>());
            cancelled.forEach((item, units) -> ofGroup.merge(item, units, Integer::sum));
        }
        int left = unitsLeftToShip(order, rows, takenAway);
        if (left > 0) {
            if (!seenBefore && call.journal.inNewTransaction(status -> call.journal.markSucceeded(intent, null, 0, call.now()))) {
                intent.setStatus(OperationStatus.SUCCEEDED);
            }
            return OperationOutcome.nothingToDo(left + " unit(s) of order " + orderId + " are still to ship: each"
                    + " shipment is captured as it is when it ships");
        }
        return JournalFacts.capturedOrInFlight(order, rows) == 0 ? cancels.cancel(orderId, send)
                : cancels.releaseRemainder(orderId, send);
    }

    private static boolean captured(List<SmartpayOperation> rows, long fulfillmentGroupId) {
        return JournalFacts.hasLiveRow(rows, OperationKeys.captureGroup(fulfillmentGroupId));
    }

    /** The reported cancels recorded so far: fulfillment group id → (order item id → units), each report once. */
    private static Map<Long, Map<Long, Integer>> recordedCancels(List<SmartpayOperation> rows) {
        Map<Long, Map<Long, Integer>> byGroup = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (SmartpayOperation r : rows) {
            if (isRecord(r) && seen.add(reportOf(r))) {
                Map<Long, Integer> ofGroup = byGroup.computeIfAbsent(IntentAction.entityId(r.getOperationKey()),
                        g -> new HashMap<>());
                for (RefundedItems.Entry e : RefundedItems.of(r)) {
                    ofGroup.merge(e.orderItemId, e.quantity, Integer::sum);
                }
            }
        }
        return byGroup;
    }

    private static Set<String> recordedReports(List<SmartpayOperation> rows) {
        Set<String> reports = new HashSet<>();
        for (SmartpayOperation r : rows) {
            if (isRecord(r)) {
                reports.add(reportOf(r));
            }
        }
        return reports;
    }

    private static boolean isRecord(SmartpayOperation row) {
        return row.getKind() == OperationKind.INTENT && row.getStatus() == OperationStatus.SUCCEEDED
                && IntentAction.ofKey(row.getOperationKey()) == IntentAction.SETTLE_REPORTED_CANCEL;
    }

    private static String reportOf(SmartpayOperation row) {
        return IntentAction.entityId(row.getOperationKey()) + "@" + IntentAction.reportedAt(row.getOperationKey());
    }

    /**
     * Units of the order still to ship once the cancelled units ({@code takenAway}: group → order item → units) are
     * taken away: those of groups not captured, but items marked CANCELLED.
     */
    static int unitsLeftToShip(PaidOrder order, List<SmartpayOperation> rows, Map<Long, Map<Long, Integer>> takenAway) {
        int left = 0;
        for (PaidOrder.Group group : order.groups) {
            if (captured(rows, group.id)) {
                continue;
            }
            Map<Long, Integer> toTake = new HashMap<>(takenAway.getOrDefault(group.id, new HashMap<>()));
            for (PaidOrder.GroupItem item : group.items) {
                if (CANCELLED.equals(item.status)) {
                    continue;
                }
                int taken = Math.min(item.quantity, Math.max(0, toTake.getOrDefault(item.orderItemId, 0)));
                toTake.merge(item.orderItemId, -taken, Integer::sum);
                left += item.quantity - taken;
            }
        }
        return left;
    }
}
