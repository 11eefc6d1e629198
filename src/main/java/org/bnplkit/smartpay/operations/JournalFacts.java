package org.bnplkit.smartpay.operations;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bnplkit.smartpay.journal.OperationKind;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.SmartpayOperation;

/** What an order's journal rows (read with its snapshot, in the deciding transaction) say about its money. */
final class JournalFacts {

    private JournalFacts() {
    }

    /** Captured (recorded) plus captures journaled and not failed: what can no longer be captured. */
    static long capturedOrInFlight(PaidOrder order, List<SmartpayOperation> rows) {
        long sum = 0;
        Set<Long> journaledTransactions = new HashSet<>();
        for (SmartpayOperation r : rows) {
            if (r.getKind() == OperationKind.CAPTURE && r.getStatus().isLive()) {
                sum += r.getAmount();
            }
            if (r.getPaymentTransactionId() != null) {
                journaledTransactions.add(r.getPaymentTransactionId());
            }
        }
        for (PaidOrder.Capture c : order.captures) {
            if (!journaledTransactions.contains(c.transactionId)) {
                sum += c.amount; // made outside the journal (the authorization of automatic capture)
            }
        }
        return sum;
    }

    static boolean hasLiveRow(List<SmartpayOperation> rows, String key) {
        for (SmartpayOperation r : rows) {
            if (r.getOperationKey().equals(key) && r.getStatus().isLive()) {
                return true;
            }
        }
        return false;
    }

    static boolean hasRow(List<SmartpayOperation> rows, String key) {
        for (SmartpayOperation r : rows) {
            if (r.getOperationKey().equals(key)) {
                return true;
            }
        }
        return false;
    }

    /** The order's cancellation (ours, or one made at Smartpay and imported), or null. */
    static SmartpayOperation cancelOf(List<SmartpayOperation> rows) {
        for (SmartpayOperation r : rows) {
            if (r.getKind() == OperationKind.CANCEL && r.getStatus() != OperationStatus.FAILED) {
                return r;
            }
        }
        return null;
    }

    /** Order item id → units already refunded by item (every refund request that named items and was not refused, and dashboard refunds that named them). */
    static Map<Long, Integer> refundedQuantities(List<SmartpayOperation> rows) {
        Map<Long, Integer> returned = new HashMap<>();
        for (SmartpayOperation r : rows) {
            if (RefundedItems.counts(r)) {
                for (RefundedItems.Entry e : RefundedItems.of(r)) {
                    returned.merge(e.orderItemId, e.quantity, Integer::sum);
                }
            }
        }
        return returned;
    }

    /** True while a capture of the order is journaled and not settled (it may still add refundable money). */
    static boolean captureInFlight(List<SmartpayOperation> rows) {
        for (SmartpayOperation r : rows) {
            if (r.getKind() == OperationKind.CAPTURE && !r.getStatus().isFinal()) {
                return true;
            }
        }
        return false;
    }
}
