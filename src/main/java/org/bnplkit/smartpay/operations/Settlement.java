package org.bnplkit.smartpay.operations;

import java.util.List;

import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.broadleafcommerce.common.payment.PaymentTransactionType;

/** What a row settled from the order's current state records: a transaction (type null: none) and more rows. */
final class Settlement {
    final PaymentTransactionType type;
    final long amount;
    final List<SmartpayOperation> followUps;

    Settlement(PaymentTransactionType type, long amount, List<SmartpayOperation> followUps) {
        this.type = amount > 0 ? type : null;
        this.amount = amount;
        this.followUps = followUps;
    }
}
