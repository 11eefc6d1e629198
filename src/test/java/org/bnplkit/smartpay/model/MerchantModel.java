package org.bnplkit.smartpay.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.bnplkit.smartpay.money.FulfillmentShares;
import org.bnplkit.smartpay.money.ItemRefunds;

/**
 * What the merchant intended for one order, in plain integer yen, with no Broadleaf, journal or HTTP in it: the
 * reference the real system is compared with. Every intent is assumed to succeed in the end (faults only delay it);
 * what the module may refuse on purpose (more than is left) the model refuses too.
 *
 * <p>The rules, as a merchant states them:
 * <ul>
 *   <li>a shipment captures its group's share of the authorization (docs/money.md §2); the last group to be
 *       captured takes what is left, so the captures add up to the authorization;</li>
 *   <li>returned goods are refunded at their captured share minus what was already refunded for them (whatever
 *       entry point refunded it), never more than the order still has captured and unrefunded;</li>
 *   <li>a returned item is worth its line's net paid price shared per unit, the last unit taking the residual
 *       (docs/money.md, ItemRefunds);</li>
 *   <li>a cancelled order ends with nothing authorized, and with its captures refunded when
 *       gateway.smartpay.cancel.refundCaptured=true;</li>
 *   <li>Smartpay closing the authorization (the 7-day expiry, a dashboard cancel) releases what was not captured
 *       and nothing else; a later cancel in Broadleaf still refunds the captures when so configured.</li>
 * </ul>
 */
final class MerchantModel {

    final int number;
    final long orderId;
    final String smartpayOrderId;
    final boolean automaticCapture;
    final long authorized;
    final List<Group> groups;
    /** Smartpay payments and refunds the model knows were made outside the module (dashboard, checkout). */
    final Set<String> outsideMoneyIds = new LinkedHashSet<>();

    long captured;
    long refunded;
    /** The merchant cancelled the order (status, admin or SPI). */
    boolean cancelled;
    /** Smartpay closed the authorization itself (expiry, dashboard cancel). */
    boolean closedAtSmartpay;
    /**
     * Smartpay changed the order without a webhook to tell (a cancellation that leaves captures is answered as
     * succeeded, with no order.canceled): only a reconciliation brings it into Broadleaf.
     */
    boolean awaitingReconciliation;

    MerchantModel(int number, long orderId, String smartpayOrderId, boolean automaticCapture, long authorized,
            List<Group> groups) {
        this.number = number;
        this.orderId = orderId;
        this.smartpayOrderId = smartpayOrderId;
        this.automaticCapture = automaticCapture;
        this.authorized = authorized;
        this.groups = groups;
        List<Long> gross = new ArrayList<>();
        for (Group g : groups) {
            gross.add(g.gross);
        }
        List<Long> shares = FulfillmentShares.allocate(authorized, gross);
        for (int i = 0; i < groups.size(); i++) {
            groups.get(i).share = shares.get(i);
        }
        if (automaticCapture) {
            captured = authorized;
        }
    }

    /** Still authorized and not captured: what can be captured (and what a cancel releases). */
    long uncaptured() {
        return cancelled || closedAtSmartpay ? 0 : authorized - captured;
    }

    long refundable() {
        return captured - refunded;
    }

    /** A shipment: the capture it should make (0: nothing to capture). */
    long ship(Group group) {
        group.shipped = true;
        if (automaticCapture || uncaptured() == 0) {
            return 0;
        }
        boolean otherStillToCapture = false;
        for (Group g : groups) {
            if (g != group && g.shipmentCapture == 0) {
                otherStillToCapture = true;
            }
        }
        long amount = otherStillToCapture ? Math.min(group.share, uncaptured()) : uncaptured();
        group.shipmentCapture = amount;
        captured += amount;
        return amount;
    }

    /** A capture by amount (admin, SPI, dashboard): the model takes it when it fits. */
    boolean capture(long amount) {
        if (amount <= 0 || amount > uncaptured()) {
            return false;
        }
        captured += amount;
        return true;
    }

    /** A refund by amount not tied to goods (admin, SPI, dashboard). */
    boolean refund(long amount) {
        if (amount <= 0 || amount > refundable()) {
            return false;
        }
        refunded += amount;
        return true;
    }

    /**
     * What of the captured money is the group's: its shipment's capture; its share under automatic capture; for a
     * group captured by amount (admin, SPI) its share as far as the captures not tied to other shipments cover it.
     */
    long capturedShare(Group group) {
        if (automaticCapture) {
            return group.share;
        }
        // captures by amount pay for what the groups' own shipment captures left of their shares, in group order
        long pool = captured;
        for (Group g : groups) {
            pool -= g.shipmentCapture;
        }
        for (Group g : groups) {
            long covered = Math.max(0, Math.min(Math.max(0, g.share - g.shipmentCapture), pool));
            if (g == group) {
                return g.shipmentCapture + covered;
            }
            pool -= covered;
        }
        return 0;
    }

    /** The whole group came back: the refund it should get. */
    long returnGroup(Group group) {
        group.returned = true;
        long amount = Math.max(0, Math.min(capturedShare(group) - group.refunded, refundable()));
        group.refunded += amount;
        refunded += amount;
        for (Line line : group.lines) {
            line.returnedQuantity = line.quantity;
        }
        return amount;
    }

    /** These lines of the group came back whole: the refund they should get. */
    long returnLines(Group group, List<Line> lines) {
        group.partlyReturned = true;
        long amount = 0;
        for (Line line : lines) {
            amount += refundUnits(group, line, line.quantity - line.returnedQuantity);
        }
        return amount;
    }

    /** {@code quantity} more units of a line are refunded (admin by item, or a return). */
    long refundUnits(Group group, Line line, int quantity) {
        if (quantity <= 0 || line.returnedQuantity + quantity > line.quantity) {
            return 0;
        }
        long amount = ItemRefunds.amountFor(line.netPaid, line.quantity, line.returnedQuantity, quantity);
        amount = Math.max(0, Math.min(amount, Math.min(capturedShare(group) - group.refunded, refundable())));
        line.returnedQuantity += quantity;
        group.refunded += amount;
        refunded += amount;
        return amount;
    }

    /** Takes back {@link #refundUnits} when the module refused the request (the admin was told so). */
    void undoRefundUnits(Group group, Line line, int quantity, long amount) {
        line.returnedQuantity -= quantity;
        group.refunded -= amount;
        refunded -= amount;
    }

    /** The merchant cancels: [released, refunded]. */
    long[] cancel(boolean refundCaptured) {
        if (cancelled) {
            return new long[]{0, 0};
        }
        long released = uncaptured();
        cancelled = true;
        long refund = refundCaptured || automaticCapture ? refundable() : 0;
        refunded += refund;
        return new long[]{released, refund};
    }

    /** Smartpay closes the authorization (expiry, dashboard cancel): what it releases. */
    long closeAtSmartpay() {
        long released = uncaptured();
        closedAtSmartpay = true;
        return released;
    }

    Group groupAt(int index) {
        return groups.get(Math.floorMod(index, groups.size()));
    }

    @Override
    public String toString() {
        return "order #" + number + " (Broadleaf " + orderId + ", " + smartpayOrderId + (automaticCapture ? ", automatic" : "")
                + ") authorized " + authorized + ", captured " + captured + ", refunded " + refunded
                + (cancelled ? ", cancelled" : "") + (closedAtSmartpay ? ", closed at Smartpay" : "");
    }

    static final class Group {
        final int number;
        final long id;
        /** Items + shipping + tax of the group: the weight of its share. */
        final long gross;
        final List<Line> lines;
        long share;
        boolean shipped;
        boolean returned;
        boolean partlyReturned;
        /** What its shipment captured (0: not captured by a shipment). */
        long shipmentCapture;
        /** What was refunded for its goods (returns and refunds by item). */
        long refunded;

        Group(int number, long id, long gross, List<Line> lines) {
            this.number = number;
            this.id = id;
            this.gross = gross;
            this.lines = lines;
        }

        Line lineAt(int index) {
            return lines.get(Math.floorMod(index, lines.size()));
        }
    }

    static final class Line {
        final long orderItemId;
        final long fulfillmentGroupItemId;
        final int quantity;
        /** What the shopper paid for the whole line: after discounts, with its tax. */
        final long netPaid;
        int returnedQuantity;

        Line(long orderItemId, long fulfillmentGroupItemId, int quantity, long netPaid) {
            this.orderItemId = orderItemId;
            this.fulfillmentGroupItemId = fulfillmentGroupItemId;
            this.quantity = quantity;
            this.netPaid = netPaid;
        }
    }
}
