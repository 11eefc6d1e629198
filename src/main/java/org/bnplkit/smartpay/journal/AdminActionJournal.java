package org.bnplkit.smartpay.journal;

import java.util.Date;
import java.util.List;

import javax.annotation.Resource;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;

import org.springframework.stereotype.Repository;

/**
 * The admins' actions in the Smartpay section (table SMARTPAY_ADMIN_ACTION). {@link #begin} writes the row before
 * the action runs; its unique REQUEST_ID makes the second submission of one form find the first one's row instead.
 */
@Repository("blSmartpayAdminActionJournal")
public class AdminActionJournal {

    @PersistenceContext(unitName = "blPU")
    protected EntityManager em;

    @Resource(name = "blSmartpayTransactions")
    protected SmartpayTransactions transactions;

    /**
     * Writes {@code action} (committed) and returns it, or returns null when a row with its request id exists already
     * (the same form submitted again, maybe at the same moment on another node): see {@link #findByRequestId}.
     */
    public SmartpayAdminAction begin(final SmartpayAdminAction action) {
        if (findByRequestId(action.getRequestId()) != null) {
            return null;
        }
        try {
            return transactions.write(status -> {
                em.persist(action);
                em.flush();
                return action;
            });
        } catch (RuntimeException e) {
            if (findByRequestId(action.getRequestId()) != null) {
                return null; // lost the race to the other submission
            }
            throw e;
        }
    }

    /** Records what came of the action. */
    public void finish(final Long id, final String result) {
        transactions.write(status -> {
            SmartpayAdminAction row = em.find(SmartpayAdminAction.class, id);
            if (row != null) {
                row.setResult(result);
            }
            return null;
        });
    }

    public SmartpayAdminAction findByRequestId(final String requestId) {
        return transactions.read(status -> {
            List<SmartpayAdminAction> found = em.createQuery(
                    "select a from SmartpayAdminAction a where a.requestId = :id", SmartpayAdminAction.class)
                    .setParameter("id", requestId).getResultList();
            return found.isEmpty() ? null : found.get(0);
        });
    }

    /** The latest "mark resolved" of an item at or after {@code since}, or null. */
    public SmartpayAdminAction resolvedSince(final String itemKey, final Date since) {
        return transactions.read(status -> {
            List<SmartpayAdminAction> found = em.createQuery("select a from SmartpayAdminAction a where a.itemKey = :item"
                    + " and a.action = 'RESOLVE' and a.createdAt >= :since order by a.id desc", SmartpayAdminAction.class)
                    .setParameter("item", itemKey).setParameter("since", since).setMaxResults(1).getResultList();
            return found.isEmpty() ? null : found.get(0);
        });
    }

    /** Every "mark resolved", newest first, at most {@code max}: what the list leaves out and why. */
    public List<SmartpayAdminAction> resolutions(final int max) {
        return transactions.read(status -> em.createQuery(
                "select a from SmartpayAdminAction a where a.action = 'RESOLVE' order by a.id desc", SmartpayAdminAction.class)
                .setMaxResults(max).getResultList());
    }

    /** The latest actions, newest first: the section's history. */
    public List<SmartpayAdminAction> latest(final int max) {
        return transactions.read(status -> em.createQuery(
                "select a from SmartpayAdminAction a order by a.id desc", SmartpayAdminAction.class)
                .setMaxResults(max).getResultList());
    }

    /** Every action on one order, newest first. */
    public List<SmartpayAdminAction> forOrder(final Long orderId) {
        return transactions.read(status -> em.createQuery(
                "select a from SmartpayAdminAction a where a.orderId = :orderId order by a.id desc", SmartpayAdminAction.class)
                .setParameter("orderId", orderId).getResultList());
    }

    /** Deletes every row: tests and the demo only. */
    public int deleteAll() {
        Integer n = transactions.write(status -> em.createQuery("delete from SmartpayAdminAction").executeUpdate());
        return n == null ? 0 : n;
    }
}
