package org.bnplkit.smartpay.operations;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.annotation.Resource;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;

import org.bnplkit.smartpay.config.SmartpayFields;
import org.bnplkit.smartpay.journal.OperationJournal;
import org.bnplkit.smartpay.journal.SmartpayTransactions;
import org.bnplkit.smartpay.journal.OperationKind;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.service.OrderService;
import org.broadleafcommerce.core.order.service.type.OrderStatus;
import org.broadleafcommerce.core.pricing.service.exception.PricingException;
import org.broadleafcommerce.core.payment.domain.OrderPayment;
import org.broadleafcommerce.core.payment.domain.PaymentTransaction;
import org.broadleafcommerce.core.payment.service.OrderPaymentService;
import org.springframework.stereotype.Component;

/**
 * Records in Broadleaf what happened at Smartpay without the module asking for it — a capture or refund made in
 * Smartpay's dashboard, a cancellation there, an authorization that lapsed — for the webhook processor and the
 * reconciler. Same ledger as the operations (CAPTURE under the AUTHORIZE, REFUND under its CAPTURE, REVERSE_AUTH
 * under the AUTHORIZE, Smartpay ids in additionalFields), same journal.
 *
 * <p>Exactly once, on any number of nodes: each import writes a journal row whose unique key is derived from the
 * Smartpay id ({@link #captureKey}, {@link #refundKey}, {@link #cancelKey}, {@link #releaseKey}: never a key of the
 * module's own intents, so a later cancel or return of the order still does its part) in the same transaction as the
 * PaymentTransaction, under the order's lock. Of two nodes importing the
 * same payment, one insert fails, its transaction rolls back, and it reports {@link Result#ALREADY_RECORDED}.
 * The rows are SUCCEEDED from the start, so the retry worker never sends them, and the operations count them like
 * their own (what is still capturable, whether the order is cancelled).
 */
@Component("blSmartpayExternalChanges")
public class SmartpayExternalChanges {

    /** additionalFields key on imported transactions: where the change was made. */
    public static final String ORIGIN_FIELD = "smartpayOrigin";
    public static final String ORIGIN_SMARTPAY = "smartpay";

    @PersistenceContext(unitName = "blPU")
    protected EntityManager em;

    @Resource(name = "blSmartpayPaymentLedger")
    protected SmartpayPaymentLedger ledger;

    @Resource(name = "blSmartpayOperationJournal")
    protected OperationJournal journal;

    @Resource(name = "blOrderPaymentService")
    protected OrderPaymentService orderPaymentService;

    @Resource(name = "blSmartpayTransactions")
    protected SmartpayTransactions transactions;

    @Resource(name = "blOrderService")
    protected OrderService orderService;

    public static String captureKey(String smartpayPaymentId) {
        return "import:payment:" + smartpayPaymentId;
    }

    public static String refundKey(String smartpayRefundId) {
        return "import:refund:" + smartpayRefundId;
    }

    /** A cancellation made at Smartpay (dashboard, or the authorization expired). */
    public static String cancelKey(String smartpayOrderId) {
        return "import:cancel:" + smartpayOrderId;
    }

    /** Remainder released when a capture closed the order (cancelRemainder=automatic, e.g. a dashboard capture). */
    public static String releaseKey(String smartpayOrderId) {
        return "import:release:" + smartpayOrderId;
    }

    /**
     * What Broadleaf has recorded for Broadleaf order {@code orderId}, when it is paid with Smartpay order
     * {@code smartpayOrderId}; null when the order does not exist, is not paid with Smartpay, or its payment
     * belongs to another Smartpay order.
     */
    public Recorded recorded(long orderId, String smartpayOrderId) {
        final PaidOrder paid;
        try {
            paid = ledger.load(orderId);
        } catch (SmartpayOperationException notPaidWithSmartpay) {
            return null;
        }
        if (smartpayOrderId != null && !smartpayOrderId.equals(paid.smartpayOrderId)) {
            return null;
        }
        return transactions.read(status -> {
            OrderPayment payment = orderPaymentService.readPaymentById(paid.orderPaymentId);
            Set<String> refundIds = new HashSet<>();
            long released = 0;
            long refunded = 0;
            for (PaymentTransaction tx : payment.getTransactions()) {
                if (!Boolean.TRUE.equals(tx.getSuccess()) || !tx.isActive()) {
                    continue;
                }
                if (PaymentTransactionType.REFUND.equals(tx.getType())) {
                    refunded += SmartpayPaymentLedger.yen(tx.getAmount());
                    String refundId = SmartpayPaymentLedger.field(tx, SmartpayFields.REFUND_ID);
                    if (refundId != null) {
                        refundIds.add(refundId);
                    }
                } else if (PaymentTransactionType.REVERSE_AUTH.equals(tx.getType())) {
                    released += SmartpayPaymentLedger.yen(tx.getAmount());
                }
            }
            Map<String, Long> captures = new LinkedHashMap<>();
            for (PaidOrder.Capture c : paid.captures) {
                captures.put(c.smartpayPaymentId, c.amount);
            }
            return new Recorded(paid.orderId, paid.orderStatus, paid.smartpayOrderId, paid.automaticCapture,
                    paid.authorized, captures, refundIds, refunded, released);
        });
    }

    /** Records a capture made at Smartpay (payment {@code paymentId}, {@code amount} yen) as a CAPTURE. */
    public Result recordCapture(long orderId, String paymentId, long amount, boolean test, String description) {
        PaidOrder paid = ledger.load(orderId);
        if (paid.captureByPaymentId(paymentId) != null) {
            return Result.ALREADY_RECORDED;
        }
        SmartpayOperation row = row(captureKey(paymentId), OperationKind.CAPTURE, paid, amount, description);
        row.setSmartpayPaymentId(paymentId);
        row.setParentTransactionId(paid.authorizeTransactionId);
        Map<String, String> fields = fields(row, test);
        fields.put(SmartpayFields.PAYMENT_ID, paymentId);
        return insertAndRecord(row, PaymentTransactionType.CAPTURE, fields);
    }

    /**
     * Records a refund made at Smartpay as a REFUND under the capture of {@code paymentId}.
     *
     * @throws CaptureNotRecordedException when that capture is not recorded yet (record it first, or try later)
     */
    public Result recordRefund(long orderId, String paymentId, String refundId, long amount, boolean test,
            String description) {
        return recordRefund(orderId, paymentId, refundId, amount, test, description, null);
    }

    /**
     * As above, for a refund that names the Smartpay line items it refunds: it is recorded against those order items
     * (all their units not refunded yet), so that a later return of them does not refund them again.
     */
    public Result recordRefund(long orderId, String paymentId, String refundId, long amount, boolean test,
            String description, List<String> lineItemIds) {
        PaidOrder paid = ledger.load(orderId);
        PaidOrder.Capture capture = paid.captureByPaymentId(paymentId);
        if (capture == null) {
            throw new CaptureNotRecordedException("Refund " + refundId + " is for payment " + paymentId
                    + ", which Broadleaf order " + orderId + " has not recorded yet");
        }
        SmartpayOperation row = row(refundKey(refundId), OperationKind.REFUND, paid, amount, description);
        row.setSmartpayPaymentId(paymentId);
        row.setSmartpayRefundId(refundId);
        row.setParentTransactionId(capture.transactionId);
        row.setItemQuantities(itemsOf(paid, lineItemIds, amount));
        Map<String, String> fields = fields(row, test);
        fields.put(SmartpayFields.PAYMENT_ID, paymentId);
        fields.put(SmartpayFields.REFUND_ID, refundId);
        return insertAndRecord(row, PaymentTransactionType.REFUND, fields);
    }

    /**
     * Records that Smartpay released {@code amount} yen of the authorization as a REVERSE_AUTH: the Smartpay order
     * was cancelled there ({@code canceled}: dashboard, expiry; {@link #cancelKey}) or a capture closed it and
     * released the rest ({@link #releaseKey}). Either row counts as the order's cancellation for captures (nothing
     * more can be captured); a later Broadleaf cancellation still journals its own cancel and refunds as configured,
     * releasing nothing twice. Nothing is recorded when the module's own cancel of the order is under way or done:
     * that cancel records the release.
     */
    public Result recordRelease(long orderId, long amount, boolean canceled, boolean test, String description) {
        PaidOrder paid = ledger.load(orderId);
        String key = canceled ? cancelKey(paid.smartpayOrderId) : releaseKey(paid.smartpayOrderId);
        SmartpayOperation row = row(key, OperationKind.CANCEL, paid, amount, description);
        row.setParentTransactionId(paid.authorizeTransactionId);
        return insertAndRecord(row, amount > 0 ? PaymentTransactionType.REVERSE_AUTH : null, fields(row, test));
    }

    /**
     * Moves Broadleaf order {@code orderId} to CANCELLED because its Smartpay order was cancelled there
     * (gateway.smartpay.order.cancelWhenCancelledAtSmartpay). In the same transaction the order's own cancel
     * ({@code cancel:order:<id>}) is journaled SUCCEEDED as done at Smartpay, with nothing sent, released or refunded
     * by it: the cancel trigger this status change fires finds it and sends neither a cancellation nor a refund, and
     * what was captured stays captured. Returns false (nothing changed) when the order has a cancel of the module's
     * own already (it was cancelled in Broadleaf, or moved before), or is CANCELLED already.
     */
    public boolean cancelOrderCancelledAtSmartpay(final long orderId, final String description) {
        final PaidOrder paid = ledger.load(orderId);
        Boolean moved = journal.inNewTransaction(status -> {
            ledger.lockOrderInCurrentTransaction(orderId);
            if (journal.findInCurrentTransaction(OperationKeys.cancelOrder(orderId)) != null) {
                return Boolean.FALSE;
            }
            Order order = orderService.findOrderById(orderId);
            if (order == null || OrderStatus.CANCELLED.equals(order.getStatus())) {
                return Boolean.FALSE;
            }
            SmartpayOperation done = row(OperationKeys.cancelOrder(orderId), OperationKind.CANCEL, paid, 0, description);
            done.setParentTransactionId(paid.authorizeTransactionId);
            em.persist(done);
            em.flush(); // the cancel's key first: a concurrent cancel of the module's own wins and this rolls back
            order.setStatus(OrderStatus.CANCELLED);
            try {
                orderService.save(order, false);
            } catch (PricingException e) {
                throw new IllegalStateException("Order " + orderId + " could not be saved as CANCELLED", e);
            }
            return Boolean.TRUE;
        });
        return Boolean.TRUE.equals(moved);
    }

    /** The order items behind the line items a dashboard refund named, with their units not refunded yet; null if none. */
    private String itemsOf(PaidOrder paid, List<String> lineItemIds, long amount) {
        if (lineItemIds == null || lineItemIds.isEmpty()) {
            return null;
        }
        Map<String, Long> orderItemOf = new HashMap<>();
        for (Map.Entry<Long, String> e : ledger.smartpayLineItems(paid.orderId).entrySet()) {
            orderItemOf.put(e.getValue(), e.getKey());
        }
        Map<Long, Integer> refunded = JournalFacts.refundedQuantities(journal.findByOrder(paid.orderId));
        List<RefundedItems.Entry> entries = new ArrayList<>();
        for (String lineItemId : new LinkedHashSet<>(lineItemIds)) {
            Long orderItemId = orderItemOf.get(lineItemId);
            PaidOrder.Line line = orderItemId == null ? null : paid.lines.get(orderItemId);
            int units = line == null ? 0 : line.quantity - refunded.getOrDefault(orderItemId, 0);
            if (units > 0) {
                entries.add(new RefundedItems.Entry(orderItemId, units, -1));
            }
        }
        if (entries.size() == 1) {
            entries.set(0, new RefundedItems.Entry(entries.get(0).orderItemId, entries.get(0).quantity, amount));
        }
        return entries.isEmpty() ? null : RefundedItems.format(entries);
    }

    private SmartpayOperation row(String key, OperationKind kind, PaidOrder paid, long amount, String description) {
        Date now = new Date();
        SmartpayOperation row = new SmartpayOperation();
        row.setOperationKey(key);
        row.setKind(kind);
        row.setOrderId(paid.orderId);
        row.setOrderPaymentId(paid.orderPaymentId);
        row.setSmartpayOrderId(paid.smartpayOrderId);
        row.setAmount(amount);
        row.setCurrency(paid.currency);
        row.setStatus(OperationStatus.SUCCEEDED);
        row.setAttempts(0);
        row.setDescription(description == null || description.length() <= 255 ? description : description.substring(0, 255));
        row.setCreatedAt(now);
        row.setUpdatedAt(now);
        return row;
    }

    private static Map<String, String> fields(SmartpayOperation row, boolean test) {
        Map<String, String> fields = new HashMap<>();
        fields.put(SmartpayFields.ORDER_ID, row.getSmartpayOrderId());
        fields.put(SmartpayFields.OPERATION_KEY, row.getOperationKey());
        fields.put(SmartpayFields.MODE, test ? "test" : "live");
        fields.put(ORIGIN_FIELD, ORIGIN_SMARTPAY);
        return fields;
    }

    /** Journal row and PaymentTransaction in one transaction; the unique key makes a second import a no-op. */
    private Result insertAndRecord(final SmartpayOperation row, final PaymentTransactionType type,
            final Map<String, String> fields) {
        if (journal.find(row.getOperationKey()) != null) {
            return Result.ALREADY_RECORDED;
        }
        try {
            Boolean recorded = journal.inNewTransaction(status -> {
                ledger.lockOrderInCurrentTransaction(row.getOrderId());
                if (row.getKind() == OperationKind.CANCEL) {
                    for (String ownKey : new String[] {OperationKeys.cancelOrder(row.getOrderId()),
                            OperationKeys.releaseRemainder(row.getOrderId())}) {
                        SmartpayOperation own = journal.findInCurrentTransaction(ownKey);
                        if (own != null && own.getStatus() != OperationStatus.FAILED) {
                            return Boolean.FALSE; // the module's own cancel records what it released
                        }
                    }
                }
                em.persist(row);
                em.flush(); // a second node importing the same object fails here, before recording anything
                if (type != null) {
                    row.setPaymentTransactionId(ledger.recordTransaction(row.getOrderPaymentId(),
                            row.getParentTransactionId(), type, row.getAmount(), row.getCurrency(), fields));
                }
                return Boolean.TRUE;
            });
            return Boolean.TRUE.equals(recorded) ? Result.RECORDED : Result.ALREADY_RECORDED;
        } catch (RuntimeException e) {
            if (journal.find(row.getOperationKey()) != null) {
                return Result.ALREADY_RECORDED;
            }
            throw e;
        }
    }

    /** What an import did. */
    public enum Result { RECORDED, ALREADY_RECORDED }

    /** A refund arrived before the capture it refunds was recorded. */
    public static class CaptureNotRecordedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public CaptureNotRecordedException(String message) {
            super(message);
        }
    }

    /** Broadleaf's side of a Smartpay-paid order, read in one short transaction. Amounts in integer yen. */
    public static final class Recorded {
        private final long orderId;
        private final String orderStatus;
        private final String smartpayOrderId;
        private final boolean automaticCapture;
        private final long authorized;
        private final Map<String, Long> captures;
        private final Set<String> refundIds;
        private final long refunded;
        private final long released;

        Recorded(long orderId, String orderStatus, String smartpayOrderId, boolean automaticCapture, long authorized,
                Map<String, Long> captures, Set<String> refundIds, long refunded, long released) {
            this.orderId = orderId;
            this.orderStatus = orderStatus;
            this.smartpayOrderId = smartpayOrderId;
            this.automaticCapture = automaticCapture;
            this.authorized = authorized;
            this.captures = Collections.unmodifiableMap(new LinkedHashMap<>(captures));
            this.refundIds = Collections.unmodifiableSet(new HashSet<>(refundIds));
            this.refunded = refunded;
            this.released = released;
        }

        public long orderId() { return orderId; }

        /** Broadleaf order status, e.g. SUBMITTED. */
        public String orderStatus() { return orderStatus; }

        public String smartpayOrderId() { return smartpayOrderId; }

        public boolean automaticCapture() { return automaticCapture; }

        public long authorized() { return authorized; }

        /** Smartpay payment id → captured amount, for every recorded capture (AUTHORIZE_AND_CAPTURE included). */
        public Map<String, Long> captures() { return captures; }

        public long captured() {
            long sum = 0;
            for (Long amount : captures.values()) {
                sum += amount;
            }
            return sum;
        }

        /** Smartpay refund ids of recorded REFUND transactions. */
        public Set<String> refundIds() { return refundIds; }

        public long refunded() { return refunded; }

        /** Σ recorded REVERSE_AUTH. */
        public long released() { return released; }

        public List<String> paymentIds() { return new ArrayList<>(captures.keySet()); }

        @Override
        public String toString() {
            return "Recorded{order=" + orderId + " " + orderStatus + ", smartpayOrder=" + smartpayOrderId + ", authorized="
                    + authorized + ", captured=" + captured() + ", refunded=" + refunded + ", released=" + released + "}";
        }
    }
}
