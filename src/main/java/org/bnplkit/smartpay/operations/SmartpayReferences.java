package org.bnplkit.smartpay.operations;

import org.bnplkit.smartpay.journal.SmartpayOperation;

/**
 * The {@code reference} a capture or refund carries to Smartpay, for a person reading the merchant dashboard:
 * {@code <Broadleaf order id>/<what>}, where the order id is the reference the checkout gave the Smartpay order
 * itself and {@code <what>} is the operation's business key without its kind — {@code fg:<id>} for a shipment's
 * capture, the refund's request id ({@code return:fgi:<id>}, {@code adm-...}, the caller's) for a refund. Smartpay
 * takes at most {@value #MAX_LENGTH} characters: a longer one keeps the order id and the end of the request id
 * after a {@code ~}. The full journal key is always in the object's metadata ({@code smartpayOperationKey}).
 */
public final class SmartpayReferences {

    public static final int MAX_LENGTH = 40;

    private SmartpayReferences() {
    }

    /** A capture row's reference: {@code capture:fg:12} → {@code <orderId>/fg:12}. */
    public static String capture(SmartpayOperation row) {
        return of(row.getOrderId(), afterPrefix(row.getOperationKey(), "capture:"));
    }

    /** A refund slice's reference, from its request ({@code refund:<requestId>}). */
    public static String refund(SmartpayOperation slice) {
        String request = slice.getParentKey() != null ? slice.getParentKey() : slice.getOperationKey();
        return of(slice.getOrderId(), afterPrefix(request, OperationKeys.refundRequest("")));
    }

    /**
     * The reference a journal row carries (or its slices carry) to Smartpay: captures and refunds the module sends;
     * null for cancels and for changes imported from the dashboard (their reference is whatever was typed there).
     */
    public static String forRow(SmartpayOperation row) {
        switch (row.getKind()) {
            case CAPTURE:
                return row.getOperationKey().startsWith("capture:") ? capture(row) : null;
            case REFUND:
                return row.getParentKey() != null ? refund(row) : null;
            case REFUND_REQUEST:
                return refund(row);
            default:
                return null;
        }
    }

    static String of(long orderId, String what) {
        String order = String.valueOf(orderId);
        String full = order + "/" + what;
        if (full.length() <= MAX_LENGTH) {
            return full;
        }
        int room = MAX_LENGTH - order.length() - 2;
        return order + "/~" + what.substring(what.length() - room);
    }

    private static String afterPrefix(String key, String prefix) {
        return key.startsWith(prefix) ? key.substring(prefix.length()) : key;
    }
}
