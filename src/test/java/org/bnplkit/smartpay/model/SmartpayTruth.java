package org.bnplkit.smartpay.model;

import java.util.ArrayList;
import java.util.List;

import org.bnplkit.smartpay.client.Expand;
import org.bnplkit.smartpay.client.Expandable;
import org.bnplkit.smartpay.client.Order;
import org.bnplkit.smartpay.client.OrderStatus;
import org.bnplkit.smartpay.client.Payment;
import org.bnplkit.smartpay.client.Refund;
import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.config.SmartpayFields;

/** What Smartpay (the sandbox) holds for one order, read through the merchant API: where the money really is. */
record SmartpayTruth(String status, long amount, List<Money> payments) {

    /** A payment or refund: its id, amount and the journal key the module put in its metadata (null: none). */
    record Money(String id, long amount, String operationKey, List<Money> refunds) {
    }

    static SmartpayTruth read(SmartpayClient client, String smartpayOrderId) {
        Order order = client.getOrder(smartpayOrderId, Expand.NO);
        List<Money> payments = new ArrayList<>();
        if (order.payments() != null) {
            for (Expandable<Payment> p : order.payments()) {
                Payment payment = client.getPayment(p.id(), Expand.ALL);
                List<Money> refunds = new ArrayList<>();
                if (payment.refunds() != null) {
                    for (Expandable<Refund> r : payment.refunds()) {
                        Refund refund = r.isExpanded() ? r.expanded() : client.getRefund(r.id(), Expand.NO);
                        refunds.add(new Money(refund.id(), refund.amount(), key(refund.metadata()), List.of()));
                    }
                }
                payments.add(new Money(payment.id(), payment.amount(), key(payment.metadata()), refunds));
            }
        }
        return new SmartpayTruth(order.status(), order.amount(), payments);
    }

    private static String key(java.util.Map<String, String> metadata) {
        return metadata == null ? null : metadata.get(SmartpayFields.OPERATION_KEY);
    }

    long captured() {
        return payments.stream().mapToLong(Money::amount).sum();
    }

    long refunded() {
        return payments.stream().flatMap(p -> p.refunds().stream()).mapToLong(Money::amount).sum();
    }

    /**
     * What Smartpay released of the authorization: the uncaptured rest once the order is closed — canceled, or
     * succeeded (fully captured, or cancelled with captures, which Smartpay answers as succeeded).
     */
    long released() {
        return OrderStatus.CANCELED.equals(status) || OrderStatus.SUCCEEDED.equals(status) ? amount - captured() : 0;
    }

    /** Authorized and neither captured nor released. */
    long open() {
        return OrderStatus.REQUIRES_CAPTURE.equals(status) ? amount - captured() : 0;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(status + " amount " + amount + ", captured " + captured() + ", refunded " + refunded() + ":");
        for (Money p : payments) {
            s.append(" ").append(p.id()).append("=").append(p.amount()).append(p.operationKey() == null ? "" : "[" + p.operationKey() + "]");
            for (Money r : p.refunds()) {
                s.append(" (").append(r.id()).append("=").append(r.amount()).append(r.operationKey() == null ? "" : "[" + r.operationKey() + "]").append(")");
            }
        }
        return s.toString();
    }
}
