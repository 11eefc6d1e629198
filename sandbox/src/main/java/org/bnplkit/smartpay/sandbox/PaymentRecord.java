package org.bnplkit.smartpay.sandbox;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A capture. Refunds take from it until nothing is left, then its status is {@code refunded}. */
final class PaymentRecord extends MoneyMovementRecord {

    static final String PROCESSED = "processed";
    static final String REFUNDED = "refunded";

    final OrderRecord order;
    final long amount;
    final String currency;
    final List<String> lineItemIds;
    final List<RefundRecord> refunds = new ArrayList<>();
    long refundedTotal;
    String status = PROCESSED;

    PaymentRecord(boolean test, long now, OrderRecord order, long amount, String currency,
                  String reference, String description, ObjectNode metadata, List<String> lineItemIds) {
        super("payment", test, now, reference, description, metadata);
        this.order = order;
        this.amount = amount;
        this.currency = currency;
        this.lineItemIds = lineItemIds == null ? new ArrayList<String>() : lineItemIds;
    }

    long refundable() {
        return amount - refundedTotal;
    }
}
