package org.bnplkit.smartpay.operations;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A read-only snapshot of a Smartpay-paid Broadleaf order, taken in one short transaction: what the operations
 * need to compute amounts without holding a database transaction during the HTTP call.
 */
final class PaidOrder {

    final long orderId;
    final String orderStatus;
    final String currency;
    final long orderPaymentId;
    final String smartpayOrderId;
    /** The AUTHORIZE (manual capture) or AUTHORIZE_AND_CAPTURE (automatic capture) transaction. */
    final long authorizeTransactionId;
    final boolean automaticCapture;
    /** Integer yen authorized at checkout. */
    final long authorized;
    /** Fulfillment groups in id order. */
    final List<Group> groups;
    /**
     * Every recorded capture (CAPTURE, or the AUTHORIZE_AND_CAPTURE of automatic capture), oldest first; their
     * Smartpay payment ids only when loaded with capture details.
     */
    final List<Capture> captures;
    /** Order item id → line facts, for refunds by item. */
    final Map<Long, Line> lines;
    /** Ids of the successful REFUND transactions already counted in {@link Capture#refunded}. */
    final Set<Long> refundTransactionIds;
    /** Σ successful REVERSE_AUTH: what was released of the authorization (a cancel, a dashboard cancel, expiry). */
    final long released;

    PaidOrder(long orderId, String orderStatus, String currency, long orderPaymentId, String smartpayOrderId,
            long authorizeTransactionId, boolean automaticCapture, long authorized, List<Group> groups,
            List<Capture> captures, Map<Long, Line> lines, Set<Long> refundTransactionIds, long released) {
        this.orderId = orderId;
        this.orderStatus = orderStatus;
        this.currency = currency;
        this.orderPaymentId = orderPaymentId;
        this.smartpayOrderId = smartpayOrderId;
        this.authorizeTransactionId = authorizeTransactionId;
        this.automaticCapture = automaticCapture;
        this.authorized = authorized;
        this.groups = Collections.unmodifiableList(new ArrayList<>(groups));
        this.captures = Collections.unmodifiableList(new ArrayList<>(captures));
        this.lines = Collections.unmodifiableMap(lines);
        this.refundTransactionIds = Collections.unmodifiableSet(new HashSet<>(refundTransactionIds));
        this.released = released;
    }

    long capturedRecorded() {
        long sum = 0;
        for (Capture c : captures) {
            sum += c.amount;
        }
        return sum;
    }

    Capture captureByPaymentId(String smartpayPaymentId) {
        for (Capture c : captures) {
            if (smartpayPaymentId.equals(c.smartpayPaymentId)) {
                return c;
            }
        }
        return null;
    }

    /** This snapshot with {@code capture} as its only capture: a refund aimed at that one capture. */
    PaidOrder withOnlyCapture(Capture capture) {
        return new PaidOrder(orderId, orderStatus, currency, orderPaymentId, smartpayOrderId, authorizeTransactionId,
                automaticCapture, authorized, groups, Collections.singletonList(capture), lines, refundTransactionIds,
                released);
    }

    Group group(long fulfillmentGroupId) {
        for (Group g : groups) {
            if (g.id == fulfillmentGroupId) {
                return g;
            }
        }
        return null;
    }

    static final class Group {
        final long id;
        /** Items + shipping + tax of the group, integer yen: the weight of its share of the authorization. */
        final long gross;
        /** Fulfillment-group item id → (order item id, quantity, item status). */
        final List<GroupItem> items;

        Group(long id, long gross, List<GroupItem> items) {
            this.id = id;
            this.gross = gross;
            this.items = Collections.unmodifiableList(new ArrayList<>(items));
        }
    }

    static final class GroupItem {
        final long id;
        final long orderItemId;
        final int quantity;
        final String status;

        GroupItem(long id, long orderItemId, int quantity, String status) {
            this.id = id;
            this.orderItemId = orderItemId;
            this.quantity = quantity;
            this.status = status;
        }
    }

    static final class Capture {
        final long transactionId;
        final String smartpayPaymentId;
        final long amount;
        /** Σ successful REFUND transactions recorded under this capture. */
        final long refunded;

        Capture(long transactionId, String smartpayPaymentId, long amount, long refunded) {
            this.transactionId = transactionId;
            this.smartpayPaymentId = smartpayPaymentId;
            this.amount = amount;
            this.refunded = refunded;
        }
    }

    static final class Line {
        final long orderItemId;
        final int quantity;
        /** What the shopper paid for the whole line: items after discounts, plus their tax; integer yen. */
        final long netPaid;

        Line(long orderItemId, int quantity, long netPaid) {
            this.orderItemId = orderItemId;
            this.quantity = quantity;
            this.netPaid = netPaid;
        }
    }
}
