package org.bnplkit.smartpay.operations;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.bnplkit.smartpay.client.RefundReason;
import org.bnplkit.smartpay.journal.OperationKind;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.money.ItemRefunds;
import org.bnplkit.smartpay.money.OverRefundException;
import org.bnplkit.smartpay.operations.SmartpayOrderOperations.Send;

/**
 * Returns: a fulfillment group that came back whole (request {@code return:fg:<id>}) or items of it
 * ({@code return:fgi:<id>}). The intent is journaled whatever the group's capture is doing: a return whose capture
 * is still in flight waits (its request row stays PENDING/RETRYING and this class sends it when the capture has
 * settled), and a capture resumed after its group came back is not sent. A return refunds what was captured for
 * the group less what its items were already refunded, never more than the order's captures still have
 * ({@link GroupMoney}); a refusal is journaled as a FAILED request with its reason, never only logged.
 */
final class ReturnOperation implements JournaledCall.Sender {

    private final JournaledCall call;
    private final RefundOperation refunds;

    ReturnOperation(JournaledCall call, RefundOperation refunds) {
        this.call = call;
        this.refunds = refunds;
        call.register(OperationKind.REFUND_REQUEST, this);
    }

    OperationOutcome refundReturnedGroup(final long fulfillmentGroupId, Send send) {
        long orderId = call.ledger.orderIdOfGroup(fulfillmentGroupId);
        String requestId = OperationKeys.groupReturnRequestId(fulfillmentGroupId);
        SmartpayOperation existing = refunds.existingRequest(orderId, requestId);
        if (existing != null) {
            return call.outcome(existing, false);
        }
        return call.decideAndInsert(new OperationRequest(OperationKeys.refundRequest(requestId), null, orderId, true, send, true),
                prepared -> {
                    List<SmartpayOperation> rows = groupReturn(prepared, fulfillmentGroupId, null);
                    if (rows == null) { // its capture is in flight: journal the intent, decided once it settles
                        SmartpayOperation waiting = refunds.requestRow(prepared.order, 0, RefundReason.REQUESTED_BY_CUSTOMER,
                                description(fulfillmentGroupId), requestId, null);
                        waiting.setFulfillmentGroupId(fulfillmentGroupId);
                        return Decision.insert(waiting);
                    }
                    return Decision.insert(rows);
                });
    }

    /**
     * The rows of a group's return decided now: the request (unless {@code waiting}, the request journaled while
     * the capture was in flight, is being decided) and its slices; null while the group's capture is in flight, or
     * while another capture of the order is and the return cannot be refunded in full without it.
     */
    private List<SmartpayOperation> groupReturn(Prepared prepared, long fulfillmentGroupId, SmartpayOperation waiting) {
        PaidOrder order = prepared.order;
        if (order.group(fulfillmentGroupId) == null) {
            throw new SmartpayOperationException("Fulfillment group " + fulfillmentGroupId + " is not on order " + order.orderId);
        }
        long captured = GroupMoney.captured(order, prepared.rows, fulfillmentGroupId);
        if (captured == GroupMoney.UNSETTLED) {
            return null;
        }
        long owed = captured - GroupMoney.refundedForItems(order, prepared.rows, fulfillmentGroupId);
        long amount = Math.max(0, Math.min(owed, RefundOperation.refundable(order, prepared.rows)));
        if (amount < owed && JournalFacts.captureInFlight(prepared.rows)) {
            return null; // another shipment's capture will bring the money to refund this return from: wait for it
        }
        SmartpayOperation request = waiting != null ? waiting : refunds.requestRow(order, amount,
                RefundReason.REQUESTED_BY_CUSTOMER, description(fulfillmentGroupId),
                OperationKeys.groupReturnRequestId(fulfillmentGroupId), null);
        request.setFulfillmentGroupId(fulfillmentGroupId);
        List<SmartpayOperation> rows = new ArrayList<>();
        if (waiting == null) {
            // nothing of its own to send, even at 0 (nothing captured, or its items already refunded): it marks the
            // group returned, so a capture of it still waiting is not sent
            request.setStatus(OperationStatus.SUCCEEDED);
            request.setClaimedBy(null);
            request.setClaimedUntil(null);
            rows.add(request);
        }
        if (amount > 0) {
            rows.addAll(refunds.slices(order, prepared.rows, request, amount));
        }
        return rows;
    }

    /** A waiting return (of a group, or of an item): decided now if the group's capture has settled, else looked at again soon. */
    @Override
    public SmartpayOperation send(final SmartpayOperation row, boolean resumed) {
        if (row.getFulfillmentGroupId() == null) {
            return row; // an ordinary request: its slices carry the status
        }
        final long[] amount = new long[1];
        final List<RefundedItems.Entry> item = RefundedItems.of(row);
        final String requestId = row.getOperationKey().substring(OperationKeys.refundRequest("").length());
        List<SmartpayOperation> slices = call.underOrderLock(row.getOrderId(), true, prepared -> {
            List<SmartpayOperation> decided = item.isEmpty()
                    ? groupReturn(prepared, row.getFulfillmentGroupId(), row)
                    : itemReturn(prepared, row.getFulfillmentGroupId(), item.get(0).orderItemId, item.get(0).quantity,
                            requestId, row.getDescription(), row);
            if (decided == null) {
                return null;
            }
            for (SmartpayOperation slice : decided) {
                amount[0] += slice.getAmount();
            }
            if (!call.journal.markSucceeded(row, null, amount[0], call.now())) {
                return Collections.<SmartpayOperation>emptyList(); // another node decided it
            }
            call.journal.insertInCurrentTransaction(decided);
            return decided;
        });
        if (slices == null) {
            return call.settlement.postpone(row, "capture.in-flight", "Waiting for the capture of shipment "
                    + row.getFulfillmentGroupId() + " to settle before refunding its return");
        }
        for (SmartpayOperation slice : slices) {
            call.execute(slice, false);
        }
        return call.journal.findById(row.getId());
    }

    /**
     * Items of the group whose item status is RETURNED: each refunded its units not refunded yet (an admin may
     * have refunded some before they came back), at most what is left of the group's capture and of the order's
     * captures, one request per item, so items returned later are refunded then. An item that cannot be refunded
     * is journaled FAILED with the reason; the others go on.
     */
    List<OperationOutcome> refundReturnedItems(long fulfillmentGroupId, Send send) {
        long orderId = call.ledger.orderIdOfGroup(fulfillmentGroupId);
        PaidOrder snapshot = call.ledger.load(orderId);
        List<OperationOutcome> out = new ArrayList<>();
        for (final PaidOrder.GroupItem item : snapshot.group(fulfillmentGroupId).items) {
            if (!"RETURNED".equals(item.status)) {
                continue;
            }
            final String requestId = OperationKeys.itemReturnRequestId(item.id);
            try {
                SmartpayOperation existing = refunds.existingRequest(orderId, requestId);
                if (existing != null) {
                    out.add(call.outcome(existing, false));
                    continue;
                }
                out.add(call.decideAndInsert(new OperationRequest(OperationKeys.refundRequest(requestId), null, orderId, true, send, true),
                        prepared -> {
                            List<SmartpayOperation> rows = itemReturn(prepared, fulfillmentGroupId, item.orderItemId,
                                    item.quantity, requestId, itemDescription(item.id, fulfillmentGroupId), null);
                            if (rows == null) { // the group's capture is in flight: journal the intent, decided once it settles
                                SmartpayOperation waiting = refunds.requestRow(prepared.order, 0,
                                        RefundReason.REQUESTED_BY_CUSTOMER, itemDescription(item.id, fulfillmentGroupId),
                                        requestId, RefundedItems.format(Collections.singletonList(
                                                new RefundedItems.Entry(item.orderItemId, item.quantity, -1))));
                                waiting.setFulfillmentGroupId(fulfillmentGroupId);
                                return Decision.insert(waiting);
                            }
                            if (rows.isEmpty()) {
                                return Decision.nothing(OperationOutcome.nothingToDo("order item " + item.orderItemId
                                        + " has nothing left to refund"));
                            }
                            return Decision.insert(rows);
                        }));
            } catch (SmartpayOperationException | OverRefundException refused) {
                out.add(refused(snapshot, requestId, refused.getMessage()));
            }
        }
        return out;
    }

    /**
     * The rows of an item's return decided now: the request (unless {@code waiting}, the request journaled while the
     * group's capture was in flight, is being decided) and its slices, for the units not refunded yet, at most what
     * is left ({@link #leftFor}); empty when nothing is left to refund; null while the group's capture is in flight.
     */
    private List<SmartpayOperation> itemReturn(Prepared prepared, long fulfillmentGroupId, long orderItemId, int quantity,
            String requestId, String description, SmartpayOperation waiting) {
        PaidOrder order = prepared.order;
        PaidOrder.Line line = order.lines.get(orderItemId);
        List<SmartpayOperation> others = new ArrayList<>(prepared.rows);
        others.removeIf(r -> r.getOperationKey().equals(OperationKeys.refundRequest(requestId)));
        int refunded = JournalFacts.refundedQuantities(others).getOrDefault(orderItemId, 0);
        int units = line == null ? 0 : Math.min(quantity, line.quantity - refunded);
        if (units <= 0 || GroupMoney.refundedWithItsGroups(order, others, orderItemId)) {
            return Collections.emptyList();
        }
        if (GroupMoney.captured(order, others, fulfillmentGroupId) == GroupMoney.UNSETTLED) {
            return null;
        }
        long owed = ItemRefunds.amountFor(line.netPaid, line.quantity, refunded, units);
        long amount = Math.min(owed, leftFor(new Prepared(order, others), fulfillmentGroupId));
        if (amount < owed && JournalFacts.captureInFlight(others)) {
            return null; // another shipment's capture will bring the money to refund these items from: wait for it
        }
        if (amount <= 0) {
            return Collections.emptyList();
        }
        if (waiting != null) {
            return refunds.slices(order, others, waiting, amount);
        }
        return refunds.prepareRefund(order, others, amount, RefundReason.REQUESTED_BY_CUSTOMER,
                description, requestId, RefundedItems.format(Collections.singletonList(
                        new RefundedItems.Entry(orderItemId, units, amount))));
    }

    private static String itemDescription(long fulfillmentGroupItemId, long fulfillmentGroupId) {
        return "Returned item " + fulfillmentGroupItemId + " of shipment " + fulfillmentGroupId;
    }

    /**
     * The most a return of the group's items can still refund: what was captured for the group less what its items
     * were refunded, and never more than the order's captures still have (a refund by amount may have taken it).
     */
    private static long leftFor(Prepared prepared, long fulfillmentGroupId) {
        long left = RefundOperation.refundable(prepared.order, prepared.rows);
        long captured = GroupMoney.captured(prepared.order, prepared.rows, fulfillmentGroupId);
        if (captured != GroupMoney.UNSETTLED) {
            left = Math.min(left, captured - GroupMoney.refundedForItems(prepared.order, prepared.rows, fulfillmentGroupId));
        }
        return left;
    }

    /** Journals a return that could not be refunded as a FAILED request with the reason, for a person to act on. */
    private OperationOutcome refused(PaidOrder order, String requestId, String reason) {
        SmartpayOperation row = refunds.requestRow(order, 0, RefundReason.REQUESTED_BY_CUSTOMER, reason, requestId, null);
        row.setStatus(OperationStatus.FAILED);
        row.setClaimedBy(null);
        row.setClaimedUntil(null);
        row.setLastErrorCode("refund.refused");
        row.setLastErrorMessage(reason);
        return call.outcome(call.journal.insertIfAbsent(row).row(), true);
    }

    private static String description(long fulfillmentGroupId) {
        return "Returned shipment " + fulfillmentGroupId;
    }
}
