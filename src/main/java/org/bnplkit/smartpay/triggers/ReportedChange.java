package org.bnplkit.smartpay.triggers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bnplkit.smartpay.operations.IntentAction;
import org.hibernate.engine.spi.SessionImplementor;

/**
 * A change an order management or warehouse system reports (Broadleaf 6's ItemsFulfilledEvent, ItemsReturnedEvent,
 * ItemsCancelledEvent), followed through the publisher's transaction like a status change: its intent is journaled
 * just before that transaction commits and decided after it.
 */
final class ReportedChange extends CommitBoundIntent {

    final IntentAction action;
    /** The fulfillment group the report names, or null when it names an order. */
    final Long fulfillmentGroupId;
    /** The order the report names, or null when it names a fulfillment group. */
    final Long orderId;
    /** Order item id → units the report names (empty for a group reported fulfilled: the whole group is captured). */
    final Map<Long, Integer> quantities;
    /** The report's time (its event's): a report seen twice moves money once. */
    final long reportedAt;
    private final String description;

    private ReportedChange(SmartpayLifecycleTriggers triggers, IntentAction action, Long fulfillmentGroupId,
            Long orderId, Map<Long, Integer> quantities, long reportedAt, String description) {
        super(triggers);
        this.action = action;
        this.fulfillmentGroupId = fulfillmentGroupId;
        this.orderId = orderId;
        this.quantities = quantities == null ? Collections.emptyMap()
                : Collections.unmodifiableMap(new LinkedHashMap<>(quantities));
        this.reportedAt = reportedAt;
        this.description = description;
    }

    static ReportedChange ofGroup(SmartpayLifecycleTriggers triggers, IntentAction action, long fulfillmentGroupId,
            Map<Long, Integer> quantities, long reportedAt, String description) {
        return new ReportedChange(triggers, action, fulfillmentGroupId, null, quantities, reportedAt, description);
    }

    static ReportedChange ofOrder(SmartpayLifecycleTriggers triggers, IntentAction action, long orderId,
            Map<Long, Integer> quantities, long reportedAt, String description) {
        return new ReportedChange(triggers, action, null, orderId, quantities, reportedAt, description);
    }

    @Override
    String journal(SessionImplementor session) {
        return triggers.journalReport(session, this);
    }

    @Override
    String describe() {
        return description;
    }
}
