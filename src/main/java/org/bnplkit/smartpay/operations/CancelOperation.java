package org.bnplkit.smartpay.operations;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bnplkit.smartpay.client.Expand;
import org.bnplkit.smartpay.client.Order;
import org.bnplkit.smartpay.client.OrderStatus;
import org.bnplkit.smartpay.client.RefundReason;
import org.bnplkit.smartpay.client.RequestOptions;
import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.config.SmartpayClientProvider;
import org.bnplkit.smartpay.journal.OperationKind;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.operations.JournaledCall.Decision;
import org.bnplkit.smartpay.operations.JournaledCall.Request;
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
        return call.decideAndInsert(new Request(key, null, orderId, false, send, false), prepared -> {
            PaidOrder order = prepared.order;
            SmartpayOperation row = call.newRow(key, OperationKind.CANCEL, order,
                    Math.max(0, order.authorized - order.capturedRecorded()));
            row.setParentTransactionId(order.authorizeTransactionId);
            row.setDescription("Order cancelled");
            return Decision.insert(row);
        });
    }

    /** What a cancel of the order would refund now (0 once the order's cancel is journaled). */
    long refundOnCancel(long orderId) {
        PaidOrder order = call.ledger.load(orderId);
        if (call.journal.find(OperationKeys.cancelOrder(orderId)) != null || !refundsCaptures(order)) {
            return 0L;
        }
        long refundable = 0;
        for (PaidOrder.Capture c : order.captures) {
            refundable += c.amount - c.refunded;
        }
        return refundable;
    }

    private boolean refundsCaptures(PaidOrder order) {
        return order.automaticCapture || call.settings.refundCapturedOnCancel();
    }

    /**
     * Waits for captures still in flight (so it knows what was captured), releases what is still authorized,
     * journals the refund of what was captured when configured (or when capture was automatic), then marks itself
     * SUCCEEDED with a REVERSE_AUTH for the released amount, and sends the refunds.
     */
    @Override
    public SmartpayOperation send(SmartpayOperation row, boolean resumed) {
        List<SmartpayOperation> rows = call.journal.findByOrder(row.getOrderId());
        for (SmartpayOperation r : rows) {
            if (r.getKind() == OperationKind.CAPTURE && !r.getStatus().isFinal()) {
                return call.postpone(row, "capture.in-flight", "Waiting for capture " + r.getOperationKey() + " to settle");
            }
        }
        SmartpayClient client = clientProvider.client();
        PaidOrder order = call.ledger.load(row.getOrderId());
        Order smartpayOrder = client.getOrder(row.getSmartpayOrderId(), Expand.NO);
        if (OrderStatus.REQUIRES_CAPTURE.equals(smartpayOrder.status())) {
            smartpayOrder = client.cancelOrder(row.getSmartpayOrderId(), RequestOptions.idempotencyKey(row.getOperationKey()));
        }
        // a capture decided just before this cancel was journaled may have committed after the check above, and
        // reached Smartpay before the cancellation: look again once it has settled (this run changes nothing more)
        Set<Long> seen = new HashSet<>();
        for (SmartpayOperation r : rows) {
            seen.add(r.getId());
        }
        for (SmartpayOperation r : call.journal.findByOrder(row.getOrderId())) {
            if (r.getKind() == OperationKind.CAPTURE && !seen.contains(r.getId())) {
                return call.postpone(row, "capture.raced", "Capture " + r.getOperationKey()
                        + " was journaled while the order was being cancelled; looking again once it has settled");
            }
        }
        long released = OrderStatus.CANCELED.equals(smartpayOrder.status())
                ? Math.max(0, order.authorized - order.capturedRecorded()) : 0;

        List<SmartpayOperation> refundRows = Collections.emptyList();
        String requestId = OperationKeys.cancelRefundRequestId(row.getOrderId());
        long refundable = 0;
        for (PaidOrder.Capture c : order.captures) {
            refundable += c.amount - c.refunded;
        }
        if (refundsCaptures(order) && refundable > 0
                && call.journal.find(OperationKeys.refundRequest(requestId)) == null) {
            List<SmartpayOperation> prepared = refunds.prepareRefund(order, rows, refundable,
                    RefundReason.REQUESTED_BY_CUSTOMER, "Order cancelled", requestId, null);
            if (call.journal.insertIfAbsent(prepared).created()) {
                refundRows = prepared;
            }
        }
        SmartpayOperation settled = released > 0
                ? call.settleSuccess(row, PaymentTransactionType.REVERSE_AUTH, released, JournaledCall.fields(row))
                : call.settleSuccess(row, null, 0, JournaledCall.fields(row));
        for (SmartpayOperation refundRow : refundRows) {
            if (refundRow.getKind() == OperationKind.REFUND) {
                call.execute(refundRow, false);
            }
        }
        return settled;
    }
}
