package org.bnplkit.smartpay.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bnplkit.smartpay.config.SmartpayFields;
import org.bnplkit.smartpay.config.SmartpayPaymentGatewayType;
import org.bnplkit.smartpay.journal.NoticeKind;
import org.bnplkit.smartpay.journal.OperationKind;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.SmartpayNotice;
import org.bnplkit.smartpay.journal.SmartpayNotices;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.journal.SmartpayWebhookEvent;
import org.bnplkit.smartpay.journal.WebhookEventStatus;
import org.bnplkit.smartpay.journal.WebhookInbox;
import org.bnplkit.smartpay.money.Yen;
import org.bnplkit.smartpay.operations.OperationKeys;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.service.OrderService;
import org.broadleafcommerce.core.payment.domain.OrderPayment;
import org.broadleafcommerce.core.payment.domain.PaymentTransaction;

/**
 * The invariants checked after every settled step, for every order of the run; each violation names its invariant
 * (the name the shrinker keeps while it shortens a failing sequence):
 * <ul>
 *   <li>{@code bounds}: at Smartpay Σ captured ≤ authorized, and each capture's refunds ≤ that capture;</li>
 *   <li>{@code group-share}: never more refunded for a fulfillment group's goods (returns and refunds by item,
 *       whoever made them) than the group's captured share;</li>
 *   <li>{@code journal}: no Smartpay payment or refund without the journal row that asked for it (or a known
 *       outside origin: checkout, dashboard), and no two for one journal key;</li>
 *   <li>{@code ledger}: once nothing of the order is in flight, Broadleaf's transactions are Smartpay's payments
 *       and refunds (ids and amounts, each recorded once) and its releases;</li>
 *   <li>{@code intent}: once nothing of the order is in flight, Smartpay's captured, refunded and still-open amounts
 *       are what the merchant model says — every intent done exactly once, none silently dropped. Less than meant
 *       is excused only when an operator can see why: a FAILED or DEAD operation of that kind, an open notice of
 *       ERROR severity or a dead webhook event for the order;</li>
 *   <li>{@code settles} (end of a run only): after Smartpay is healthy again and the workers ran, nothing is left
 *       in flight.</li>
 * </ul>
 */
final class MoneyInvariants {

    private final Shop shop;

    MoneyInvariants(Shop shop) {
        this.shop = shop;
    }

    /** A broken invariant: its name and what was seen. */
    static final class MoneyViolation extends AssertionError {
        private static final long serialVersionUID = 1L;
        final String invariant;

        MoneyViolation(String invariant, String message) {
            super("[" + invariant + "] " + message);
            this.invariant = invariant;
        }
    }

    void check(boolean endOfRun) {
        for (MerchantModel order : shop.orders) {
            check(order, endOfRun);
        }
    }

    private void check(MerchantModel order, boolean endOfRun) {
        SmartpayTruth smartpay = SmartpayTruth.read(shop.client(), order.smartpayOrderId);
        List<SmartpayOperation> rows = shop.journal().findByOrder(order.orderId);
        String where = Shop.name(order) + ": ";
        String context = "\n    Smartpay: " + smartpay + "\n    model:    " + order + "\n    journal:  " + describe(rows);

        bounds(order, smartpay, where + context);
        journalCoversMoney(order, smartpay, rows, where, context);
        groupShares(order, rows, where, context);

        List<String> inFlight = new ArrayList<>();
        for (SmartpayOperation row : rows) {
            if (!row.getStatus().isFinal()) {
                inFlight.add(row.getOperationKey() + " " + row.getStatus());
            }
        }
        if (!endOfRun) {
            // a webhook waiting to be processed again (e.g. a refund whose capture is not recorded yet) is in flight too;
            // at the end of a run the reconciliation has brought what it carries
            for (SmartpayWebhookEvent event : shop.ctx.bean("blSmartpayWebhookInbox", WebhookInbox.class)
                    .findBySmartpayOrder(order.smartpayOrderId)) {
                if (event.getStatus() == WebhookEventStatus.RECEIVED || event.getStatus() == WebhookEventStatus.RETRYING) {
                    inFlight.add("webhook " + event.getEventType() + " " + event.getStatus());
                }
            }
        }
        if (!inFlight.isEmpty()) {
            if (endOfRun) {
                throw new MoneyViolation("settles", where + "still in flight after Smartpay recovered and the workers ran: "
                        + inFlight + context);
            }
            return;
        }
        if (order.awaitingReconciliation && !endOfRun) {
            return; // Smartpay sent no webhook for its change: the next reconciliation brings it
        }
        ledger(order, smartpay, where, context);
        if (!excusedEntirely(order)) {
            intent(order, smartpay, rows, where, context);
        }
    }

    private static void bounds(MerchantModel order, SmartpayTruth smartpay, String where) {
        if (smartpay.captured() > smartpay.amount()) {
            throw new MoneyViolation("bounds", where + "Smartpay captured " + smartpay.captured() + " of " + smartpay.amount());
        }
        for (SmartpayTruth.Money p : smartpay.payments()) {
            long refunded = p.refunds().stream().mapToLong(SmartpayTruth.Money::amount).sum();
            if (refunded > p.amount()) {
                throw new MoneyViolation("bounds", where + "payment " + p.id() + " refunded " + refunded + " of " + p.amount());
            }
        }
    }

    /** Every Smartpay payment and refund was asked for by one journal row of this order (or came from outside). */
    private static void journalCoversMoney(MerchantModel order, SmartpayTruth smartpay, List<SmartpayOperation> rows,
            String where, String context) {
        Map<String, SmartpayOperation> byKey = new HashMap<>();
        for (SmartpayOperation row : rows) {
            byKey.put(row.getOperationKey(), row);
        }
        Set<String> keysSeen = new HashSet<>();
        List<SmartpayTruth.Money> money = new ArrayList<>(smartpay.payments());
        smartpay.payments().forEach(p -> money.addAll(p.refunds()));
        for (SmartpayTruth.Money m : money) {
            if (m.operationKey() == null) {
                if (!order.outsideMoneyIds.contains(m.id())) {
                    throw new MoneyViolation("journal", where + m.id() + " (" + m.amount() + ") moved money at Smartpay"
                            + " with no journal key and no known outside origin" + context);
                }
                continue;
            }
            if (!keysSeen.add(m.operationKey())) {
                throw new MoneyViolation("journal", where + "two Smartpay money movements for one intent "
                        + m.operationKey() + context);
            }
            SmartpayOperation row = byKey.get(m.operationKey());
            if (row == null) {
                throw new MoneyViolation("journal", where + m.id() + " (" + m.amount() + ") was made under key "
                        + m.operationKey() + ", which no journal row of this order has" + context);
            }
        }
    }

    /** Refunds tied to a group's goods never exceed its captured share. */
    private static void groupShares(MerchantModel order, List<SmartpayOperation> rows, String where, String context) {
        Map<String, Long> moved = new HashMap<>(); // refund request key -> refunded by its SUCCEEDED slices
        for (SmartpayOperation row : rows) {
            if (row.getKind() == OperationKind.REFUND && row.getStatus() == OperationStatus.SUCCEEDED && row.getParentKey() != null) {
                moved.merge(row.getParentKey(), row.getAmount(), Long::sum);
            }
        }
        for (MerchantModel.Group group : order.groups) {
            long refunded = 0;
            List<String> requests = new ArrayList<>();
            for (SmartpayOperation row : rows) {
                if (row.getKind() == OperationKind.REFUND_REQUEST && tiedTo(group, row)) {
                    long amount = moved.getOrDefault(row.getOperationKey(), 0L);
                    refunded += amount;
                    requests.add(row.getOperationKey() + "=" + amount);
                }
            }
            long share = order.capturedShare(group);
            if (refunded > share) {
                throw new MoneyViolation("group-share", where + "group " + group.number + " (fulfillment group " + group.id
                        + ") had " + refunded + " refunded for its goods " + requests + ", more than its captured share "
                        + share + context);
            }
        }
    }

    /** A refund request for the group's return, one of its items' returns, or a refund by item of its lines. */
    private static boolean tiedTo(MerchantModel.Group group, SmartpayOperation request) {
        String key = request.getOperationKey();
        if (key.equals(OperationKeys.refundRequest(OperationKeys.groupReturnRequestId(group.id)))) {
            return true;
        }
        for (MerchantModel.Line line : group.lines) {
            if (key.equals(OperationKeys.refundRequest(OperationKeys.itemReturnRequestId(line.fulfillmentGroupItemId)))) {
                return true;
            }
            String items = request.getItemQuantities();
            if (items != null && ("," + items).contains("," + line.orderItemId + ":")) {
                return true;
            }
        }
        return false;
    }

    /** Broadleaf's transactions are Smartpay's money, each recorded once. */
    private void ledger(MerchantModel order, SmartpayTruth smartpay, String where, String context) {
        Recorded recorded = recorded(order.orderId);
        Map<String, Long> payments = new HashMap<>();
        Map<String, Long> refunds = new HashMap<>();
        for (SmartpayTruth.Money p : smartpay.payments()) {
            payments.put(p.id(), p.amount());
            p.refunds().forEach(r -> refunds.put(r.id(), r.amount()));
        }
        context = context + "\n    Broadleaf: " + recorded;
        if (!recorded.duplicates.isEmpty()) {
            throw new MoneyViolation("ledger", where + "recorded more than once in Broadleaf: " + recorded.duplicates + context);
        }
        if (!recorded.captures.equals(payments)) {
            throw new MoneyViolation("ledger", where + "Broadleaf's captures " + recorded.captures + " are not Smartpay's payments "
                    + payments + context);
        }
        if (!recorded.refunds.equals(refunds)) {
            throw new MoneyViolation("ledger", where + "Broadleaf's refunds " + recorded.refunds + " are not Smartpay's refunds "
                    + refunds + context);
        }
        long released = smartpay.released();
        if (recorded.released != released) {
            throw new MoneyViolation("ledger", where + "Broadleaf recorded " + recorded.released + " released (REVERSE_AUTH),"
                    + " Smartpay released " + released + context);
        }
    }

    /**
     * Smartpay's money is what the merchant meant. More captured or refunded than meant is never excused. Less is
     * excused only by an operation an operator sees failed (FAILED or DEAD) that would have moved it: a failed capture
     * also excuses the refund of what it never captured (a cancel refunds only what was captured), so then the net
     * charge (captured − refunded) must still be what was meant.
     */
    private static void intent(MerchantModel order, SmartpayTruth smartpay, List<SmartpayOperation> rows, String where,
            String context) {
        Set<OperationKind> failed = new HashSet<>();
        for (SmartpayOperation row : rows) {
            if (row.getStatus() == OperationStatus.FAILED || row.getStatus() == OperationStatus.DEAD) {
                failed.add(row.getKind());
            }
        }
        boolean captureFailed = failed.contains(OperationKind.CAPTURE);
        boolean refundFailed = failed.contains(OperationKind.REFUND);
        long net = smartpay.captured() - smartpay.refunded();
        long meantNet = order.captured - order.refunded;
        List<String> wrong = new ArrayList<>();
        if (smartpay.captured() > order.captured || smartpay.captured() < order.captured && !captureFailed) {
            wrong.add("captured " + smartpay.captured() + " where the merchant meant " + order.captured);
        }
        if (smartpay.refunded() > order.refunded || smartpay.refunded() < order.refunded && !refundFailed && !captureFailed) {
            wrong.add("refunded " + smartpay.refunded() + " where the merchant meant " + order.refunded);
        }
        if (net > meantNet && !refundFailed || net < meantNet && !captureFailed) {
            wrong.add("the shopper pays " + net + " where the merchant meant " + meantNet);
        }
        boolean openExcused = captureFailed || failed.contains(OperationKind.CANCEL);
        if (smartpay.open() < order.uncaptured() || smartpay.open() > order.uncaptured() && !openExcused) {
            wrong.add("still authorized " + smartpay.open() + " where the merchant meant " + order.uncaptured());
        }
        if (!wrong.isEmpty()) {
            throw new MoneyViolation("intent", where + String.join("; ", wrong)
                    + (failed.isEmpty() ? " (no FAILED or DEAD operation shows it)" : " (failed operations: " + failed + ")") + context);
        }
    }

    /**
     * An order an operator has been told is in trouble — an open notice of ERROR severity (unexplained difference,
     * checkout not completed, dead webhook) or a dead webhook event — is not compared with the model any more.
     * Informational notices (a change imported from Smartpay, a cancellation at Smartpay) excuse nothing: the model
     * knows those events.
     */
    private boolean excusedEntirely(MerchantModel order) {
        SmartpayNotices notices = shop.ctx.bean("blSmartpayNotices", SmartpayNotices.class);
        List<SmartpayNotice> all = new ArrayList<>(notices.forOrder(order.orderId));
        all.addAll(notices.forSmartpayOrder(order.smartpayOrderId));
        for (SmartpayNotice notice : all) {
            if (notice.isOpen() && notice.getSeverity() == NoticeKind.Severity.ERROR) {
                return true;
            }
        }
        for (SmartpayWebhookEvent event : shop.ctx.bean("blSmartpayWebhookInbox", WebhookInbox.class).findBySmartpayOrder(order.smartpayOrderId)) {
            if (event.getStatus() == WebhookEventStatus.DEAD) {
                return true;
            }
        }
        return false;
    }

    /** Broadleaf's successful transactions on the order's active Smartpay payments. */
    private Recorded recorded(long orderId) {
        return shop.ctx.inTransaction(() -> {
            Recorded r = new Recorded();
            Order order = shop.ctx.bean("blOrderService", OrderService.class).findOrderById(orderId);
            for (OrderPayment payment : order.getPayments()) {
                if (!payment.isActive() || !SmartpayPaymentGatewayType.SMARTPAY.equals(payment.getGatewayType())) {
                    continue;
                }
                for (PaymentTransaction tx : payment.getTransactions()) {
                    if (!Boolean.TRUE.equals(tx.getSuccess()) || !tx.isActive()) {
                        continue;
                    }
                    long yen = Yen.of(tx.getAmount().getAmount());
                    String paymentId = tx.getAdditionalFields().get(SmartpayFields.PAYMENT_ID);
                    if (PaymentTransactionType.CAPTURE.equals(tx.getType())
                            || (PaymentTransactionType.AUTHORIZE_AND_CAPTURE.equals(tx.getType()))) {
                        if (r.captures.put(String.valueOf(paymentId), yen) != null) {
                            r.duplicates.add("capture " + paymentId);
                        }
                    } else if (PaymentTransactionType.REFUND.equals(tx.getType())) {
                        String refundId = tx.getAdditionalFields().get(SmartpayFields.REFUND_ID);
                        if (r.refunds.put(String.valueOf(refundId), yen) != null) {
                            r.duplicates.add("refund " + refundId);
                        }
                    } else if (PaymentTransactionType.REVERSE_AUTH.equals(tx.getType())) {
                        r.released += yen;
                    }
                }
            }
            return r;
        });
    }

    private static final class Recorded {
        final Map<String, Long> captures = new HashMap<>();
        final Map<String, Long> refunds = new HashMap<>();
        final List<String> duplicates = new ArrayList<>();
        long released;

        @Override
        public String toString() {
            return "captures " + captures + ", refunds " + refunds + ", released " + released;
        }
    }

    private static String describe(List<SmartpayOperation> rows) {
        StringBuilder s = new StringBuilder();
        for (SmartpayOperation row : rows) {
            s.append("\n      ").append(row.getOperationKey()).append(' ').append(row.getKind()).append(' ').append(row.getStatus())
                    .append(' ').append(row.getAmount())
                    .append(row.getLastErrorCode() == null ? "" : " (" + row.getLastErrorCode() + ")");
        }
        return s.toString();
    }
}
