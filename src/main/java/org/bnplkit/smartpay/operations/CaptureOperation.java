package org.bnplkit.smartpay.operations;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.bnplkit.smartpay.client.CancelRemainder;
import org.bnplkit.smartpay.client.Expand;
import org.bnplkit.smartpay.client.Expandable;
import org.bnplkit.smartpay.client.Order;
import org.bnplkit.smartpay.client.Payment;
import org.bnplkit.smartpay.client.PaymentCreateParams;
import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.config.SmartpayClientProvider;
import org.bnplkit.smartpay.config.SmartpayFields;
import org.bnplkit.smartpay.journal.OperationKind;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.money.FulfillmentShares;
import org.bnplkit.smartpay.operations.SmartpayOrderOperations.Send;
import org.broadleafcommerce.common.payment.PaymentTransactionType;

/**
 * Captures: one fulfillment group's share on shipment ({@code capture:fg:<id>}), or an explicit amount (admin,
 * integrators, the payment gateway). Refused after a cancel and beyond what is still authorized; sent with
 * {@code cancelRemainder=manual}; recorded as a CAPTURE under the AUTHORIZE.
 */
final class CaptureOperation implements JournaledCall.Sender {

    /**
     * Always "manual" (Smartpay's default "automatic" would cancel what stays authorized). Even the capture that
     * takes exactly what remains is sent as "manual": Smartpay closes the order as succeeded once nothing remains
     * either way, and "automatic" would be unsafe while another capture of the same order is still in flight
     * (reaching Smartpay first, it would cancel that capture's part of the authorization).
     */
    private static final String CANCEL_REMAINDER = CancelRemainder.MANUAL.wireValue();

    /** The error code of a withdrawn capture waiting for an earlier attempt that may still be in flight. */
    static final String WITHDRAWN_WAIT = "capture.withdrawn-in-flight";

    private final JournaledCall call;
    private final SmartpayClientProvider clientProvider;
    private final CancelOperation releases;

    CaptureOperation(JournaledCall call, SmartpayClientProvider clientProvider, CancelOperation releases) {
        this.call = call;
        this.clientProvider = clientProvider;
        this.releases = releases;
        call.register(OperationKind.CAPTURE, this);
    }

    OperationOutcome captureGroup(final long fulfillmentGroupId, Send send) {
        final String key = OperationKeys.captureGroup(fulfillmentGroupId);
        return call.decideAndInsert(new OperationRequest(key, fulfillmentGroupId, null, false, send, false), prepared -> {
            PaidOrder order = prepared.order;
            if (order.automaticCapture) {
                return Decision.nothing(OperationOutcome.nothingToDo("captured in full at checkout (automatic capture)"));
            }
            List<SmartpayOperation> rows = prepared.rows;
            if (JournalFacts.cancelOf(rows) != null) {
                return Decision.nothing(OperationOutcome.nothingToDo("order " + order.orderId
                        + " was cancelled: nothing is captured any more"));
            }
            long remaining = order.authorized - JournalFacts.capturedOrInFlight(order, rows);
            if (remaining <= 0) {
                return Decision.nothing(OperationOutcome.nothingToDo("nothing left to capture on order " + order.orderId));
            }
            List<Long> gross = new ArrayList<>();
            int index = -1;
            boolean otherGroupStillToCapture = false;
            for (int i = 0; i < order.groups.size(); i++) {
                PaidOrder.Group g = order.groups.get(i);
                gross.add(g.gross);
                if (g.id == fulfillmentGroupId) {
                    index = i;
                } else if (!JournalFacts.hasLiveRow(rows, OperationKeys.captureGroup(g.id))) {
                    otherGroupStillToCapture = true;
                }
            }
            if (index < 0) {
                throw new SmartpayOperationException("Fulfillment group " + fulfillmentGroupId + " is not on order " + order.orderId);
            }
            // the order as it is at shipment: a group or item removed since checkout is not charged for
            long payable = payableNow(order);
            long share = FulfillmentShares.allocate(payable, gross).get(index);
            // the last group to be captured takes the residual of what is payable now, so the captures add up to it
            long amount = otherGroupStillToCapture ? Math.min(share, remaining)
                    : Math.min(remaining, payable - JournalFacts.capturedOrInFlight(order, rows));
            if (amount <= 0) {
                return Decision.nothing(OperationOutcome.nothingToDo("fulfillment group " + fulfillmentGroupId + " has a share of 0"));
            }
            SmartpayOperation row = captureRow(key, order, amount);
            row.setFulfillmentGroupId(fulfillmentGroupId);
            row.setDescription("Shipment " + fulfillmentGroupId);
            if (otherGroupStillToCapture || amount == remaining) {
                return Decision.insert(row);
            }
            // the last shipment leaves authorized what no longer exists in the order: release it, keep the captures
            // (the release waits for this capture to settle)
            return Decision.insert(Arrays.asList(row, releases.remainderRow(order, remaining - amount)));
        });
    }

    /**
     * What the order is worth now, at most the authorization: the sum of its groups' amounts (items after discounts,
     * shipping, tax). A difference smaller than the rounding of those amounts to whole yen is rounding, not goods.
     */
    static long payableNow(PaidOrder order) {
        long sum = 0;
        long roundings = 0;
        for (PaidOrder.Group g : order.groups) {
            sum += g.gross;
            roundings += 3 + g.items.size();
        }
        return sum + roundings >= order.authorized ? order.authorized : sum;
    }

    /**
     * An explicit capture: refused beyond what is still authorized. {@code requestKey} null: the order's next
     * {@code capture:order:<id>:<n>}.
     */
    OperationOutcome captureAmount(final long orderId, final long amount, final String requestKey) {
        return call.decideAndInsert(new OperationRequest(requestKey, null, orderId, false, Send.NOW, true), prepared -> {
            PaidOrder order = prepared.order;
            if (order.automaticCapture) {
                throw new SmartpayOperationException("Order " + orderId + " was captured in full at checkout (automatic capture)");
            }
            List<SmartpayOperation> rows = prepared.rows;
            if (JournalFacts.cancelOf(rows) != null) {
                throw new SmartpayOperationException("Order " + orderId + " was cancelled: nothing can be captured");
            }
            long remaining = order.authorized - JournalFacts.capturedOrInFlight(order, rows);
            if (amount <= 0 || amount > remaining) {
                throw new SmartpayOperationException("Cannot capture " + amount + " " + order.currency + " on order " + orderId
                        + ": " + remaining + " " + order.currency + " is still authorized");
            }
            int n = 1;
            for (SmartpayOperation r : rows) {
                if (r.getOperationKey().startsWith(OperationKeys.captureOrderPrefix(orderId))) {
                    n++;
                }
            }
            return Decision.insert(captureRow(requestKey != null ? requestKey : OperationKeys.captureOrder(orderId, n),
                    order, amount));
        });
    }

    private SmartpayOperation captureRow(String key, PaidOrder order, long amount) {
        SmartpayOperation row = call.newRow(key, OperationKind.CAPTURE, order, amount);
        row.setParentTransactionId(order.authorizeTransactionId);
        row.setCancelRemainder(CANCEL_REMAINDER);
        return row;
    }

    @Override
    public SmartpayOperation send(SmartpayOperation row, boolean resumed) {
        SmartpayClient client = clientProvider.client();
        Payment payment = resumed ? findSentPayment(client, row) : null;
        if (payment == null && resumed) {
            SmartpayOperation withdrawn = withdrawn(row);
            if (withdrawn != null) {
                return withdrawn;
            }
        }
        if (payment == null) {
            payment = client.createPayment(PaymentCreateParams.builder()
                    .order(row.getSmartpayOrderId())
                    .amount(row.getAmount())
                    .currency(row.getCurrency())
                    .cancelRemainder(CancelRemainder.fromWireValue(row.getCancelRemainder()))
                    .description(row.getDescription())
                    .reference(SmartpayReferences.capture(row))
                    .metadata(RowFields.operationMetadata(row))
                    .build(), call.idempotencyKey(row));
        }
        String mismatch = SmartpayAnswers.paymentMismatch(row, payment);
        if (mismatch != null) {
            return call.settlement.failure(row, false, SmartpayAnswers.MISMATCH, mismatch);
        }
        row.setSmartpayPaymentId(payment.id());
        call.reachedSmartpayAnswer();
        Map<String, String> fields = RowFields.fields(row);
        fields.put(SmartpayFields.PAYMENT_ID, payment.id());
        return call.settlement.success(row, PaymentTransactionType.CAPTURE, row.getAmount(), fields);
    }

    /**
     * A fresh row was checked against cancels when it was written (and a cancel waits for captures in flight); a
     * resumed one may have waited through a cancel, or through its shipment coming back: then it is not sent
     * again. But an earlier attempt that our client gave up on may still be running at Smartpay and make the
     * payment after we looked, so "never sent" is concluded only at a second look, {@code inFlightMs} after the
     * first; until then the row waits (RETRYING, not counted as an attempt). Returns null when the capture is
     * still wanted.
     */
    private SmartpayOperation withdrawn(SmartpayOperation row) {
        List<SmartpayOperation> rows = call.journal.findByOrder(row.getOrderId());
        String code;
        String message;
        if (JournalFacts.cancelOf(rows) != null) {
            code = "order.cancelled";
            message = "The order was cancelled before this capture was sent to Smartpay";
        } else if (row.getFulfillmentGroupId() != null && GroupMoney.groupReturn(rows, row.getFulfillmentGroupId()) != null) {
            code = "fulfillment-group.returned";
            message = "The shipment came back before this capture was sent to Smartpay: nothing is captured for it";
        } else {
            return null;
        }
        // waited already: parked once before, or concluded before and now retried by a person
        boolean waited = WITHDRAWN_WAIT.equals(row.getLastErrorCode()) || code.equals(row.getLastErrorCode());
        if (!waited) {
            return call.settlement.postpone(row, WITHDRAWN_WAIT, message + "; looking again for a payment an earlier attempt"
                    + " may still make at Smartpay before concluding it was never sent", call.settings.inFlightMs());
        }
        return call.settlement.failure(row, false, code, message);
    }

    /** A payment Smartpay already made under this row's key (found through its metadata), or null. */
    private static Payment findSentPayment(SmartpayClient client, SmartpayOperation row) {
        Order order = client.getOrder(row.getSmartpayOrderId(), Expand.ALL);
        if (order.payments() == null) {
            return null;
        }
        for (Expandable<Payment> p : order.payments()) {
            Payment payment = p.isExpanded() ? p.expanded() : client.getPayment(p.id(), Expand.NO);
            if (payment != null && payment.metadata() != null
                    && row.getOperationKey().equals(payment.metadata().get(SmartpayFields.OPERATION_KEY))) {
                return payment;
            }
        }
        return null;
    }
}
