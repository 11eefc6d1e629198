package org.bnplkit.smartpay.operations;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.bnplkit.smartpay.journal.OperationKind;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.SmartpayOperation;

/**
 * The items a refund request refunded, as its journal row keeps them ({@code ITEM_QUANTITIES}):
 * {@code orderItemId:quantity:yen} entries separated by commas. Rows written before the yen was kept have
 * {@code orderItemId:quantity}; their yen is unknown (-1).
 */
public final class RefundedItems {

    /** What the ITEM_QUANTITIES column holds. */
    public static final int MAX_LENGTH = 1000;

    private RefundedItems() {
    }

    /** One refunded line: units of an order item and the yen refunded for them (-1: not recorded). */
    public static final class Entry {
        public final long orderItemId;
        public final int quantity;
        public final long yen;

        public Entry(long orderItemId, int quantity, long yen) {
            this.orderItemId = orderItemId;
            this.quantity = quantity;
            this.yen = yen;
        }
    }

    /**
     * Whether the row's items count as refunded: a refund request that was not refused, or a refund made in the
     * Smartpay dashboard that named line items (imported without a request of its own).
     */
    public static boolean counts(SmartpayOperation row) {
        if (row.getStatus() == OperationStatus.FAILED) {
            return false;
        }
        return row.getKind() == OperationKind.REFUND_REQUEST
                || (row.getKind() == OperationKind.REFUND && row.getParentKey() == null && row.getItemQuantities() != null);
    }

    public static List<Entry> of(SmartpayOperation request) {
        return parse(request.getItemQuantities());
    }

    public static List<Entry> parse(String encoded) {
        if (encoded == null || encoded.trim().isEmpty()) {
            return Collections.emptyList();
        }
        List<Entry> entries = new ArrayList<>();
        for (String part : encoded.split(",")) {
            String[] f = part.trim().split(":");
            if (f.length < 2) {
                continue;
            }
            entries.add(new Entry(Long.parseLong(f[0].trim()), Integer.parseInt(f[1].trim()),
                    f.length > 2 ? Long.parseLong(f[2].trim()) : -1L));
        }
        return entries;
    }

    /** Refuses lists the column cannot hold (a refund of very many lines: split it). */
    public static String format(List<Entry> entries) {
        StringBuilder out = new StringBuilder();
        for (Entry e : entries) {
            out.append(out.length() == 0 ? "" : ",").append(e.orderItemId).append(':').append(e.quantity)
                    .append(':').append(e.yen);
        }
        if (out.length() > MAX_LENGTH) {
            throw new SmartpayOperationException("Too many items in one refund (" + entries.size()
                    + " lines): refund them in several requests");
        }
        return out.toString();
    }
}
