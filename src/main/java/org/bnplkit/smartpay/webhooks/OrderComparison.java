package org.bnplkit.smartpay.webhooks;

import java.util.ArrayList;
import java.util.List;

import org.bnplkit.smartpay.client.Expandable;
import org.bnplkit.smartpay.client.Order;
import org.bnplkit.smartpay.client.OrderStatus;
import org.bnplkit.smartpay.client.Payment;
import org.bnplkit.smartpay.client.Refund;
import org.bnplkit.smartpay.operations.SmartpayExternalChanges.Recorded;

/**
 * The differences between Broadleaf's record of an order and Smartpay's, for {@link SmartpayOrderSync}. The sync
 * reads Smartpay before Broadleaf's record, so a capture or refund the module makes in between is in the record but
 * not in that read; a difference found that way is confirmed against a second read of Smartpay taken after the record.
 */
final class OrderComparison {

    private OrderComparison() {
    }

    /**
     * The differences between {@code recorded} and Smartpay. {@code first} is the read of Smartpay the sync worked
     * from (taken before {@code recorded}); {@code fresh} one taken after {@code recorded}, or {@code first} again. A
     * figure differs only when it differs from both reads: a capture or refund the module recorded after the first
     * read is in the fresh one. Smartpay's refunds Broadleaf lacks are those of the first read (the sync imported or
     * waited for every one of them); Broadleaf's refunds Smartpay lacks are those missing from the fresh read. While
     * {@code waiting} names operations in flight, only the order's status and authorization are compared.
     */
    static List<String> compare(Recorded recorded, Snapshot first, Snapshot fresh, List<String> waiting) {
        List<String> problems = new ArrayList<>();
        String status = fresh.order.status();
        if ((OrderStatus.REQUIRES_AUTHORIZATION.equals(status) || OrderStatus.REJECTED.equals(status))
                && status.equals(first.order.status())) {
            problems.add("Broadleaf order " + recorded.orderId() + " holds an authorization, but Smartpay order "
                    + fresh.order.id() + " is " + status + ".");
        }
        if (first.order.amount() != recorded.authorized() && fresh.order.amount() != recorded.authorized()) {
            problems.add("Authorized amounts differ: Broadleaf ¥" + recorded.authorized() + ", Smartpay ¥"
                    + fresh.order.amount() + ".");
        }
        if (!waiting.isEmpty()) {
            return problems; // operations in flight: the figures are allowed to differ for now
        }
        if (recorded.captured() != first.captured && recorded.captured() != fresh.captured) {
            problems.add("Captured amounts differ: Broadleaf ¥" + recorded.captured() + ", Smartpay ¥"
                    + fresh.captured + ".");
        }
        List<String> missing = new ArrayList<>(first.refundIds);
        missing.removeAll(recorded.refundIds());
        List<String> unknown = new ArrayList<>(recorded.refundIds());
        unknown.removeAll(fresh.refundIds);
        if (!missing.isEmpty()) {
            problems.add("Smartpay refunds not recorded in Broadleaf: " + missing + ".");
        }
        if (!unknown.isEmpty()) {
            problems.add("Broadleaf records refunds Smartpay does not list: " + unknown + ".");
        }
        return problems;
    }

    /** One read of a Smartpay order: what it has captured, and its refunds' ids. */
    static final class Snapshot {
        final Order order;
        final long captured;
        final List<String> refundIds;

        Snapshot(Order order, long captured, List<String> refundIds) {
            this.order = order;
            this.captured = captured;
            this.refundIds = refundIds;
        }

        /** {@code payments}: the order's payments, read in full. */
        static Snapshot of(Order order, List<Payment> payments) {
            long captured = 0;
            List<String> refundIds = new ArrayList<>();
            for (Payment payment : payments) {
                captured += payment.amount();
                if (payment.refunds() != null) {
                    for (Expandable<Refund> r : payment.refunds()) {
                        refundIds.add(r.id());
                    }
                }
            }
            return new Snapshot(order, captured, refundIds);
        }
    }
}
