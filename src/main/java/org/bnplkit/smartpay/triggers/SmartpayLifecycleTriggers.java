package org.bnplkit.smartpay.triggers;

import java.util.List;
import java.util.Map;

import javax.annotation.PostConstruct;
import javax.annotation.PreDestroy;
import javax.annotation.Resource;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceUnit;

import org.bnplkit.smartpay.client.RefundReason;
import org.bnplkit.smartpay.compat.SessionFactories;
import org.bnplkit.smartpay.journal.NoticeKind;
import org.bnplkit.smartpay.journal.SmartpayNotices;
import org.bnplkit.smartpay.operations.NotPaidWithSmartpayException;
import org.bnplkit.smartpay.operations.SmartpayOperationException;
import org.bnplkit.smartpay.operations.SmartpayOperationsSettings;
import org.bnplkit.smartpay.operations.SmartpayOrderOperations;
import org.bnplkit.smartpay.operations.SmartpayOrderOperations.Send;
import org.broadleafcommerce.core.order.service.type.OrderStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The status → action map (docs/lifecycle.md):
 * <ul>
 *   <li>fulfillment group enters one of gateway.smartpay.trigger.capture.statuses (default SHIPPED) → capture
 *       that group;</li>
 *   <li>fulfillment group RETURNED → refund its captured share; PARTIALLY_RETURNED → refund its items whose
 *       status is RETURNED;</li>
 *   <li>order CANCELLED → cancel at Smartpay (release, and refund what was captured).</li>
 * </ul>
 * Each can be switched off (gateway.smartpay.trigger.{capture,return,cancel}.enabled). The actions are thin:
 * everything happens in {@link SmartpayOrderOperations}, the same code the admin and integrators call.
 *
 * <p>On start-up this bean registers itself in {@link LifecycleTriggerRegistry} under blPU's SessionFactory;
 * that is how the Hibernate listener (created by Hibernate, not Spring) reaches it.
 */
@Component("blSmartpayLifecycleTriggers")
public class SmartpayLifecycleTriggers {

    private static final Logger LOG = LoggerFactory.getLogger(SmartpayLifecycleTriggers.class);

    @Resource(name = "blSmartpayOrderOperations")
    protected SmartpayOrderOperations operations;

    @Resource(name = "blSmartpayOperationsSettings")
    protected SmartpayOperationsSettings settings;

    @Resource(name = "blSmartpayNotices")
    protected SmartpayNotices notices;

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

    /** A fulfillment group's status changed and the change is committed: act on it. */
    void fulfillmentGroupStatusChanged(long fulfillmentGroupId, String before, String after) {
        run(actionForGroup(fulfillmentGroupId, before, after), "fulfillment group " + fulfillmentGroupId + " became " + after, null);
    }

    /** An order's status changed and the change is committed: act on it. */
    void orderStatusChanged(long orderId, String before, String after) {
        run(actionForOrder(orderId, after), "order " + orderId + " became " + after, orderId);
    }

    /**
     * An order management or warehouse system reports a fulfillment group's items fulfilled (Broadleaf 6's
     * {@code ItemsFulfilledEvent}, after its transaction commits): the group is captured as when its status becomes a
     * capture status. The same journal key, so a group both reported fulfilled and SHIPPED is captured once.
     */
    void groupFulfilled(final long fulfillmentGroupId) {
        if (settings.captureTriggerEnabled()) {
            run(() -> operations.capture(fulfillmentGroupId, send()),
                    "fulfillment group " + fulfillmentGroupId + " was reported fulfilled", null);
        }
    }

    /**
     * An order management system reports items of an order returned (Broadleaf 6's {@code ItemsReturnedEvent}:
     * order item id → quantity returned now): those units are refunded, each at most once (refunds by item never
     * exceed what was paid for them). {@code reportedAt} (the event's time) makes the request id: the same report
     * refunds once, a later report of the same items is a request of its own.
     */
    void itemsReturned(final long orderId, final Map<Long, Integer> quantities, long reportedAt) {
        if (settings.returnTriggerEnabled()) {
            final String requestId = omsReturnRequestId(orderId, reportedAt);
            run(() -> operations.refundItems(orderId, quantities, RefundReason.REQUESTED_BY_CUSTOMER,
                    "Items returned", requestId), "order " + orderId + "'s items were reported returned", orderId);
        }
    }

    /** The refund request id of an order management system's return report. */
    public static String omsReturnRequestId(long orderId, long reportedAt) {
        return "return:oms:" + orderId + ":" + reportedAt;
    }

    private Runnable actionForGroup(final long fulfillmentGroupId, String before, String after) {
        List<String> captureStatuses = settings.captureStatuses();
        if (settings.captureTriggerEnabled() && captureStatuses.contains(after) && !captureStatuses.contains(before)) {
            return () -> operations.capture(fulfillmentGroupId, send());
        }
        if (settings.returnTriggerEnabled() && SmartpayFulfillmentGroupStatusType.RETURNED.getType().equals(after)) {
            return () -> operations.refundReturnedGroup(fulfillmentGroupId, send());
        }
        if (settings.returnTriggerEnabled() && SmartpayFulfillmentGroupStatusType.PARTIALLY_RETURNED.getType().equals(after)) {
            return () -> operations.refundReturnedItems(fulfillmentGroupId, send());
        }
        return null;
    }

    private Runnable actionForOrder(final long orderId, String after) {
        if (settings.cancelTriggerEnabled() && OrderStatus.CANCELLED.getType().equals(after)) {
            return () -> operations.cancel(orderId, send());
        }
        return null;
    }

    /** Runs the listener's after-commit callback (which decides and runs the action through the method below). */
    void run(Runnable action) {
        run(action, "status change", null);
    }

    /**
     * Runs an action after commit. Never throws: the status change that caused it is already committed. A refusal or
     * a failure before anything was journaled opens a TRIGGER_REFUSED notice (the admin's Needs attention), so it is
     * never a log line alone.
     */
    void run(Runnable action, String change, Long orderId) {
        if (action == null) {
            return;
        }
        try {
            action.run();
        } catch (NotPaidWithSmartpayException notForSmartpay) {
            LOG.debug("Smartpay trigger skipped: {}", notForSmartpay.getMessage());
        } catch (SmartpayOperationException refused) {
            LOG.warn("Smartpay trigger refused; the status change stands: {}", refused.getMessage());
            notices.raise("trigger:" + change, NoticeKind.TRIGGER_REFUSED, orderId, null, "The " + change
                    + " but Smartpay was not asked to move money: " + refused.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Smartpay trigger failed; the status change stands, the operation was not journaled", e);
            notices.raise("trigger:" + change, NoticeKind.TRIGGER_REFUSED, orderId, null, "The " + change
                    + " but the module failed before anything was sent to Smartpay (" + e.getClass().getSimpleName()
                    + "; the server log has the details). Settle it from the order's Smartpay panel.");
        }
    }

    private Send send() {
        return settings.triggerInBackground() ? Send.IN_BACKGROUND : Send.NOW;
    }
}
