package org.bnplkit.smartpay.triggers;

import org.hibernate.engine.spi.SessionImplementor;

/** One status change noted by {@link StatusChangeListener} during a flush, followed through its transaction. */
final class StatusChangeIntent extends CommitBoundIntent {

    final boolean fulfillmentGroup;
    final long entityId;
    final String before;
    final String after;

    StatusChangeIntent(SmartpayLifecycleTriggers triggers, boolean fulfillmentGroup, long entityId, String before,
            String after) {
        super(triggers);
        this.fulfillmentGroup = fulfillmentGroup;
        this.entityId = entityId;
        this.before = before;
        this.after = after;
    }

    @Override
    String journal(SessionImplementor session) {
        return triggers.journalIntent(session, this);
    }

    @Override
    String describe() {
        return (fulfillmentGroup ? "Shipment (fulfillment group) " : "Order ") + entityId + " became " + after;
    }
}
