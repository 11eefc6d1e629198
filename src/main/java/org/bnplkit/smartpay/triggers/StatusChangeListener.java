package org.bnplkit.smartpay.triggers;

import java.io.Serializable;

import org.broadleafcommerce.core.order.domain.FulfillmentGroup;
import org.broadleafcommerce.core.order.domain.Order;
import org.hibernate.event.spi.EventSource;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostInsertEventListener;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.event.spi.PostUpdateEventListener;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Sees every status change of a FulfillmentGroup or an Order that reaches the database through JPA — admin
 * edits, service code, batch jobs — by comparing the old and new value of the {@code status} property (an
 * insert counts as a change from nothing, so a group created already SHIPPED is captured too).
 *
 * <p>It runs inside Hibernate's flush, so it only notes the change (no query, no property lookup: either
 * would flush the session again) as a {@link StatusChangeIntent} ({@link CommitBoundIntent}): its intent is journaled in the same transaction
 * just before the commit (after the flush), and decided and sent after the commit (Spring's
 * TransactionSynchronization.afterCommit, or Hibernate's after-completion process when no Spring transaction is
 * active). A rolled-back status change therefore leaves no intent and never reaches Smartpay, a status change that
 * commits always has its intent, and Smartpay is never called inside a flush or a transaction.
 */
public class StatusChangeListener implements PostUpdateEventListener, PostInsertEventListener {

    private static final long serialVersionUID = 1L;

    @Override
    public void onPostUpdate(PostUpdateEvent event) {
        handle(event.getEntity(), event.getId(), event.getPersister(), event.getOldState(), event.getState(),
                event.getSession());
    }

    @Override
    public void onPostInsert(PostInsertEvent event) {
        handle(event.getEntity(), event.getId(), event.getPersister(), null, event.getState(), event.getSession());
    }

    /** Hibernate 4.3+ asks this; we never need the post-commit variants. */
    public boolean requiresPostCommitHanding(EntityPersister persister) {
        return false;
    }

    private void handle(Object entity, Serializable id, EntityPersister persister, Object[] oldState, Object[] state,
            EventSource session) {
        boolean group = entity instanceof FulfillmentGroup;
        if (!group && !(entity instanceof Order)) {
            return;
        }
        SmartpayLifecycleTriggers triggers = LifecycleTriggerRegistry.lookup(session.getFactory());
        if (triggers == null || !(id instanceof Long)) {
            return;
        }
        int index = statusIndex(persister);
        if (index < 0) {
            return;
        }
        String before = oldState == null ? null : (String) oldState[index];
        String after = (String) state[index];
        if (after == null || after.equals(before)) {
            return;
        }
        // the intent is written before the commit, through this session's connection (after the flush: nothing is
        // read here, a query would flush the session again), and decided after the commit
        new StatusChangeIntent(triggers, group, (Long) id, before, after).register(session);
    }

    private static int statusIndex(EntityPersister persister) {
        String[] names = persister.getPropertyNames();
        for (int i = 0; i < names.length; i++) {
            if ("status".equals(names[i])) {
                return i;
            }
        }
        return -1;
    }
}
