package org.bnplkit.smartpay.reconcile;

import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

import javax.annotation.Resource;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;

import org.bnplkit.smartpay.checkout.SmartpayCheckoutLease;
import org.bnplkit.smartpay.checkout.SmartpayAuthorizationRelease;
import org.bnplkit.smartpay.client.Expand;
import org.bnplkit.smartpay.client.Expandable;
import org.bnplkit.smartpay.client.Order;
import org.bnplkit.smartpay.client.OrderStatus;
import org.bnplkit.smartpay.client.Payment;
import org.bnplkit.smartpay.config.SmartpayClientProvider;
import org.bnplkit.smartpay.config.SmartpayPaymentGatewayType;
import org.bnplkit.smartpay.journal.NoticeKind;
import org.bnplkit.smartpay.journal.OperationJournal;
import org.bnplkit.smartpay.journal.SmartpayTransactions;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.SmartpayNotices;
import org.bnplkit.smartpay.journal.WebhookInbox;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.operations.OperationKeys;
import org.bnplkit.smartpay.operations.OperationOutcome;
import org.bnplkit.smartpay.operations.SmartpayExternalChanges;
import org.bnplkit.smartpay.operations.SmartpayOperationsSettings;
import org.bnplkit.smartpay.operations.SmartpayOrderOperations;
import org.bnplkit.smartpay.webhooks.SmartpayCheckoutCompletion;
import org.bnplkit.smartpay.webhooks.SmartpayOrderSync;
import org.bnplkit.smartpay.webhooks.SmartpayOrderSync.SyncResult;
import org.bnplkit.smartpay.webhooks.SmartpayWebhookSettings;
import org.broadleafcommerce.core.order.domain.FulfillmentGroup;
import org.broadleafcommerce.core.order.service.OrderService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One reconciliation pass: Broadleaf and Smartpay compared, what happened outside the module imported, what cannot
 * be explained flagged. Runs from {@link SmartpayReconcileJob} (one node per pass) or on demand (admin).
 *
 * <p>Invariants:
 * <ul>
 *   <li>Every Smartpay-paid Broadleaf order submitted within gateway.smartpay.reconcile.lookbackDays (at least 8
 *       days, so every authorization still alive) is compared with its Smartpay order through
 *       {@link SmartpayOrderSync} — the same code the webhooks use, so a lost webhook changes nothing in the end
 *       result and a pass after a webhook records nothing twice.</li>
 *   <li>An authorization with money still uncaptured that expires within gateway.smartpay.reconcile.expiring.days
 *       raises AUTHORIZATION_EXPIRING (resolved when it no longer applies); with expiring.action=capture-shipped,
 *       shipped groups are captured through the operations (keys {@code capture:fg:<id>}: never twice).</li>
 *   <li>An approved Smartpay order of this store (its metadata names a Broadleaf order) with no Broadleaf order paid
 *       with it, older than the grace period, is an orphan: a cart still waiting for it is completed if it still
 *       matches (the shopper paid); otherwise it is released at Smartpay (cancel, or refund for automatic capture)
 *       with the same idempotency keys the checkout uses, and ORPHAN_RELEASED is raised ({@link OrphanApprovals}).</li>
 *   <li>A failure on one order never stops the pass; it is counted and logged.</li>
 * </ul>
 */
@Component("blSmartpayReconciler")
public class SmartpayReconciler {

    private static final Logger LOG = LoggerFactory.getLogger(SmartpayReconciler.class);

    @PersistenceContext(unitName = "blPU")
    protected EntityManager em;

    @Resource(name = "blSmartpayTransactions")
    protected SmartpayTransactions transactions;

    @Resource(name = "blSmartpayOrderSync")
    protected SmartpayOrderSync sync;

    @Resource(name = "blSmartpayExternalChanges")
    protected SmartpayExternalChanges externalChanges;

    @Resource(name = "blSmartpayCheckoutCompletion")
    protected SmartpayCheckoutCompletion completion;

    @Resource(name = "blSmartpayAuthorizationRelease")
    protected SmartpayAuthorizationRelease release;

    @Resource(name = "blSmartpayOrderOperations")
    protected SmartpayOrderOperations operations;

    @Resource(name = "blSmartpayOperationJournal")
    protected OperationJournal journal;

    @Resource(name = "blSmartpayOperationsSettings")
    protected SmartpayOperationsSettings operationsSettings;

    @Resource(name = "blSmartpayClientProvider")
    protected SmartpayClientProvider clientProvider;

    @Resource(name = "blSmartpayNotices")
    protected SmartpayNotices notices;

    @Resource(name = "blSmartpayWebhookInbox")
    protected WebhookInbox inbox;

    @Resource(name = "blSmartpayCheckoutLease")
    protected SmartpayCheckoutLease checkoutLease;

    @Resource(name = "blSmartpayReconcileSettings")
    protected SmartpayReconcileSettings settings;

    @Resource(name = "blSmartpayWebhookSettings")
    protected SmartpayWebhookSettings webhookSettings;

    @Resource(name = "blOrderService")
    protected OrderService orderService;

    /** A full pass at {@code now}: orders, then orphans, then what is past its retention. */
    public ReconcileReport reconcile(Date now) {
        ReconcileReport report = new ReconcileReport();
        reconcileOrders(now, report);
        if (settings.orphansEnabled()) {
            releaseOrphans(now, report);
        }
        deleteExpired(now, report);
        return report;
    }

    // ---- retention ----------------------------------------------------------------------------------------------

    /**
     * Settled webhook events, resolved notices and idle per-cart checkout leases past
     * gateway.smartpay.reconcile.retentionDays, a batch each.
     */
    void deleteExpired(Date now, ReconcileReport report) {
        long retention = settings.retentionMs();
        if (retention <= 0) {
            return;
        }
        Date before = new Date(now.getTime() - retention);
        try {
            report.deleted += inbox.deleteSettledBefore(before, settings.batchSize());
            report.deleted += notices.deleteResolvedBefore(before, settings.batchSize());
            report.deleted += checkoutLease.deleteIdleBefore(before, settings.batchSize());
        } catch (RuntimeException e) {
            report.failures++;
            LOG.warn("Smartpay retention: deleting rows older than {} failed: {}", before, e.toString());
        }
    }

    // ---- open orders ------------------------------------------------------------------------------------------

    /**
     * The last order id a pass reached: the next pass goes on from there, and starts again from the oldest once it
     * has reached the newest. So every order in the look-back window is reached, however many there are. Per node:
     * a node that takes over the reconciliation lease starts from the oldest.
     */
    private volatile long cursor;

    void reconcileOrders(Date now, ReconcileReport report) {
        Date since = new Date(now.getTime() - settings.lookbackDays() * 86_400_000L);
        int batch = settings.batchSize();
        List<Long> orderIds = candidateOrders(since, cursor, batch);
        cursor = orderIds.size() < batch ? 0L : orderIds.get(orderIds.size() - 1);
        for (Long orderId : orderIds) {
            try {
                SmartpayExternalChanges.Recorded recorded = externalChanges.recorded(orderId, null);
                if (recorded == null) {
                    continue; // payment archived, or no successful authorization
                }
                report.ordersChecked++;
                SyncResult result = sync.sync(recorded.smartpayOrderId(), orderId, "reconciliation");
                report.changes += result.changes().size();
                if (!result.problems().isEmpty()) {
                    report.problems++;
                }
                checkExpiry(result, recorded, now, report);
            } catch (RuntimeException e) {
                report.failures++;
                LOG.warn("Smartpay reconciliation of order {} failed: {}", orderId, e.toString());
            }
        }
    }

    /** Smartpay-paid Broadleaf orders submitted since {@code since} with an id above {@code after}, oldest first. */
    List<Long> candidateOrders(final Date since, final long after, final int max) {
        return transactions.read(status -> em.createQuery(
                "select distinct p.order.id from OrderPaymentImpl p where p.gatewayType = :gateway"
                        + " and p.order.submitDate is not null and p.order.submitDate >= :since and p.order.id > :after"
                        + " order by p.order.id", Long.class)
                .setParameter("gateway", SmartpayPaymentGatewayType.SMARTPAY.getType()).setParameter("since", since)
                .setParameter("after", after).setMaxResults(max).getResultList());
    }

    private void checkExpiry(SyncResult result, SmartpayExternalChanges.Recorded recorded, Date now, ReconcileReport report) {
        Order order = result.smartpayOrder();
        String key = "expiring:" + order.id();
        long captured = 0;
        if (order.payments() != null) {
            for (Expandable<Payment> p : order.payments()) {
                captured += p.isExpanded() && p.expanded() != null ? p.expanded().amount() : 0;
            }
        }
        long uncaptured = order.amount() - captured;
        boolean expiring = OrderStatus.REQUIRES_CAPTURE.equals(order.status()) && order.expiresAt() != null
                && uncaptured > 0 && order.expiresAt() - now.getTime() <= settings.expiringWithinMs();
        if (!expiring) {
            notices.resolve(key);
            return;
        }
        report.expiring++;
        String action = "";
        if (settings.expiringAction() == SmartpayReconcileSettings.ExpiringAction.CAPTURE_SHIPPED) {
            action = " " + captureShipped(recorded.orderId(), order.id(), captured);
        }
        notices.raise(key, NoticeKind.AUTHORIZATION_EXPIRING, recorded.orderId(), order.id(), "The Smartpay authorization of"
                + " Broadleaf order " + recorded.orderId() + " expires at " + iso(order.expiresAt()) + "; ¥" + uncaptured
                + " of ¥" + order.amount() + " is still uncaptured and will be released by Smartpay then. Capture what"
                + " shipped before that." + action);
    }

    /**
     * Captures every shipped, uncaptured group (through the operations: keys {@code capture:fg:<id>}), then releases
     * what stays authorized: through the operations' cancel when nothing shipped and nothing was captured; otherwise,
     * once every shipped group is captured, by the operations' release of the remainder (key
     * {@code release:order:<id>}: captures kept, a REVERSE_AUTH for the rest). A capture still in flight leaves the
     * release to the next pass.
     */
    private String captureShipped(final long orderId, String smartpayOrderId, long capturedAtSmartpay) {
        final List<String> shippedStatuses = operationsSettings.captureStatuses();
        List<Long[]> groups = transactions.read(status -> {
            List<Long[]> out = new ArrayList<>();
            for (FulfillmentGroup fg : orderService.findOrderById(orderId).getFulfillmentGroups()) {
                boolean shipped = fg.getStatus() != null && shippedStatuses.contains(fg.getStatus().getType());
                out.add(new Long[]{fg.getId(), shipped ? 1L : 0L});
            }
            return out;
        });
        List<String> done = new ArrayList<>();
        boolean anyShipped = false;
        boolean allShippedCaptured = true;
        for (Long[] g : groups) {
            if (g[1] == 0L) {
                continue;
            }
            anyShipped = true;
            SmartpayOperation existing = journal.find(OperationKeys.captureGroup(g[0]));
            if (existing == null) {
                OperationOutcome outcome = operations.capture(g[0]);
                done.add("capture of shipped group " + g[0] + ": " + (outcome.isNothingToDo() ? outcome.nothingToDoReason()
                        : outcome.overallStatus()));
                allShippedCaptured &= outcome.isNothingToDo() || outcome.isSucceeded();
            } else {
                allShippedCaptured &= existing.getStatus() == OperationStatus.SUCCEEDED;
            }
        }
        if (!anyShipped && capturedAtSmartpay == 0) {
            OperationOutcome outcome = operations.cancel(orderId);
            done.add("nothing shipped: authorization released (" + outcome.overallStatus() + ")");
        } else if (allShippedCaptured) {
            Order now = clientProvider.client().getOrder(smartpayOrderId, Expand.NO);
            if (OrderStatus.REQUIRES_CAPTURE.equals(now.status())) {
                OperationOutcome released = operations.releaseRemainder(orderId);
                done.add("what did not ship was released (REVERSE_AUTH ¥" + released.amount() + ", "
                        + released.overallStatus() + ")");
            }
        }
        return done.isEmpty() ? "Action capture-shipped: nothing to do." : "Action capture-shipped: " + String.join("; ", done) + ".";
    }

    // ---- orphans ----------------------------------------------------------------------------------------------

    /** Approved Smartpay orders nobody ordered with: completed or released ({@link OrphanApprovals}). */
    void releaseOrphans(Date now, ReconcileReport report) {
        new OrphanApprovals(clientProvider.client(), sync, externalChanges, completion, release, notices, settings,
                webhookSettings).releaseAll(now, report);
    }

    private static String iso(long epochMillis) {
        SimpleDateFormat f = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT);
        f.setTimeZone(TimeZone.getTimeZone("UTC"));
        return f.format(new Date(epochMillis));
    }

    /** Counts of one pass. */
    public static final class ReconcileReport {
        int ordersChecked;
        int changes;
        int problems;
        int expiring;
        int orphansReleased;
        int checkoutsCompleted;
        int failures;
        int deleted;

        public int ordersChecked() { return ordersChecked; }

        /** Transactions recorded from Smartpay (changes made outside the module). */
        public int changes() { return changes; }

        /** Orders with an unexplained difference. */
        public int problems() { return problems; }

        public int expiring() { return expiring; }

        public int orphansReleased() { return orphansReleased; }

        public int checkoutsCompleted() { return checkoutsCompleted; }

        public int failures() { return failures; }

        /** Webhook events and notices deleted past their retention. */
        public int deleted() { return deleted; }

        @Override
        public String toString() {
            return "checked " + ordersChecked + " order(s), recorded " + changes + " change(s), " + problems
                    + " unexplained, " + expiring + " expiring, " + checkoutsCompleted + " checkout(s) completed, "
                    + orphansReleased + " orphan(s) released, " + deleted + " old row(s) deleted, " + failures + " failure(s)";
        }
    }
}
