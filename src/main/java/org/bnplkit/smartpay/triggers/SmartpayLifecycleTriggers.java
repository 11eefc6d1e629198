package org.bnplkit.smartpay.triggers;

import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import javax.annotation.PostConstruct;
import javax.annotation.PreDestroy;
import javax.annotation.Resource;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceUnit;

import org.bnplkit.smartpay.compat.SessionFactories;
import org.bnplkit.smartpay.journal.NoticeKind;
import org.bnplkit.smartpay.journal.SmartpayNotices;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.operations.IntentAction;
import org.bnplkit.smartpay.operations.NotPaidWithSmartpayException;
import org.bnplkit.smartpay.operations.OperationKeys;
import org.bnplkit.smartpay.operations.SmartpayOperationException;
import org.bnplkit.smartpay.operations.SmartpayOperationsSettings;
import org.bnplkit.smartpay.operations.SmartpayOrderOperations.Send;
import org.bnplkit.smartpay.operations.StatusChangeIntents;
import org.broadleafcommerce.core.order.domain.FulfillmentGroupImpl;
import org.broadleafcommerce.core.order.service.type.OrderStatus;
import org.broadleafcommerce.core.payment.domain.OrderPaymentImpl;
import org.hibernate.ConnectionReleaseMode;
import org.hibernate.HibernateException;
import org.hibernate.Session;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.event.spi.EventSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationAdapter;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The status → action map (docs/lifecycle.md):
 * <ul>
 *   <li>fulfillment group enters one of gateway.smartpay.trigger.capture.statuses (default SHIPPED,FULFILLED) → capture
 *       that group;</li>
 *   <li>fulfillment group RETURNED → refund its captured share; PARTIALLY_RETURNED → refund its items whose
 *       status is RETURNED;</li>
 *   <li>order CANCELLED → cancel at Smartpay (release, and refund what was captured).</li>
 * </ul>
 * Each can be switched off (gateway.smartpay.trigger.{capture,return,cancel}.enabled). The change's intent is
 * journaled in its own transaction just before it commits ({@link #journalIntent}) and decided after it
 * ({@link #decideIntent}, or the retry worker when this node died in between); the decision is thin: everything
 * happens in the operations (blSmartpayOrderOperations), the same code the admin and integrators call. What an order
 * management system reports (Broadleaf 6's events, {@link #groupFulfilled}, {@link #itemsReturned},
 * {@link #itemsCancelled}) is journaled and decided the same way, in the publisher's transaction.
 *
 * <p>On start-up this bean registers itself in {@link LifecycleTriggerRegistry} under blPU's SessionFactory;
 * that is how the Hibernate listener (created by Hibernate, not Spring) reaches it.
 */
@Component("blSmartpayLifecycleTriggers")
public class SmartpayLifecycleTriggers {

    private static final Logger LOG = LoggerFactory.getLogger(SmartpayLifecycleTriggers.class);

    @Resource(name = "blSmartpayOperationsSettings")
    protected SmartpayOperationsSettings settings;

    /** The operations' side of the intents (blSmartpayOrderOperations). */
    @Resource(name = "blSmartpayOrderOperations")
    protected StatusChangeIntents intents;

    @Resource(name = "blSmartpayNotices")
    protected SmartpayNotices notices;

    /** Test seam: runs in the committing transaction just before the intent is written (a failure there rolls it back). */
    volatile Runnable beforeIntentWrite;

    /** Test seam: runs after the commit before the intent is decided (a failure there is a node dying in between). */
    volatile Runnable beforeDecide;

    @PersistenceUnit(unitName = "blPU")
    protected EntityManagerFactory entityManagerFactory;

    private Object sessionFactory;

    @PostConstruct
    public void register() {
        // load the RETURNED / PARTIALLY_RETURNED constants into Broadleaf's enumeration registry
        SmartpayFulfillmentGroupStatusType.RETURNED.getType();
        sessionFactory = SessionFactories.of(entityManagerFactory);
        if (sessionFactory != null) {
            LifecycleTriggerRegistry.register(sessionFactory, this);
        } else {
            LOG.warn("Smartpay lifecycle triggers are off: blPU is not a Hibernate EntityManagerFactory ({})",
                    entityManagerFactory == null ? null : entityManagerFactory.getClass().getName());
        }
    }

    @PreDestroy
    public void unregister() {
        if (sessionFactory != null) {
            LifecycleTriggerRegistry.unregister(sessionFactory, this);
        }
    }

    /**
     * Just before the status change's transaction commits (its session flushed): journals the intent of {@code change}
     * through the same connection, so it commits or rolls back with the change. Returns its key, or null when the change
     * moves no money (no trigger for it, switched off, or the order is not paid with Smartpay). A failure is thrown:
     * the commit fails and the status change rolls back with it.
     */
    String journalIntent(SessionImplementor session, StatusChangeIntent change) {
        IntentAction action = change.fulfillmentGroup ? actionForGroup(change.before, change.after)
                : actionForOrder(change.after);
        if (action == null) {
            return null;
        }
        Long group = change.fulfillmentGroup ? Long.valueOf(change.entityId) : null;
        return journal(session, group, change.fulfillmentGroup ? null : Long.valueOf(change.entityId), change.describe(),
                orderId -> intents.newIntent(action, orderId, group, change.describe()));
    }

    /** Just before the reporting transaction commits: journals the report's intent, as {@link #journalIntent}. */
    String journalReport(SessionImplementor session, ReportedChange report) {
        return journal(session, report.fulfillmentGroupId, report.orderId, report.describe(),
                orderId -> intents.newReportedIntent(report.action, orderId, report.fulfillmentGroupId,
                        report.quantities, report.reportedAt, report.describe()));
    }

    private String journal(SessionImplementor session, Long fulfillmentGroupId, Long orderIdNamed, String change,
            LongFunction<SmartpayOperation> intentOfOrder) {
        // a session of its own on the same connection and transaction: queries there never flush the committing one
        Session journal = ((Session) session).sessionWithOptions().transactionContext().autoClose(false)
                .connectionReleaseMode(ConnectionReleaseMode.AFTER_TRANSACTION).openSession();
        try {
            Long orderId = fulfillmentGroupId != null ? orderOfGroup(journal, fulfillmentGroupId) : orderIdNamed;
            if (orderId == null || !paidWithSmartpay(journal, orderId)) {
                return null;
            }
            SmartpayOperation intent = intentOfOrder.apply(orderId);
            Runnable seam = beforeIntentWrite;
            if (seam != null) {
                seam.run();
            }
            journal.persist(intent);
            journal.flush();
            return intent.getOperationKey();
        } catch (HibernateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new HibernateException("The Smartpay intent of '" + change + "' could not be journaled;"
                    + " the change is rolled back with it", e);
        } finally {
            journal.close();
        }
    }

    /** After the commit: decides the intent and sends it (in the background by default). Never throws. */
    void decideIntent(String intentKey, String change) {
        try {
            Runnable seam = beforeDecide;
            if (seam != null) {
                seam.run();
            }
            intents.decideIntent(intentKey, send());
        } catch (RuntimeException e) {
            // the intent is committed: the retry worker decides it once this node's lease on it has run out
            LOG.warn("Smartpay intent {} ({}) could not be decided after the commit; the retry worker will: {}",
                    intentKey, change, e.toString());
        }
    }

    /**
     * An order management or warehouse system reports a fulfillment group's items fulfilled (Broadleaf 6's
     * {@code ItemsFulfilledEvent}): the group is captured as when its status becomes a capture status, under the same
     * operation key, so a group both reported fulfilled and FULFILLED is captured once.
     */
    void groupFulfilled(long fulfillmentGroupId, long reportedAt) {
        if (settings.captureTriggerEnabled()) {
            report(ReportedChange.ofGroup(this, IntentAction.CAPTURE_SHIPMENT, fulfillmentGroupId, null, reportedAt,
                    "Shipment (fulfillment group) " + fulfillmentGroupId + " was reported fulfilled"));
        }
    }

    /**
     * An order management system reports items of an order returned (Broadleaf 6's {@code ItemsReturnedEvent}: order
     * item id → quantity returned now): those units are refunded, each at most once (refunds by item never exceed what
     * was paid for them). {@code reportedAt} (the event's time) makes the request id: the same report refunds once.
     */
    void itemsReturned(long orderId, Map<Long, Integer> quantities, long reportedAt) {
        if (settings.returnTriggerEnabled()) {
            report(ReportedChange.ofOrder(this, IntentAction.REFUND_REPORTED_RETURN, orderId, quantities, reportedAt,
                    "Order " + orderId + "'s items were reported returned"));
        }
    }

    /**
     * An order management system reports items of a fulfillment group cancelled (Broadleaf 6's
     * {@code ItemsCancelledEvent}: order item id → units): paid-for units are refunded; the last units of an order
     * end its authorization like a cancel (see the operations' ItemsCancellation). Switched with the cancel trigger.
     */
    void itemsCancelled(long fulfillmentGroupId, Map<Long, Integer> quantities, long reportedAt) {
        if (settings.cancelTriggerEnabled()) {
            report(ReportedChange.ofGroup(this, IntentAction.SETTLE_REPORTED_CANCEL, fulfillmentGroupId, quantities,
                    reportedAt, "Items of shipment (fulfillment group) " + fulfillmentGroupId + " were reported cancelled"));
        }
    }

    /** The refund request id of an order management system's return report. */
    public static String omsReturnRequestId(long orderId, long reportedAt) {
        return OperationKeys.reportedReturnRequestId(orderId, reportedAt);
    }

    /**
     * Follows a report: inside a transaction of blPU its intent is journaled just before that transaction commits and
     * decided after it; inside another transaction (or a synchronization without one) it is journaled and decided
     * after that commits; outside any, at once.
     */
    private void report(ReportedChange change) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            decideAtOnce(change);
            return;
        }
        EntityManagerHolder holder = entityManagerFactory == null ? null
                : (EntityManagerHolder) TransactionSynchronizationManager.getResource(entityManagerFactory);
        if (holder != null && holder.isSynchronizedWithTransaction()
                && TransactionSynchronizationManager.isActualTransactionActive()) {
            change.register(holder.getEntityManager().unwrap(EventSource.class));
            return;
        }
        LOG.debug("Smartpay: '{}' was reported in no transaction of blPU; it is journaled after that commits",
                change.describe());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronizationAdapter() {
            @Override
            public void afterCommit() {
                decideAtOnce(change);
            }
        });
    }

    /**
     * Journals the report's intent in a transaction of its own and decides it. Never throws: what failed before the
     * intent was journaled opens a TRIGGER_REFUSED notice; after it, the retry worker decides the intent.
     */
    private void decideAtOnce(ReportedChange change) {
        long entityId = change.fulfillmentGroupId != null ? change.fulfillmentGroupId : change.orderId;
        try {
            intents.journalAndDecide(change.action, entityId, change.quantities, change.reportedAt, change.describe(),
                    send());
        } catch (NotPaidWithSmartpayException notForSmartpay) {
            LOG.debug("Smartpay trigger skipped: {}", notForSmartpay.getMessage());
        } catch (SmartpayOperationException refused) {
            notices.raise("trigger:" + change.describe(), NoticeKind.TRIGGER_REFUSED, change.orderId, null,
                    change.describe() + " but Smartpay was not asked to move money: " + refused.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Smartpay trigger failed; the report was not journaled", e);
            notices.raise("trigger:" + change.describe(), NoticeKind.TRIGGER_REFUSED, change.orderId, null,
                    change.describe() + " but the module failed before anything was sent to Smartpay ("
                            + e.getClass().getSimpleName() + "; the server log has the details). Settle it from the"
                            + " order's Smartpay panel.");
        }
    }

    private IntentAction actionForGroup(String before, String after) {
        List<String> captureStatuses = settings.captureStatuses();
        if (settings.captureTriggerEnabled() && captureStatuses.contains(after) && !captureStatuses.contains(before)) {
            return IntentAction.CAPTURE_SHIPMENT;
        }
        if (settings.returnTriggerEnabled() && SmartpayFulfillmentGroupStatusType.RETURNED.getType().equals(after)) {
            return IntentAction.RETURN_SHIPMENT;
        }
        if (settings.returnTriggerEnabled() && SmartpayFulfillmentGroupStatusType.PARTIALLY_RETURNED.getType().equals(after)) {
            return IntentAction.RETURN_ITEMS;
        }
        return null;
    }

    private IntentAction actionForOrder(String after) {
        if (settings.cancelTriggerEnabled() && OrderStatus.CANCELLED.getType().equals(after)) {
            return IntentAction.CANCEL_ORDER;
        }
        return null;
    }

    private static Long orderOfGroup(Session session, long fulfillmentGroupId) {
        List<?> ids = session.createQuery("select fg.order.id from " + FulfillmentGroupImpl.class.getName()
                + " fg where fg.id = :id").setParameter("id", fulfillmentGroupId).list();
        return ids.isEmpty() ? null : (Long) ids.get(0);
    }

    /** An active (not archived) Smartpay payment on the order: the operations decide the rest after the commit. */
    private static boolean paidWithSmartpay(Session session, long orderId) {
        for (Object archived : session.createQuery("select p.archiveStatus.archived from "
                + OrderPaymentImpl.class.getName() + " p where p.order.id = :orderId and p.gatewayType = :gateway")
                .setParameter("orderId", orderId).setParameter("gateway", StatusChangeIntents.SMARTPAY_GATEWAY_TYPE)
                .list()) {
            if (archived == null || !"Y".equalsIgnoreCase(String.valueOf(archived))) {
                return true;
            }
        }
        return false;
    }

    private Send send() {
        return settings.triggerInBackground() ? Send.IN_BACKGROUND : Send.NOW;
    }
}
