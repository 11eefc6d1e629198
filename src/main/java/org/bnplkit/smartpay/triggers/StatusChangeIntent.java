package org.bnplkit.smartpay.triggers;

import org.hibernate.action.spi.BeforeTransactionCompletionProcess;
import org.hibernate.engine.spi.SessionImplementor;

/**
 * One status change noted by {@link StatusChangeListener} during a flush, followed through its transaction:
 * <ol>
 *   <li>before the commit (Hibernate's before-transaction-completion process: the session is flushed, the transaction
 *       still open) its intent is journaled through the same connection, so it commits or rolls back with the status
 *       change; a failure to write it fails the commit;</li>
 *   <li>after the commit the intent is decided and sent ({@link #afterCommit}, called by Spring's afterCommit or by
 *       Hibernate's after-completion process, registered through {@code compat.AfterTransactionCompletion}: its
 *       signature differs between Broadleaf's Hibernate lines).</li>
 * </ol>
 * Hibernate keeps before-completion processes of a transaction that rolled back and would run them at the session's
 * next commit; the after-completion process marks this change finished, so a rolled-back change is never journaled.
 */
final class StatusChangeIntent implements BeforeTransactionCompletionProcess {

    final SmartpayLifecycleTriggers triggers;
    final boolean fulfillmentGroup;
    final long entityId;
    final String before;
    final String after;
    private final boolean decideInAfterCompletion;
    private volatile boolean finished;
    private volatile String intentKey;

    StatusChangeIntent(SmartpayLifecycleTriggers triggers, boolean fulfillmentGroup, long entityId, String before,
            String after, boolean decideInAfterCompletion) {
        this.triggers = triggers;
        this.fulfillmentGroup = fulfillmentGroup;
        this.entityId = entityId;
        this.before = before;
        this.after = after;
        this.decideInAfterCompletion = decideInAfterCompletion;
    }

    @Override
    public void doBeforeTransactionCompletion(SessionImplementor session) {
        if (finished || intentKey != null) {
            return; // a change of a transaction that rolled back, or already journaled
        }
        intentKey = triggers.journalIntent(session, this);
    }

    /** Hibernate's after-completion of the change's transaction ({@code compat.AfterTransactionCompletion}). */
    void afterCompletion(boolean success) {
        finished = true;
        if (!success) {
            intentKey = null;
        } else if (decideInAfterCompletion) {
            afterCommit();
        }
    }

    /** The status change committed: decide its intent (if it had one). */
    void afterCommit() {
        String key = intentKey;
        intentKey = null;
        if (key != null) {
            triggers.decideIntent(key, describe());
        }
    }

    String describe() {
        return (fulfillmentGroup ? "Shipment (fulfillment group) " : "Order ") + entityId + " became " + after;
    }
}
