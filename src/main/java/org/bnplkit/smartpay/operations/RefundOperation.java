package org.bnplkit.smartpay.operations;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.bnplkit.smartpay.client.Expand;
import org.bnplkit.smartpay.client.Expandable;
import org.bnplkit.smartpay.client.Payment;
import org.bnplkit.smartpay.client.Refund;
import org.bnplkit.smartpay.client.RefundCreateParams;
import org.bnplkit.smartpay.client.RefundReason;
import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.config.SmartpayClientProvider;
import org.bnplkit.smartpay.config.SmartpayFields;
import org.bnplkit.smartpay.journal.OperationKind;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.money.CaptureBalance;
import org.bnplkit.smartpay.money.ItemRefunds;
import org.bnplkit.smartpay.money.RefundAllocation;
import org.bnplkit.smartpay.money.RefundSlice;
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
        return call.decideAndInsert(new OperationRequest(OperationKeys.refundRequest(requestId), null, orderId, true, send, true),
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
        return call.decideAndInsert(new OperationRequest(OperationKeys.refundRequest(requestId), null, orderId, true, Send.NOW, true),
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
        final RefundReason why = reason == null ? RefundReason.REQUESTED_BY_CUSTOMER : reason;
        // decided under the order's lock: two refunds of the same unit (two staff, the admin and a return) cannot
        // both see it unrefunded
        return call.decideAndInsert(new OperationRequest(OperationKeys.refundRequest(requestId), null, orderId, true, send, true),
                prepared -> {
                    List<RefundedItems.Entry> items = itemsToRefund(prepared, quantities);
                    long amount = 0;
                    for (RefundedItems.Entry e : items) {
                        amount += e.yen;
                    }
                    return Decision.insert(prepareRefund(prepared.order, prepared.rows, amount, why, description,
                            requestId, RefundedItems.format(items)));
                });
    }

    /** The yen owed for returning these units now; refuses units already refunded (by any request, or with their group). */
    static List<RefundedItems.Entry> itemsToRefund(Prepared prepared, Map<Long, Integer> quantities) {
        PaidOrder order = prepared.order;
        Map<Long, Integer> alreadyRefunded = JournalFacts.refundedQuantities(prepared.rows);
        List<RefundedItems.Entry> items = new ArrayList<>();
        for (Map.Entry<Long, Integer> e : new TreeMap<>(quantities).entrySet()) {
            PaidOrder.Line line = order.lines.get(e.getKey());
            if (line == null) {
                throw new SmartpayOperationException("Order item " + e.getKey() + " is not on order " + order.orderId);
            }
            if (GroupMoney.refundedWithItsGroups(order, prepared.rows, e.getKey())) {
                throw new SmartpayOperationException("Order item " + e.getKey() + " was refunded with its returned shipment");
            }
            int returned = alreadyRefunded.getOrDefault(e.getKey(), 0);
            int quantity = e.getValue() == null ? 0 : e.getValue();
            if (quantity <= 0 || returned + quantity > line.quantity) {
                throw new SmartpayOperationException("Cannot return " + quantity + " of order item " + e.getKey() + ": "
                        + line.quantity + " bought, " + returned + " already returned");
            }
            long owed = ItemRefunds.amountFor(line.netPaid, line.quantity, returned, quantity);
            long yen = Math.min(owed, paidLeftFor(prepared, e.getKey(), items));
            if (yen <= 0) {
                throw new SmartpayOperationException("Order item " + e.getKey() + ": nothing paid for its shipment is"
                        + " left to refund (its shipment was not captured, or its goods were refunded already)");
            }
            items.add(new RefundedItems.Entry(e.getKey(), quantity, yen));
        }
        return items;
    }

    /**
     * What the shipments holding the order item still have of what was paid for their goods: each group's captured
     * money less what its items were refunded, less what {@code decided} (this request's earlier items) takes of
     * it. No limit while a capture of one of them is in flight (the order's own limit then applies).
     */
    private static long paidLeftFor(Prepared prepared, long orderItemId, List<RefundedItems.Entry> decided) {
        PaidOrder order = prepared.order;
        long left = 0;
        boolean held = false;
        for (PaidOrder.Group g : order.groups) {
            boolean holds = false;
            for (PaidOrder.GroupItem item : g.items) {
                holds |= item.orderItemId == orderItemId;
            }
            if (!holds) {
                continue;
            }
            held = true;
            long captured = GroupMoney.captured(order, prepared.rows, g.id);
            if (captured == GroupMoney.UNSETTLED) {
                return Long.MAX_VALUE;
            }
            left += captured - GroupMoney.refundedForItems(order, prepared.rows, g.id);
            for (RefundedItems.Entry earlier : decided) {
                for (PaidOrder.GroupItem item : g.items) {
                    if (item.orderItemId == earlier.orderItemId) {
                        left -= earlier.yen;
                        break;
                    }
                }
            }
        }
        return held ? left : Long.MAX_VALUE;
    }

    /**
     * Splits a refund over the order's captures, newest first, each within what it still has (recorded refunds
     * and refunds still in flight both count), and builds the request row plus one row per slice. Throws
     * OverRefundException (nothing journaled) when the order does not have that much left.
     */
    List<SmartpayOperation> prepareRefund(PaidOrder order, List<SmartpayOperation> rows, long amount,
            RefundReason reason, String description, String requestId, String itemQuantities) {
        SmartpayOperation request = requestRow(order, amount, reason, description, requestId, itemQuantities);
        request.setStatus(OperationStatus.SUCCEEDED); // nothing of its own to send: its slices carry the status
        request.setClaimedBy(null);
        request.setClaimedUntil(null);
        List<SmartpayOperation> all = new ArrayList<>();
        all.add(request);
        all.addAll(slices(order, rows, request));
        return all;
    }

    /** The request row of a refund (PENDING, claimed by this node, as any new row). */
    SmartpayOperation requestRow(PaidOrder order, long amount, RefundReason reason, String description,
            String requestId, String itemQuantities) {
        SmartpayOperation request = call.newRow(OperationKeys.refundRequest(requestId), OperationKind.REFUND_REQUEST, order, amount);
        request.setRefundReason(reason.wireValue());
        request.setDescription(RowFields.truncate(description, 255));
        request.setItemQuantities(itemQuantities);
        return request;
    }

    /**
     * The slices of {@code amount} of {@code request} over the order's captures, newest first; throws
     * OverRefundException (nothing journaled) when the order does not have that much left.
     */
    List<SmartpayOperation> slices(PaidOrder order, List<SmartpayOperation> rows, SmartpayOperation request, long amount) {
        String requestId = request.getOperationKey().substring(OperationKeys.refundRequest("").length());
        List<SmartpayOperation> all = new ArrayList<>();
        for (RefundSlice slice : RefundAllocation.allocate(amount, balances(order, rows))) {
            PaidOrder.Capture capture = order.captureByPaymentId(slice.captureId());
            SmartpayOperation row = call.newRow(OperationKeys.refundSlice(requestId, slice.captureId()), OperationKind.REFUND,
                    order, slice.amount());
            row.setParentKey(request.getOperationKey());
            row.setSmartpayPaymentId(slice.captureId());
            row.setParentTransactionId(capture.transactionId);
            row.setRefundReason(request.getRefundReason());
            row.setDescription(RowFields.truncate(request.getDescription(), 80));
            all.add(row);
        }
        return all;
    }

    List<SmartpayOperation> slices(PaidOrder order, List<SmartpayOperation> rows, SmartpayOperation request) {
        return slices(order, rows, request, request.getAmount());
    }

    /** What the order's captures still have, in yen: what a refund decided now can take at most. */
    static long refundable(PaidOrder order, List<SmartpayOperation> rows) {
        long sum = 0;
        for (CaptureBalance b : balances(order, rows)) {
            sum += b.remaining();
        }
        return sum;
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
                    .reference(SmartpayReferences.refund(row))
                    .lineItems(lineItems(row))
                    .metadata(RowFields.operationMetadata(row))
                    .build(), call.idempotencyKey(row));
        }
        String mismatch = SmartpayAnswers.refundMismatch(row, refund);
        if (mismatch != null) {
            return call.settlement.failure(row, false, SmartpayAnswers.MISMATCH, mismatch);
        }
        row.setSmartpayRefundId(refund.id());
        call.reachedSmartpayAnswer();
        Map<String, String> fields = RowFields.fields(row);
        fields.put(SmartpayFields.PAYMENT_ID, row.getSmartpayPaymentId());
        fields.put(SmartpayFields.REFUND_ID, refund.id());
        return call.settlement.success(row, PaymentTransactionType.REFUND, row.getAmount(), fields);
    }

    /**
     * The Smartpay line items of what the slice's request refunds: the items it names, or the items of the shipment
     * it returns; null (a refund by amount) when it names none, or when the order's checkout did not record its
     * line items (orders from before the module kept them).
     */
    private List<String> lineItems(SmartpayOperation slice) {
        SmartpayOperation request = slice.getParentKey() == null ? null : call.journal.find(slice.getParentKey());
        if (request == null) {
            return null;
        }
        Set<Long> orderItems = new LinkedHashSet<>();
        for (RefundedItems.Entry e : RefundedItems.of(request)) {
            orderItems.add(e.orderItemId);
        }
        if (orderItems.isEmpty() && request.getFulfillmentGroupId() != null) {
            PaidOrder.Group group = call.ledger.load(slice.getOrderId()).group(request.getFulfillmentGroupId());
            for (PaidOrder.GroupItem item : group == null ? Collections.<PaidOrder.GroupItem>emptyList() : group.items) {
                orderItems.add(item.orderItemId);
            }
        }
        if (orderItems.isEmpty()) {
            return null;
        }
        Map<Long, String> known = call.ledger.smartpayLineItems(slice.getOrderId());
        List<String> ids = new ArrayList<>();
        for (Long orderItem : orderItems) {
            String id = known.get(orderItem);
            if (id == null) {
                return null; // a partial list would tell Smartpay less was returned than was
            }
            ids.add(id);
        }
        return ids;
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
