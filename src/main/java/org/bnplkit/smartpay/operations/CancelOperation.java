package org.bnplkit.smartpay.operations;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bnplkit.smartpay.client.Expand;
import org.bnplkit.smartpay.client.Expandable;
import org.bnplkit.smartpay.client.Order;
import org.bnplkit.smartpay.client.OrderStatus;
import org.bnplkit.smartpay.client.Payment;
import org.bnplkit.smartpay.client.RefundReason;
import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.config.SmartpayClientProvider;
import org.bnplkit.smartpay.journal.OperationKind;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.operations.SmartpayOrderOperations.Send;
import org.broadleafcommerce.common.payment.PaymentTransactionType;

/**
 * The order's cancellation ({@code cancel:order:<id>}): releases what is still authorized at Smartpay (a
 * REVERSE_AUTH under the AUTHORIZE) and, when configured or when capture was automatic, refunds what was captured
 * (request {@code cancel:order:<id>}, through {@link RefundOperation}).
 */
final class CancelOperation implements JournaledCall.Sender {

    private final JournaledCall call;
    private final SmartpayClientProvider clientProvider;
    private final RefundOperation refunds;

    CancelOperation(JournaledCall call, SmartpayClientProvider clientProvider, RefundOperation refunds) {
        this.call = call;
        this.clientProvider = clientProvider;
        this.refunds = refunds;
        call.register(OperationKind.CANCEL, this);
    }

    OperationOutcome cancel(final long orderId, Send send) {
        final String key = OperationKeys.cancelOrder(orderId);
        return call.decideAndInsert(new OperationRequest(key, null, orderId, false, send, false), prepared -> {
            PaidOrder order = prepared.order;
            SmartpayOperation row = call.newRow(key, OperationKind.CANCEL, order,
                    Math.max(0, order.authorized - order.capturedRecorded()));
            row.setParentTransactionId(order.authorizeTransactionId);
            row.setDescription("Order cancelled");
            return Decision.insert(row);
        });
    }

    OperationOutcome releaseRemainder(final long orderId) {
        return releaseRemainder(orderId, Send.NOW);
    }

    OperationOutcome releaseRemainder(final long orderId, Send send) {
        return call.decideAndInsert(new OperationRequest(OperationKeys.releaseRemainder(orderId), null, orderId, false, send, false), prepared -> {
            PaidOrder order = prepared.order;
            if (order.automaticCapture) {
                return Decision.nothing(OperationOutcome.nothingToDo("captured in full at checkout (automatic capture)"));
            }
            if (JournalFacts.cancelOf(prepared.rows) != null) {
                return Decision.nothing(OperationOutcome.nothingToDo("order " + orderId + " was already cancelled or released"));
            }
            return Decision.insert(remainderRow(order, Math.max(0, order.authorized
                    - JournalFacts.capturedOrInFlight(order, prepared.rows))));
        });
    }

    /** The row releasing what stays authorized once the captures in flight have settled; keeps the captures. */
    SmartpayOperation remainderRow(PaidOrder order, long expected) {
        SmartpayOperation row = call.newRow(OperationKeys.releaseRemainder(order.orderId), OperationKind.CANCEL, order, expected);
        row.setParentTransactionId(order.authorizeTransactionId);
        row.setDescription("Remainder released; captures kept");
        return row;
    }

    /**
     * What a cancel of the order would refund now, captures still in flight included (0 once the order's cancel is
     * journaled).
     */
    long refundOnCancel(long orderId) {
        PaidOrder order = call.ledger.load(orderId);
        if (call.journal.find(OperationKeys.cancelOrder(orderId)) != null || !refundsCaptures(order)) {
            return 0L;
        }
        long refundable = 0;
        for (PaidOrder.Capture c : order.captures) {
            refundable += c.amount - c.refunded;
        }
        // a capture still in flight is waited for by the cancel, and then refunded too
        for (SmartpayOperation r : call.journal.findByOrder(orderId)) {
            if (r.getKind() == OperationKind.CAPTURE && !r.getStatus().isFinal()) {
                refundable += r.getAmount();
            }
        }
        return refundable;
    }

    private boolean refundsCaptures(PaidOrder order) {
        return order.automaticCapture || call.settings.refundCapturedOnCancel();
    }

    /**
     * Waits for captures still in flight (so it knows what was captured), cancels at Smartpay what is still
     * authorized there, then settles from Smartpay's answer and the order as it is now (under the order's lock):
     * a REVERSE_AUTH for what was released and not recorded yet (a cancel made in Smartpay's dashboard, or an
     * expiry, may have been imported first), and — when configured, or when capture was automatic — the refund of
     * whatever the captures still have (refunds in flight count). Then sends that refund.
     */
    @Override
    public SmartpayOperation send(SmartpayOperation row, boolean resumed) {
        List<SmartpayOperation> rows = call.journal.findByOrder(row.getOrderId());
        for (SmartpayOperation r : rows) {
            if (r.getKind() == OperationKind.CAPTURE && !r.getStatus().isFinal()) {
                return call.settlement.postpone(row, "capture.in-flight", "Waiting for capture " + r.getOperationKey() + " to settle");
            }
        }
        SmartpayClient client = clientProvider.client();
        Order before = client.getOrder(row.getSmartpayOrderId(), Expand.NO);
        if (OrderStatus.REQUIRES_CAPTURE.equals(before.status())) {
            client.cancelOrder(row.getSmartpayOrderId(), call.idempotencyKey(row));
        }
        // a capture decided just before this cancel was journaled may have committed after the check above, and
        // reached Smartpay before the cancellation: look again once it has settled (this run changes nothing more)
        Set<Long> seen = new HashSet<>();
        for (SmartpayOperation r : rows) {
            seen.add(r.getId());
        }
        for (SmartpayOperation r : call.journal.findByOrder(row.getOrderId())) {
            if (r.getKind() == OperationKind.CAPTURE && !seen.contains(r.getId())) {
                return call.settlement.postpone(row, "capture.raced", "Capture " + r.getOperationKey()
                        + " was journaled while the order was being cancelled; looking again once it has settled");
            }
        }
        // Smartpay's answer after the cancellation says what is captured there; "canceled" and "succeeded" (a cancel
        // after partial captures) both mean nothing stays authorized
        Order after = client.getOrder(row.getSmartpayOrderId(), Expand.ALL);
        final boolean nothingAuthorized = !OrderStatus.REQUIRES_CAPTURE.equals(after.status());
        final long capturedAtSmartpay = capturedAt(after);
        final String requestId = OperationKeys.cancelRefundRequestId(row.getOrderId());
        final boolean refundsCaptures = !OperationKeys.releaseRemainder(row.getOrderId()).equals(row.getOperationKey());
        List<SmartpayOperation> refundRows;
        try {
            refundRows = call.settleUnderLock(row, prepared -> {
                PaidOrder order = prepared.order;
                long released = nothingAuthorized ? Math.max(0, order.authorized
                        - Math.max(capturedAtSmartpay, order.capturedRecorded()) - order.released) : 0;
                List<SmartpayOperation> followUps = Collections.emptyList();
                long refundable = RefundOperation.refundable(order, prepared.rows);
                if (refundsCaptures && refundsCaptures(order) && refundable > 0
                        && !JournalFacts.hasRow(prepared.rows, OperationKeys.refundRequest(requestId))) {
                    followUps = refunds.prepareRefund(order, prepared.rows, refundable,
                            RefundReason.REQUESTED_BY_CUSTOMER, "Order cancelled", requestId, null);
                }
                return new Settlement(PaymentTransactionType.REVERSE_AUTH, released, followUps);
            });
        } catch (RowMovedOn anotherNodeSettledIt) {
            return call.journal.findById(row.getId());
        }
        for (SmartpayOperation refundRow : refundRows) {
            if (refundRow.getKind() == OperationKind.REFUND) {
                call.execute(refundRow, false);
            }
        }
        return call.journal.findById(row.getId());
    }

    private static long capturedAt(Order order) {
        long sum = 0;
        if (order.payments() != null) {
            for (Expandable<Payment> p : order.payments()) {
                if (p.isExpanded() && p.expanded() != null) {
                    sum += p.expanded().amount();
                }
            }
        }
        return sum;
    }
}
