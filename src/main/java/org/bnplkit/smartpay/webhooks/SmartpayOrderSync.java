package org.bnplkit.smartpay.webhooks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import javax.annotation.Resource;

import org.bnplkit.smartpay.checkout.CheckoutSessionMapper;
import org.bnplkit.smartpay.client.Expand;
import org.bnplkit.smartpay.client.Expandable;
import org.bnplkit.smartpay.client.Order;
import org.bnplkit.smartpay.client.OrderLineItem;
import org.bnplkit.smartpay.client.OrderStatus;
import org.bnplkit.smartpay.client.Payment;
import org.bnplkit.smartpay.client.Refund;
import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.config.SmartpayClientProvider;
import org.bnplkit.smartpay.config.SmartpayFields;
import org.bnplkit.smartpay.journal.InstallationIds;
import org.bnplkit.smartpay.journal.NoticeKind;
import org.bnplkit.smartpay.journal.OperationJournal;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.SmartpayNotices;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.operations.OperationKeys;
import org.bnplkit.smartpay.operations.SmartpayExternalChanges;
import org.bnplkit.smartpay.operations.SmartpayExternalChanges.CaptureNotRecordedException;
import org.bnplkit.smartpay.operations.SmartpayExternalChanges.Recorded;
import org.bnplkit.smartpay.operations.SmartpayExternalChanges.Result;
import org.springframework.stereotype.Component;

/**
 * Brings one Broadleaf order in step with its Smartpay order: the route shared by every webhook handler and the
 * reconciler. A webhook only says "something happened to Smartpay order X"; this reads X as it is now
 * ({@code GET /orders/{id}?expand=all}) and records what Broadleaf lacks. Because it works from Smartpay's current
 * state rather than from the event, events applied twice, out of order or after a reconcile pass change nothing.
 *
 * <p>Invariants:
 * <ul>
 *   <li>Each Smartpay payment becomes at most one CAPTURE, each refund at most one REFUND, a release at most one
 *       REVERSE_AUTH — on every node (the journal's unique keys, see {@link SmartpayExternalChanges}).</li>
 *   <li>What the module did itself is never recorded again: a payment or refund whose id Broadleaf already holds,
 *       or whose metadata names a journal row of the module ({@code smartpayOperationKey}), belongs to the
 *       operations. While that row is in flight it is left to them; if it FAILED or went DEAD although Smartpay
 *       holds the object, an UNEXPLAINED_DIFFERENCE notice asks for the operation to be retried (the retry finds
 *       the object and records it).</li>
 *   <li>Only Smartpay orders this store created are touched: their metadata carries this installation's id
 *       ({@code broadleafInstallation}) and {@code broadleafOrderId} names a Broadleaf order (whose Smartpay payment
 *       must have been authorized for exactly this Smartpay order to be synced). A bare numeric reference is never
 *       enough: another store sharing the Smartpay account has the same order ids.</li>
 *   <li>A cancellation at Smartpay is recorded and flagged; the Broadleaf order's status follows it only with
 *       gateway.smartpay.order.cancelWhenCancelledAtSmartpay=true, as a cancel already done ({@link CanceledAtSmartpay}:
 *       no cancellation or refund is sent for it). No other status is changed here.</li>
 *   <li>A difference is only reported when it is still there in a read of Smartpay taken after Broadleaf's record
 *       ({@link OrderComparison}).</li>
 * </ul>
 */
@Component("blSmartpayOrderSync")
public class SmartpayOrderSync {

    @Resource(name = "blSmartpayClientProvider")
    protected SmartpayClientProvider clientProvider;

    @Resource(name = "blSmartpayExternalChanges")
    protected SmartpayExternalChanges externalChanges;

    @Resource(name = "blSmartpayInstallationIds")
    protected InstallationIds installationIds;

    @Resource(name = "blSmartpayOperationJournal")
    protected OperationJournal journal;

    @Resource(name = "blSmartpayNotices")
    protected SmartpayNotices notices;

    /** A cancellation at Smartpay: its notice, and the order's status when the merchant wants it to follow. */
    @Resource(name = "blSmartpayCanceledAtSmartpay")
    protected CanceledAtSmartpay canceledAtSmartpay;

    /** Reads Smartpay order {@code smartpayOrderId} and syncs it; {@code source} names the trigger for notices. */
    public SyncResult sync(String smartpayOrderId, String source) {
        return sync(smartpayOrderId, null, source);
    }

    /**
     * The same, for a Broadleaf order already known to be paid with it (the reconciler starts from Broadleaf's own
     * record, so the Smartpay order's reference need not name it).
     */
    public SyncResult sync(String smartpayOrderId, Long knownOrderId, String source) {
        SmartpayClient client = clientProvider.client();
        return sync(client, client.getOrder(smartpayOrderId, Expand.ALL), knownOrderId, source);
    }

    /**
     * The Broadleaf order id a Smartpay order was created for by this installation (metadata broadleafOrderId, next to
     * this installation's id); null for orders of another store, or not made by the module.
     */
    public Long broadleafOrderId(Order order) {
        Map<String, String> metadata = order.metadata();
        if (metadata == null || !installationIds.id().equals(metadata.get(CheckoutSessionMapper.METADATA_INSTALLATION))) {
            return null;
        }
        Long id = parse(metadata.get(CheckoutSessionMapper.METADATA_ORDER_ID));
        Long fromReference = parse(order.reference());
        if (id != null && fromReference != null && !id.equals(fromReference)) {
            return null; // contradicting: not something this module created
        }
        return id;
    }

    SyncResult sync(SmartpayClient client, Order order, Long knownOrderId, String source) {
        Long orderId = knownOrderId != null ? knownOrderId : broadleafOrderId(order);
        if (orderId == null) {
            return new SyncResult(SyncResult.Kind.NOT_OURS, null, order);
        }
        Recorded recorded = externalChanges.recorded(orderId, order.id());
        if (recorded == null) {
            return new SyncResult(SyncResult.Kind.NO_PAID_ORDER, orderId, order);
        }
        SyncResult result = new SyncResult(SyncResult.Kind.SYNCED, orderId, order);
        List<Payment> payments = payments(client, order);
        long capturedAtSmartpay = 0;
        boolean imported = false;
        for (Payment payment : payments) {
            capturedAtSmartpay += payment.amount();
            imported |= importCapture(recorded, payment, result, source);
        }
        if (imported) {
            recorded = externalChanges.recorded(orderId, order.id());
        }
        List<String> refundIdsAtSmartpay = new ArrayList<>();
        for (Payment payment : payments) {
            if (payment.refunds() != null) {
                for (Expandable<Refund> r : payment.refunds()) {
                    refundIdsAtSmartpay.add(r.id());
                }
            }
            for (Refund refund : unrecordedRefunds(client, payment, recorded)) {
                importRefund(recorded, payment, refund, result, source);
            }
        }
        importRelease(recorded, order, capturedAtSmartpay, result, source);

        Recorded after = externalChanges.recorded(orderId, order.id());
        Recorded broadleaf = after == null ? recorded : after;
        OrderComparison.Snapshot read = new OrderComparison.Snapshot(order, capturedAtSmartpay, refundIdsAtSmartpay);
        List<String> problems = OrderComparison.compare(broadleaf, read, read, result.waiting);
        if (!problems.isEmpty()) {
            // Smartpay was read before Broadleaf's record: what the module captured or refunded in between is in the
            // record but not in that read. Read Smartpay again, now after the record, before calling it a difference.
            Order fresh = client.getOrder(order.id(), Expand.ALL);
            problems = OrderComparison.compare(broadleaf, read, OrderComparison.Snapshot.of(fresh, payments(client, fresh)),
                    result.waiting);
        }
        result.problems.addAll(problems);
        String differenceKey = "difference:" + order.id();
        if (!result.problems.isEmpty()) {
            notices.raise(differenceKey, NoticeKind.UNEXPLAINED_DIFFERENCE, orderId, order.id(),
                    String.join(" ", result.problems) + " (found by " + source + ")");
        } else if (result.waiting.isEmpty()) {
            notices.resolve(differenceKey);
        }
        return result;
    }

    // ---- captures ---------------------------------------------------------------------------------------------

    private boolean importCapture(Recorded recorded, Payment payment, SyncResult result, String source) {
        if (recorded.captures().containsKey(payment.id())) {
            return false;
        }
        SmartpayOperation own = ownRow(payment.metadata());
        if (own != null) {
            return ownInFlightOrFailed(own, "payment " + payment.id(), result);
        }
        if (recorded.automaticCapture() && recorded.captures().isEmpty()) {
            result.problems.add("Smartpay order " + recorded.smartpayOrderId() + " was captured automatically but the"
                    + " authorization transaction carries no payment id; payment " + payment.id() + " was not recorded.");
            return false;
        }
        Result r = externalChanges.recordCapture(recorded.orderId(), payment.id(), payment.amount(), payment.test(),
                "Captured at Smartpay: " + payment.id());
        if (r == Result.RECORDED) {
            String change = "CAPTURE ¥" + payment.amount() + " (" + payment.id() + ")";
            result.changes.add(change);
            notices.raise("imported:" + SmartpayExternalChanges.captureKey(payment.id()), NoticeKind.IMPORTED_CHANGE,
                    recorded.orderId(), recorded.smartpayOrderId(), "A capture of ¥" + payment.amount() + " made outside"
                            + " the store (Smartpay dashboard) was recorded: payment " + payment.id() + " (" + source + ").");
            return true;
        }
        return false;
    }

    // ---- refunds ----------------------------------------------------------------------------------------------

    /** Refunds of {@code payment} that Broadleaf has not recorded (full objects). */
    private static List<Refund> unrecordedRefunds(SmartpayClient client, Payment payment, Recorded recorded) {
        List<Refund> out = new ArrayList<>();
        if (payment.refunds() == null) {
            return out;
        }
        for (Expandable<Refund> r : payment.refunds()) {
            if (recorded.refundIds().contains(r.id())) {
                continue;
            }
            out.add(r.isExpanded() && r.expanded() != null ? r.expanded() : client.getRefund(r.id(), Expand.NO));
        }
        return out;
    }

    private void importRefund(Recorded recorded, Payment payment, Refund refund, SyncResult result, String source) {
        SmartpayOperation own = ownRow(refund.metadata());
        if (own != null) {
            ownInFlightOrFailed(own, "refund " + refund.id(), result);
            return;
        }
        try {
            List<String> lineItems = new ArrayList<>();
            for (Expandable<OrderLineItem> item : refund.lineItems()) {
                lineItems.add(item.id());
            }
            Result r = externalChanges.recordRefund(recorded.orderId(), payment.id(), refund.id(), refund.amount(),
                    refund.test(), "Refunded at Smartpay: " + refund.id(), lineItems);
            if (r == Result.RECORDED) {
                result.changes.add("REFUND ¥" + refund.amount() + " (" + refund.id() + ")");
                notices.raise("imported:" + SmartpayExternalChanges.refundKey(refund.id()), NoticeKind.IMPORTED_CHANGE,
                        recorded.orderId(), recorded.smartpayOrderId(), "A refund of ¥" + refund.amount() + " made outside"
                                + " the store (Smartpay dashboard) was recorded: refund " + refund.id() + " of payment "
                                + payment.id() + " (" + source + ").");
            }
        } catch (CaptureNotRecordedException e) {
            result.waiting.add(e.getMessage());
        }
    }

    // ---- cancellation / released remainder ---------------------------------------------------------------------

    private void importRelease(Recorded recorded, Order order, long capturedAtSmartpay, SyncResult result, String source) {
        boolean canceled = OrderStatus.CANCELED.equals(order.status());
        boolean closedByCapture = OrderStatus.SUCCEEDED.equals(order.status()) && capturedAtSmartpay < order.amount();
        long remainder = order.amount() - capturedAtSmartpay;
        if (!(canceled || closedByCapture) || remainder <= 0 || recorded.automaticCapture()) {
            return;
        }
        for (String ownKey : new String[] {OperationKeys.cancelOrder(recorded.orderId()),
                OperationKeys.releaseRemainder(recorded.orderId())}) {
            SmartpayOperation own = journal.find(ownKey);
            if (own != null && own.getStatus() != OperationStatus.FAILED) {
                if (own.getStatus() != OperationStatus.SUCCEEDED) {
                    ownInFlightOrFailed(own, "the cancellation", result);
                }
                return; // the module's own cancel records what it released
            }
        }
        String key = canceled ? SmartpayExternalChanges.cancelKey(order.id()) : SmartpayExternalChanges.releaseKey(order.id());
        if (journal.find(key) != null) {
            // imported before; the order's status may not have followed yet (the move failed, or was switched on since)
            if (canceled && canceledAtSmartpay.follow(recorded, order, capturedAtSmartpay, remainder, source, false)) {
                result.changes.add("order status CANCELLED");
            }
            return;
        }
        Result r = externalChanges.recordRelease(recorded.orderId(), remainder, canceled, order.test(),
                canceled ? "Cancelled at Smartpay" : "Remainder released at Smartpay");
        if (r != Result.RECORDED) {
            return;
        }
        result.changes.add("REVERSE_AUTH ¥" + remainder);
        if (canceled) {
            if (canceledAtSmartpay.follow(recorded, order, capturedAtSmartpay, remainder, source, true)) {
                result.changes.add("order status CANCELLED");
            }
        } else {
            notices.raise("imported:" + key, NoticeKind.IMPORTED_CHANGE, recorded.orderId(), order.id(),
                    "Smartpay closed the order with ¥" + capturedAtSmartpay + " captured (a capture that released the"
                            + " rest, or a cancellation or expiry of the partly captured order): the remaining ¥" + remainder
                            + " is no longer authorized and was recorded as REVERSE_AUTH (" + source + ").");
        }
    }

    // ---- comparison -------------------------------------------------------------------------------------------

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** The module's journal row named in a Smartpay object's metadata, or null (made outside the module). */
    private SmartpayOperation ownRow(Map<String, String> metadata) {
        String key = metadata == null ? null : metadata.get(SmartpayFields.OPERATION_KEY);
        return key == null ? null : journal.find(key);
    }

    /** An own operation not (yet) recorded: waiting while in flight, a problem when it failed. */
    private static boolean ownInFlightOrFailed(SmartpayOperation own, String what, SyncResult result) {
        if (own.getStatus() == OperationStatus.PENDING || own.getStatus() == OperationStatus.RETRYING) {
            result.waiting.add(what + " belongs to operation " + own.getOperationKey() + " (" + own.getStatus() + ")");
        } else if (own.getStatus() == OperationStatus.FAILED || own.getStatus() == OperationStatus.DEAD) {
            result.problems.add("Smartpay holds " + what + " made by operation " + own.getOperationKey() + ", which is "
                    + own.getStatus() + " in the journal: retry that operation (it finds what Smartpay made and records it).");
        }
        return false;
    }

    static List<Payment> payments(SmartpayClient client, Order order) {
        List<Payment> out = new ArrayList<>();
        if (order.payments() == null) {
            return out;
        }
        for (Expandable<Payment> p : order.payments()) {
            out.add(p.isExpanded() && p.expanded() != null ? p.expanded() : client.getPayment(p.id(), Expand.NO));
        }
        return out;
    }

    private static Long parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** What one sync found and did. */
    public static final class SyncResult {

        /** NOT_OURS: no Broadleaf order reference. NO_PAID_ORDER: no Broadleaf order paid with it. SYNCED: compared. */
        public enum Kind { NOT_OURS, NO_PAID_ORDER, SYNCED }

        private final Kind kind;
        private final Long orderId;
        private final Order smartpayOrder;
        final List<String> changes = new ArrayList<>();
        final List<String> waiting = new ArrayList<>();
        final List<String> problems = new ArrayList<>();

        SyncResult(Kind kind, Long orderId, Order smartpayOrder) {
            this.kind = kind;
            this.orderId = orderId;
            this.smartpayOrder = smartpayOrder;
        }

        public Kind kind() { return kind; }

        /** The Broadleaf order (the one named by the Smartpay order, even when it is not paid with it), or null. */
        public Long orderId() { return orderId; }

        public Order smartpayOrder() { return smartpayOrder; }

        /** Transactions recorded by this sync, e.g. "CAPTURE ¥1200 (payment_…)". */
        public List<String> changes() { return Collections.unmodifiableList(changes); }

        /** Operations of the module still in flight. */
        public List<String> waiting() { return Collections.unmodifiableList(waiting); }

        /** Differences nobody can explain (also raised as an UNEXPLAINED_DIFFERENCE notice). */
        public List<String> problems() { return Collections.unmodifiableList(problems); }

        /** One line for the inbox OUTCOME column and the job result. */
        public String summary() {
            switch (kind) {
                case NOT_OURS:
                    return "Smartpay order " + smartpayOrder.id() + " carries no Broadleaf order reference: ignored";
                case NO_PAID_ORDER:
                    return "No Broadleaf order is paid with Smartpay order " + smartpayOrder.id() + " (reference "
                            + orderId + ")";
                default:
                    StringBuilder s = new StringBuilder("order ").append(orderId).append(": ");
                    s.append(changes.isEmpty() ? "nothing new" : "recorded " + String.join(", ", changes));
                    if (!waiting.isEmpty()) {
                        s.append("; waiting for ").append(String.join("; ", waiting));
                    }
                    if (!problems.isEmpty()) {
                        s.append("; UNEXPLAINED: ").append(String.join(" ", problems));
                    }
                    return s.toString();
            }
        }

        @Override
        public String toString() {
            return summary();
        }
    }
}
