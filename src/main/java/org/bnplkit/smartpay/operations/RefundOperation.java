package org.bnplkit.smartpay.operations;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bnplkit.smartpay.client.Expand;
import org.bnplkit.smartpay.client.Expandable;
import org.bnplkit.smartpay.client.Payment;
import org.bnplkit.smartpay.client.Refund;
import org.bnplkit.smartpay.client.RefundCreateParams;
import org.bnplkit.smartpay.client.RefundReason;
import org.bnplkit.smartpay.client.RequestOptions;
import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.config.SmartpayClientProvider;
import org.bnplkit.smartpay.config.SmartpayFields;
import org.bnplkit.smartpay.journal.OperationKind;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.money.CaptureBalance;
import org.bnplkit.smartpay.money.FulfillmentShares;
import org.bnplkit.smartpay.money.ItemRefunds;
import org.bnplkit.smartpay.money.RefundAllocation;
import org.bnplkit.smartpay.money.RefundSlice;
import org.bnplkit.smartpay.operations.JournaledCall.Decision;
import org.bnplkit.smartpay.operations.JournaledCall.Request;
import org.bnplkit.smartpay.operations.SmartpayOrderOperations.Send;
import org.broadleafcommerce.common.payment.PaymentTransactionType;

/**
 * Refunds: an amount, one capture's refund, returned items, a returned fulfillment group. A refund request
 * ({@code refund:<requestId>}) is split over the order's captures newest first, one slice per capture
 * ({@code refund:<requestId>:<paymentId>}), each recorded as a REFUND under its CAPTURE.
 */
final class RefundOperation implements JournaledCall.Sender {

    static final int MAX_REQUEST_ID_LENGTH = 120;

    private final JournaledCall call;
    private final SmartpayClientProvider clientProvider;

    RefundOperation(JournaledCall call, SmartpayClientProvider clientProvider) {
        this.call = call;
        this.clientProvider = clientProvider;
        call.register(OperationKind.REFUND, this);
    }

    OperationOutcome refund(long orderId, long amount, RefundReason reason, String description, String requestId,
            String itemQuantities, Send send) {
        SmartpayOperation existing = existingRequest(orderId, requestId);
        if (existing != null) {
            return call.outcome(existing, false);
        }
        if (amount <= 0) {
            throw new SmartpayOperationException("A refund must be a positive amount of yen, not " + amount);
        }
        final RefundReason why = reason == null ? RefundReason.REQUESTED_BY_CUSTOMER : reason;
        return call.decideAndInsert(new Request(OperationKeys.refundRequest(requestId), null, orderId, true, send, true),
                prepared -> Decision.insert(prepareRefund(prepared.order, prepared.rows, amount, why, description,
                        requestId, itemQuantities)));
    }

    OperationOutcome refundCapture(final long orderId, final String smartpayPaymentId, final long amount,
            final RefundReason reason, final String description, final String requestId) {
        SmartpayOperation existing = existingRequest(orderId, requestId);
        if (existing != null) {
            return call.outcome(existing, false);
        }
        if (amount <= 0) {
            throw new SmartpayOperationException("A refund must be a positive amount of yen, not " + amount);
        }
        return call.decideAndInsert(new Request(OperationKeys.refundRequest(requestId), null, orderId, true, Send.NOW, true),
                prepared -> {
                    PaidOrder.Capture capture = smartpayPaymentId == null ? null
                            : prepared.order.captureByPaymentId(smartpayPaymentId);
                    if (capture == null) {
                        throw new SmartpayOperationException("Smartpay payment " + smartpayPaymentId
                                + " is not a recorded capture of order " + orderId);
                    }
                    return Decision.insert(prepareRefund(prepared.order.withOnlyCapture(capture), prepared.rows, amount,
                            reason == null ? RefundReason.REQUESTED_BY_CUSTOMER : reason, description, requestId, null));
                });
    }

    OperationOutcome refundItems(long orderId, Map<Long, Integer> quantities, RefundReason reason,
            String description, String requestId, Send send) {
        SmartpayOperation existing = existingRequest(orderId, requestId);
        if (existing != null) {
            return call.outcome(existing, false);
        }
        if (quantities == null || quantities.isEmpty()) {
            throw new SmartpayOperationException("No items to refund");
        }
        PaidOrder order = call.ledger.load(orderId);
        Map<Long, Integer> alreadyReturned = JournalFacts.refundedQuantities(call.journal.findByOrder(orderId));
        long amount = 0;
        StringBuilder items = new StringBuilder();
        for (Map.Entry<Long, Integer> e : new TreeMap<>(quantities).entrySet()) {
            PaidOrder.Line line = order.lines.get(e.getKey());
            if (line == null) {
                throw new SmartpayOperationException("Order item " + e.getKey() + " is not on order " + orderId);
            }
            int returned = alreadyReturned.getOrDefault(e.getKey(), 0);
            int quantity = e.getValue() == null ? 0 : e.getValue();
            if (quantity <= 0 || returned + quantity > line.quantity) {
                throw new SmartpayOperationException("Cannot return " + quantity + " of order item " + e.getKey() + ": "
                        + line.quantity + " bought, " + returned + " already returned");
            }
            amount += ItemRefunds.amountFor(line.netPaid, line.quantity, returned, quantity);
            items.append(items.length() == 0 ? "" : ",").append(e.getKey()).append(':').append(quantity);
        }
        return refund(orderId, amount, reason, description, requestId, items.toString(), send);
    }

    OperationOutcome refundReturnedGroup(long fulfillmentGroupId, Send send) {
        long orderId = call.ledger.orderIdOfGroup(fulfillmentGroupId);
        String requestId = OperationKeys.groupReturnRequestId(fulfillmentGroupId);
        SmartpayOperation existing = existingRequest(orderId, requestId);
        if (existing != null) {
            return call.outcome(existing, false);
        }
        PaidOrder order = call.ledger.load(orderId);
        PaidOrder.Group group = order.group(fulfillmentGroupId);
        long captured;
        if (order.automaticCapture) {
            List<Long> gross = new ArrayList<>();
            for (PaidOrder.Group g : order.groups) {
                gross.add(g.gross);
            }
            captured = FulfillmentShares.allocate(order.authorized, gross).get(order.groups.indexOf(group));
        } else {
            SmartpayOperation capture = call.journal.find(OperationKeys.captureGroup(fulfillmentGroupId));
            if (capture == null || capture.getStatus() != OperationStatus.SUCCEEDED) {
                return OperationOutcome.nothingToDo("fulfillment group " + fulfillmentGroupId
                        + " has no completed capture: nothing to refund" + (capture == null ? "" : " (capture is " + capture.getStatus() + ")"));
            }
            captured = capture.getAmount();
        }
        long itemsRefunded = 0;
        for (PaidOrder.GroupItem item : group.items) {
            SmartpayOperation itemRequest = call.journal.find(OperationKeys.refundRequest(OperationKeys.itemReturnRequestId(item.id)));
            if (itemRequest != null) {
                itemsRefunded += itemRequest.getAmount();
            }
        }
        long amount = captured - itemsRefunded;
        if (amount <= 0) {
            return OperationOutcome.nothingToDo("fulfillment group " + fulfillmentGroupId + " was already refunded item by item");
        }
        return refund(orderId, amount, RefundReason.REQUESTED_BY_CUSTOMER, "Returned shipment " + fulfillmentGroupId,
                requestId, null, send);
    }

    List<OperationOutcome> refundReturnedItems(long fulfillmentGroupId, Send send) {
        long orderId = call.ledger.orderIdOfGroup(fulfillmentGroupId);
        PaidOrder order = call.ledger.load(orderId);
        List<OperationOutcome> out = new ArrayList<>();
        for (PaidOrder.GroupItem item : order.group(fulfillmentGroupId).items) {
            if (!"RETURNED".equals(item.status)) {
                continue;
            }
            Map<Long, Integer> quantities = new LinkedHashMap<>();
            quantities.put(item.orderItemId, item.quantity);
            out.add(refundItems(orderId, quantities, RefundReason.REQUESTED_BY_CUSTOMER,
                    "Returned item " + item.id + " of shipment " + fulfillmentGroupId,
                    OperationKeys.itemReturnRequestId(item.id), send));
        }
        return out;
    }

    /**
     * Splits a refund over the order's captures, newest first, each within what it still has (recorded refunds
     * and refunds still in flight both count), and builds the request row plus one row per slice. Throws
     * OverRefundException (nothing journaled) when the order does not have that much left.
     */
    List<SmartpayOperation> prepareRefund(PaidOrder order, List<SmartpayOperation> rows, long amount,
            RefundReason reason, String description, String requestId, String itemQuantities) {
        List<RefundSlice> slices = RefundAllocation.allocate(amount, balances(order, rows));

        SmartpayOperation request = call.newRow(OperationKeys.refundRequest(requestId), OperationKind.REFUND_REQUEST, order, amount);
        request.setStatus(OperationStatus.SUCCEEDED); // nothing of its own to send: its slices carry the status
        request.setClaimedBy(null);
        request.setClaimedUntil(null);
        request.setRefundReason(reason.wireValue());
        request.setDescription(JournaledCall.truncate(description, 255));
        request.setItemQuantities(itemQuantities);
        List<SmartpayOperation> all = new ArrayList<>();
        all.add(request);
        for (RefundSlice slice : slices) {
            PaidOrder.Capture capture = order.captureByPaymentId(slice.captureId());
            SmartpayOperation row = call.newRow(OperationKeys.refundSlice(requestId, slice.captureId()), OperationKind.REFUND,
                    order, slice.amount());
            row.setParentKey(request.getOperationKey());
            row.setSmartpayPaymentId(slice.captureId());
            row.setParentTransactionId(capture.transactionId);
            row.setRefundReason(reason.wireValue());
            row.setDescription(JournaledCall.truncate(description, 80));
            all.add(row);
        }
        return all;
    }

    /**
     * What each capture still has. A refund counts against its capture until the order read shows its
     * transaction: still in flight, or settled after the order was read (its transaction then missing from
     * order.captures' refunded sums).
     */
    static List<CaptureBalance> balances(PaidOrder order, List<SmartpayOperation> rows) {
        Map<String, Long> inFlight = new HashMap<>();
        for (SmartpayOperation r : rows) {
            boolean notYetInOrder = !r.getStatus().isFinal() || (r.getStatus() == OperationStatus.SUCCEEDED
                    && !order.refundTransactionIds.contains(r.getPaymentTransactionId()));
            if (r.getKind() == OperationKind.REFUND && notYetInOrder) {
                inFlight.merge(r.getSmartpayPaymentId(), r.getAmount(), Long::sum);
            }
        }
        List<CaptureBalance> balances = new ArrayList<>();
        for (PaidOrder.Capture c : order.captures) {
            balances.add(CaptureBalance.of(c.smartpayPaymentId, c.amount,
                    Math.min(c.amount, c.refunded + inFlight.getOrDefault(c.smartpayPaymentId, 0L)), c.transactionId));
        }
        return balances;
    }

    SmartpayOperation existingRequest(long orderId, String requestId) {
        if (requestId == null || requestId.trim().isEmpty() || requestId.length() > MAX_REQUEST_ID_LENGTH) {
            throw new SmartpayOperationException("A refund needs a request id of 1 to " + MAX_REQUEST_ID_LENGTH
                    + " characters (the caller's id of this refund: it makes the refund happen once)");
        }
        SmartpayOperation existing = call.journal.find(OperationKeys.refundRequest(requestId));
        if (existing != null && existing.getOrderId() != orderId) {
            throw new SmartpayOperationException("Refund request id '" + requestId + "' was already used for order "
                    + existing.getOrderId());
        }
        return existing;
    }

    @Override
    public SmartpayOperation send(SmartpayOperation row, boolean resumed) {
        SmartpayClient client = clientProvider.client();
        Refund refund = resumed ? findSentRefund(client, row) : null;
        if (refund == null) {
            refund = client.createRefund(RefundCreateParams.builder()
                    .payment(row.getSmartpayPaymentId())
                    .amount(row.getAmount())
                    .currency(row.getCurrency())
                    .reason(reason(row.getRefundReason()))
                    .description(row.getDescription())
                    .metadata(JournaledCall.operationMetadata(row))
                    .build(), RequestOptions.idempotencyKey(row.getOperationKey()));
        }
        row.setSmartpayRefundId(refund.id());
        call.reachedSmartpayAnswer();
        Map<String, String> fields = JournaledCall.fields(row);
        fields.put(SmartpayFields.PAYMENT_ID, row.getSmartpayPaymentId());
        fields.put(SmartpayFields.REFUND_ID, refund.id());
        return call.settleSuccess(row, PaymentTransactionType.REFUND, row.getAmount(), fields);
    }

    private static Refund findSentRefund(SmartpayClient client, SmartpayOperation row) {
        Payment payment = client.getPayment(row.getSmartpayPaymentId(), Expand.ALL);
        if (payment.refunds() == null) {
            return null;
        }
        for (Expandable<Refund> r : payment.refunds()) {
            Refund refund = r.isExpanded() ? r.expanded() : client.getRefund(r.id(), Expand.NO);
            if (refund != null && refund.metadata() != null
                    && row.getOperationKey().equals(refund.metadata().get(SmartpayFields.OPERATION_KEY))) {
                return refund;
            }
        }
        return null;
    }

    private static RefundReason reason(String wireValue) {
        for (RefundReason r : RefundReason.values()) {
            if (r.wireValue().equals(wireValue)) {
                return r;
            }
        }
        return RefundReason.REQUESTED_BY_CUSTOMER;
    }
}
