package org.bnplkit.smartpay.reconcile;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bnplkit.smartpay.checkout.SmartpayAuthorizationRelease;
import org.bnplkit.smartpay.client.Expand;
import org.bnplkit.smartpay.client.Expandable;
import org.bnplkit.smartpay.client.ListParams;
import org.bnplkit.smartpay.client.Order;
import org.bnplkit.smartpay.client.OrderStatus;
import org.bnplkit.smartpay.client.Payment;
import org.bnplkit.smartpay.client.Refund;
import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.journal.NoticeKind;
import org.bnplkit.smartpay.journal.SmartpayNotices;
import org.bnplkit.smartpay.operations.SmartpayExternalChanges;
import org.bnplkit.smartpay.reconcile.SmartpayReconciler.ReconcileReport;
import org.bnplkit.smartpay.webhooks.SmartpayCheckoutCompletion;
import org.bnplkit.smartpay.webhooks.SmartpayCheckoutCompletion.Completion;
import org.bnplkit.smartpay.webhooks.SmartpayOrderSync;
import org.bnplkit.smartpay.webhooks.SmartpayWebhookSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciliation's orphan step: an approved Smartpay order of this store (its metadata names a Broadleaf order)
 * with no Broadleaf order paid with it, older than the grace period, is an orphan. A cart still waiting for it is
 * completed if it still matches (the shopper paid); otherwise it is released at Smartpay (cancel, or refund for
 * automatic capture) with the same idempotency keys the checkout uses, and ORPHAN_RELEASED is raised (or, with
 * orphans.action=warn, CHECKOUT_NOT_COMPLETED). One instance per pass, with the reconciler's beans.
 */
final class OrphanApprovals {

    /** The reconciler's logger: operators' log filters keep working. */
    private static final Logger LOG = LoggerFactory.getLogger(SmartpayReconciler.class);
    private static final int MAX_ORPHAN_SCAN = 5_000;

    private final SmartpayClient client;
    private final SmartpayOrderSync sync;
    private final SmartpayExternalChanges externalChanges;
    private final SmartpayCheckoutCompletion completion;
    private final SmartpayAuthorizationRelease release;
    private final SmartpayNotices notices;
    private final SmartpayReconcileSettings settings;
    private final SmartpayWebhookSettings webhookSettings;

    OrphanApprovals(SmartpayClient client, SmartpayOrderSync sync, SmartpayExternalChanges externalChanges,
            SmartpayCheckoutCompletion completion, SmartpayAuthorizationRelease release, SmartpayNotices notices,
            SmartpayReconcileSettings settings, SmartpayWebhookSettings webhookSettings) {
        this.client = client;
        this.sync = sync;
        this.externalChanges = externalChanges;
        this.completion = completion;
        this.release = release;
        this.notices = notices;
        this.settings = settings;
        this.webhookSettings = webhookSettings;
    }

    void releaseAll(Date now, ReconcileReport report) {
        long oldest = now.getTime() - settings.orphanLookbackMs();
        int scanned = 0;
        for (Order order : client.listAllOrders(ListParams.builder().maxResults(100).build())) {
            if (++scanned > MAX_ORPHAN_SCAN || (order.createdAt() != null && order.createdAt() < oldest)) {
                break; // newest first: everything further is older
            }
            try {
                checkOrphan(order, now, report);
            } catch (RuntimeException e) {
                report.failures++;
                LOG.warn("Smartpay orphan check of order {} failed: {}", order.id(), e.toString());
            }
        }
    }

    private void checkOrphan(Order order, Date now, ReconcileReport report) {
        boolean approved = OrderStatus.REQUIRES_CAPTURE.equals(order.status()) || OrderStatus.SUCCEEDED.equals(order.status());
        Long orderId = sync.broadleafOrderId(order);
        if (!approved || orderId == null) {
            return; // not approved, or not created by this installation (another store may share the account)
        }
        long approvedAt = order.updatedAt() != null ? order.updatedAt() : order.createdAt() != null ? order.createdAt() : 0L;
        if (now.getTime() - approvedAt < settings.orphanGraceMs()) {
            return; // the shopper (or the webhook) may still complete it
        }
        if (externalChanges.recorded(orderId, order.id()) != null) {
            return; // paid Broadleaf order: not an orphan
        }
        if (webhookSettings.completeCheckout()) {
            Completion c = completion.complete(orderId, order.id());
            if (c.kind() == Completion.Kind.COMPLETED) {
                report.checkoutsCompleted++;
                notices.raise("completed:" + order.id(), NoticeKind.CHECKOUT_COMPLETED_BY_WEBHOOK, orderId, order.id(),
                        "The shopper approved Smartpay order " + order.id() + " but no order was placed (no return, no"
                                + " webhook); the reconciliation submitted order " + c.orderNumber() + ".");
                return;
            }
            if (c.kind() == Completion.Kind.ALREADY_SUBMITTED || c.kind() == Completion.Kind.BUSY) {
                return;
            }
            order = client.getOrder(order.id(), Expand.ALL); // the verification may have released it already
            if (!OrderStatus.REQUIRES_CAPTURE.equals(order.status()) && !OrderStatus.SUCCEEDED.equals(order.status())) {
                return;
            }
        }
        if (settings.orphanAction() == SmartpayReconcileSettings.OrphanAction.WARN) {
            notices.raise("orphan:" + order.id(), NoticeKind.CHECKOUT_NOT_COMPLETED, orderId, order.id(), "Smartpay order "
                    + order.id() + " (¥" + order.amount() + ", " + order.status() + ") was approved for Broadleaf order "
                    + orderId + ", which was not submitted with it. Release it in Smartpay's dashboard, or switch "
                    + SmartpayReconcileSettings.ORPHANS_ACTION + " to cancel.");
            return;
        }
        String released = releaseOrphan(order, orderId);
        if (released != null) {
            report.orphansReleased++;
            notices.raise("orphan:" + order.id(), NoticeKind.ORPHAN_RELEASED, orderId, order.id(), "Smartpay order "
                    + order.id() + " (¥" + order.amount() + ") was approved for Broadleaf order " + orderId + " but no"
                    + " order was placed with it: " + released + ".");
        }
    }

    /**
     * Manual capture: cancels the authorization (money captured in Smartpay's dashboard, if any, stays captured and
     * is named). Automatic capture: refunds what each payment still has. Null when nothing was left to release.
     */
    private String releaseOrphan(Order order, long orderId) {
        if (OrderStatus.REQUIRES_CAPTURE.equals(order.status())) {
            release.cancel(order.id());
            long captured = 0;
            if (order.payments() != null) {
                for (Expandable<Payment> p : order.payments()) {
                    captured += client.getPayment(p.id(), Expand.NO).amount();
                }
            }
            return "authorization cancelled at Smartpay" + (captured > 0 ? "; ¥" + captured
                    + " captured outside the store stays captured: refund it in Smartpay's dashboard if it is not owed" : "");
        }
        List<String> refunds = new ArrayList<>();
        if (order.payments() != null) {
            for (Expandable<Payment> p : order.payments()) {
                Payment payment = client.getPayment(p.id(), Expand.ALL);
                long refunded = 0;
                if (payment.refunds() != null) {
                    for (Expandable<Refund> r : payment.refunds()) {
                        refunded += r.isExpanded() && r.expanded() != null ? r.expanded().amount()
                                : client.getRefund(r.id(), Expand.NO).amount();
                    }
                }
                long refundable = payment.amount() - refunded;
                if (refundable > 0) {
                    Refund refund = release.refund(payment.id(), refundable, String.valueOf(orderId));
                    refunds.add("¥" + refundable + " of " + payment.id() + " refunded (" + refund.id() + ")");
                }
            }
        }
        return refunds.isEmpty() ? null : String.join(", ", refunds);
    }
}
