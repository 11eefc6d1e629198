package org.bnplkit.smartpay.operations;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bnplkit.smartpay.journal.OperationKind;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.money.FulfillmentShares;

/**
 * A fulfillment group's money, from the order's snapshot and journal rows read together: what was captured for it,
 * what was already refunded for its items, whether it came back whole. See docs/lifecycle.md, "Returns".
 *
 * <ul>
 *   <li>Captured: its own capture on shipment (when that succeeded), plus what captures made by amount (admin,
 *       integrators, the gateway, Smartpay's dashboard) cover of the rest of its share of the order, in group order;
 *       under automatic capture, its share. Unknown ({@link #UNSETTLED}) while a capture that could count is still
 *       in flight.</li>
 *   <li>Refunded for its items: every refund request that named items (admin, item returns, any request id), each
 *       item's yen shared over the groups that hold that item by quantity.</li>
 * </ul>
 */
final class GroupMoney {

    static final long UNSETTLED = -1;

    private GroupMoney() {
    }

    static long captured(PaidOrder order, List<SmartpayOperation> rows, long groupId) {
        List<Long> gross = new ArrayList<>();
        int index = -1;
        for (int i = 0; i < order.groups.size(); i++) {
            gross.add(order.groups.get(i).gross);
            if (order.groups.get(i).id == groupId) {
                index = i;
            }
        }
        if (index < 0) {
            throw new SmartpayOperationException("Fulfillment group " + groupId + " is not on order " + order.orderId);
        }
        List<Long> shares = FulfillmentShares.allocate(CaptureOperation.payableNow(order), gross);
        if (order.automaticCapture) {
            return shares.get(index);
        }
        SmartpayOperation own = find(rows, OperationKeys.captureGroup(groupId));
        if (own != null && !own.getStatus().isFinal()) {
            return UNSETTLED;
        }
        // captures not made for one group (by amount: admin, integrators, the gateway, the dashboard) cover what the
        // groups' own captures left of their shares, in group order: an explicit capture before the shipment, then
        // the shipment's residual, together pay for the group
        Set<Long> groupCaptureTransactions = new HashSet<>();
        for (SmartpayOperation r : rows) {
            if (r.getKind() != OperationKind.CAPTURE) {
                continue;
            }
            boolean forAGroup = r.getOperationKey().startsWith("capture:fg:");
            if (forAGroup && r.getPaymentTransactionId() != null) {
                groupCaptureTransactions.add(r.getPaymentTransactionId());
            } else if (!forAGroup && !r.getStatus().isFinal()) {
                return UNSETTLED;
            }
        }
        long pool = 0;
        for (PaidOrder.Capture c : order.captures) {
            if (!groupCaptureTransactions.contains(c.transactionId)) {
                pool += c.amount;
            }
        }
        for (int i = 0; i < order.groups.size(); i++) {
            SmartpayOperation ownOfGroup = find(rows, OperationKeys.captureGroup(order.groups.get(i).id));
            long ownAmount = ownOfGroup != null && (ownOfGroup.getStatus() == OperationStatus.SUCCEEDED
                    || !ownOfGroup.getStatus().isFinal()) ? ownOfGroup.getAmount() : 0;
            long covered = Math.min(Math.max(0, shares.get(i) - ownAmount), pool);
            if (i == index) {
                return ownAmount + covered;
            }
            pool -= covered;
        }
        return 0;
    }

    /** Yen already refunded for the group's items, by every refund request that named items. */
    static long refundedForItems(PaidOrder order, List<SmartpayOperation> rows, long groupId) {
        PaidOrder.Group group = order.group(groupId);
        long sum = 0;
        for (SmartpayOperation r : rows) {
            if (!RefundedItems.counts(r)) {
                continue;
            }
            List<RefundedItems.Entry> entries = RefundedItems.of(r);
            for (RefundedItems.Entry e : entries) {
                long inGroup = 0;
                for (PaidOrder.GroupItem item : group.items) {
                    if (item.orderItemId == e.orderItemId) {
                        inGroup += item.quantity;
                    }
                }
                if (inGroup == 0) {
                    continue;
                }
                long yen = e.yen >= 0 ? e.yen : entries.size() == 1 ? r.getAmount() : estimate(order, e);
                long inAllGroups = Math.max(inGroup, unitsInGroups(order, e.orderItemId));
                sum += yen * inGroup / inAllGroups;
            }
        }
        return sum;
    }

    /** The group's whole-return request, if it was returned whole (and that was not refused). */
    static SmartpayOperation groupReturn(List<SmartpayOperation> rows, long groupId) {
        SmartpayOperation r = find(rows, OperationKeys.refundRequest(OperationKeys.groupReturnRequestId(groupId)));
        return r != null && r.getStatus() != OperationStatus.FAILED ? r : null;
    }

    /** True when every group holding the order item came back whole (its refund went with the group). */
    static boolean refundedWithItsGroups(PaidOrder order, List<SmartpayOperation> rows, long orderItemId) {
        boolean held = false;
        for (PaidOrder.Group g : order.groups) {
            for (PaidOrder.GroupItem item : g.items) {
                if (item.orderItemId == orderItemId) {
                    held = true;
                    if (groupReturn(rows, g.id) == null) {
                        return false;
                    }
                }
            }
        }
        return held;
    }

    private static long unitsInGroups(PaidOrder order, long orderItemId) {
        long units = 0;
        for (PaidOrder.Group g : order.groups) {
            for (PaidOrder.GroupItem item : g.items) {
                if (item.orderItemId == orderItemId) {
                    units += item.quantity;
                }
            }
        }
        return units;
    }

    private static long estimate(PaidOrder order, RefundedItems.Entry e) {
        PaidOrder.Line line = order.lines.get(e.orderItemId);
        return line == null || line.quantity == 0 ? 0 : line.netPaid * e.quantity / line.quantity;
    }

    private static SmartpayOperation find(List<SmartpayOperation> rows, String key) {
        for (SmartpayOperation r : rows) {
            if (r.getOperationKey().equals(key)) {
                return r;
            }
        }
        return null;
    }
}
