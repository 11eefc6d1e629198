package org.bnplkit.smartpay.sandbox;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A refund of (part of) one payment. The sandbox's refunds are synchronous and always succeed. */
final class RefundRecord extends MoneyMovementRecord {

    final PaymentRecord payment;
    final long amount;
    final String currency;
    final String reason;
    final List<String> lineItemIds;
    final String status = "succeeded";

    RefundRecord(boolean test, long now, PaymentRecord payment, long amount, String currency, String reason,
                 String reference, String description, ObjectNode metadata, List<String> lineItemIds) {
        super("refund", test, now, reference, description, metadata);
        this.payment = payment;
        this.amount = amount;
        this.currency = currency;
        this.reason = reason;
        this.lineItemIds = lineItemIds == null ? new ArrayList<String>() : lineItemIds;
    }
}
