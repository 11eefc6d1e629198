package org.bnplkit.smartpay.triggers;

import org.bnplkit.smartpay.compat.AfterTransactionCompletion;
import org.hibernate.action.spi.BeforeTransactionCompletionProcess;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.event.spi.EventSource;
import org.springframework.transaction.support.TransactionSynchronizationAdapter;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A change that moves money, followed through the transaction that makes it (a status change, an order management
 * system's report):
 * <ol>
 *   <li>before the commit (Hibernate's before-transaction-completion process: the session is flushed, the transaction
 *       still open) its intent is journaled through the same connection ({@link #journal}), so it commits or rolls
 *       back with the change; a failure to write it fails the commit;</li>
 *   <li>after the commit the intent is decided and sent ({@link #afterCommit}, called by Spring's afterCommit or by
 *       Hibernate's after-completion process, registered through {@code compat.AfterTransactionCompletion}: its
 *       signature differs between Broadleaf's Hibernate lines).</li>
 * </ol>
 * Hibernate keeps before-completion processes of a transaction that rolled back and would run them at the session's
 * next commit; the after-completion process marks this change finished, so a rolled-back change is never journaled.
 */
abstract class CommitBoundIntent implements BeforeTransactionCompletionProcess {

    final SmartpayLifecycleTriggers triggers;
    private boolean decideInAfterCompletion;
    private volatile boolean finished;
    private volatile String intentKey;

    CommitBoundIntent(SmartpayLifecycleTriggers triggers) {
        this.triggers = triggers;
    }

    /** Journals the change's intent through {@code session}'s connection; its key, or null when it moves no money. */
    abstract String journal(SessionImplementor session);

    abstract String describe();

    /**
     * Follows the transaction of {@code session}: the intent is written before its commit and decided after it (by
     * Spring's afterCommit when a Spring transaction synchronizes, else by Hibernate's after-completion).
     */
    final void register(EventSource session) {
        decideInAfterCompletion = !TransactionSynchronizationManager.isSynchronizationActive();
        session.getActionQueue().registerProcess(this);
        AfterTransactionCompletion.register(session, this::afterCompletion);
        if (!decideInAfterCompletion) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronizationAdapter() {
                @Override
                public void afterCommit() {
                    CommitBoundIntent.this.afterCommit();
                }
            });
        }
    }

    @Override
    public final void doBeforeTransactionCompletion(SessionImplementor session) {
        if (finished || intentKey != null) {
            return; // a change of a transaction that rolled back, or already journaled
        }
        intentKey = journal(session);
    }

    /** Hibernate's after-completion of the change's transaction ({@code compat.AfterTransactionCompletion}). */
    final void afterCompletion(boolean success) {
        finished = true;
        if (!success) {
            intentKey = null;
        } else if (decideInAfterCompletion) {
            afterCommit();
        }
    }

    /** The change committed: decide its intent (if it had one). */
    final void afterCommit() {
        String key = intentKey;
        intentKey = null;
        if (key != null) {
            triggers.decideIntent(key, describe());
        }
    }
}
