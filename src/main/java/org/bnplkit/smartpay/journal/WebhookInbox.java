package org.bnplkit.smartpay.journal;

import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.List;

import javax.annotation.Resource;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;

import org.springframework.stereotype.Repository;

/**
 * The webhook inbox (table SMARTPAY_WEBHOOK_EVENT) in Broadleaf's blPU. Like the operation journal, every write
 * commits in its own transaction, and cluster safety rests on the unique EVENT_ID (one row per event, however
 * often and on however many nodes it is delivered) and a conditional UPDATE that leases a row to one processor.
 */
@Repository("blSmartpayWebhookInbox")
public class WebhookInbox {

    private static final List<WebhookEventStatus> OPEN = Collections.unmodifiableList(
            Arrays.asList(WebhookEventStatus.RECEIVED, WebhookEventStatus.RETRYING));

    @PersistenceContext(unitName = "blPU")
    protected EntityManager em;

    @Resource(name = "blSmartpayTransactions")
    protected SmartpayTransactions transactions;

    /**
     * Stores a newly received event, committed before returning. When its EVENT_ID is already there (a
     * redelivery, possibly racing on another node) nothing is written and the existing row comes back with
     * {@code created == false}.
     */
    public Insert insertIfAbsent(final SmartpayWebhookEvent event) {
        SmartpayWebhookEvent existing = find(event.getEventId());
        if (existing != null) {
            return new Insert(existing, false);
        }
        try {
            SmartpayWebhookEvent inserted = transactions.write(status -> {
                em.persist(event);
                em.flush();
                return event;
            });
            return new Insert(inserted, true);
        } catch (RuntimeException e) {
            SmartpayWebhookEvent winner = find(event.getEventId());
            if (winner != null) {
                return new Insert(winner, false);
            }
            throw e;
        }
    }

    public SmartpayWebhookEvent find(final String eventId) {
        return transactions.read(status -> {
            List<SmartpayWebhookEvent> found = em.createQuery(
                    "select e from SmartpayWebhookEvent e where e.eventId = :eventId", SmartpayWebhookEvent.class)
                    .setParameter("eventId", eventId).getResultList();
            return found.isEmpty() ? null : found.get(0);
        });
    }

    public SmartpayWebhookEvent findById(final Long id) {
        return transactions.read(status -> em.find(SmartpayWebhookEvent.class, id));
    }

    /** Newest first; {@code status} null = every status. */
    public List<SmartpayWebhookEvent> list(final WebhookEventStatus status, final int max) {
        return transactions.read(tx -> {
            if (status == null) {
                return em.createQuery("select e from SmartpayWebhookEvent e order by e.id desc", SmartpayWebhookEvent.class)
                        .setMaxResults(max).getResultList();
            }
            return em.createQuery("select e from SmartpayWebhookEvent e where e.status = :status order by e.id desc",
                    SmartpayWebhookEvent.class).setParameter("status", status).setMaxResults(max).getResultList();
        });
    }

    /** Every event about one Smartpay order, oldest first. */
    public List<SmartpayWebhookEvent> findBySmartpayOrder(final String smartpayOrderId) {
        return transactions.read(tx -> em.createQuery(
                "select e from SmartpayWebhookEvent e where e.smartpayOrderId = :id order by e.id", SmartpayWebhookEvent.class)
                .setParameter("id", smartpayOrderId).getResultList());
    }

    public long count(final WebhookEventStatus status) {
        Long n = transactions.read(tx -> em.createQuery(
                "select count(e) from SmartpayWebhookEvent e where e.status = :status", Long.class)
                .setParameter("status", status).getSingleResult());
        return n == null ? 0L : n;
    }

    /** When the newest PROCESSED/IGNORED event was finished, or null: the "last processed" of the health tile. */
    public Date lastProcessedAt() {
        return transactions.read(tx -> em.createQuery(
                "select max(e.processedAt) from SmartpayWebhookEvent e", Date.class).getSingleResult());
    }

    /**
     * When the newest event was received, or null. Only events whose signature verified are stored, so this is the
     * time of the last verified delivery (the Health page).
     */
    public Date lastReceivedAt() {
        return transactions.read(tx -> em.createQuery(
                "select max(e.receivedAt) from SmartpayWebhookEvent e", Date.class).getSingleResult());
    }

    /** When the oldest event still waiting to be processed (RECEIVED, RETRYING) arrived, or null when none waits. */
    public Date oldestOpenReceivedAt() {
        return transactions.read(tx -> em.createQuery(
                "select min(e.receivedAt) from SmartpayWebhookEvent e where e.status in (:open)", Date.class)
                .setParameter("open", OPEN).getSingleResult());
    }

    /**
     * Ids the processor may take now: open rows (RECEIVED, RETRYING) that are due and not leased. RECEIVED rows
     * younger than {@code receivedBefore} are left to the thread that was handed them on arrival.
     */
    public List<Long> findDueIds(final Date now, final Date receivedBefore, final int max) {
        return transactions.read(tx -> em.createQuery(
                "select e.id from SmartpayWebhookEvent e where e.status in (:open)"
                        + " and (e.nextAttemptAt is null or e.nextAttemptAt <= :now)"
                        + " and (e.claimedUntil is null or e.claimedUntil < :now)"
                        + " and (e.status <> :received or e.receivedAt < :receivedBefore)"
                        + " order by e.id", Long.class)
                .setParameter("open", OPEN).setParameter("now", now).setParameter("received", WebhookEventStatus.RECEIVED)
                .setParameter("receivedBefore", receivedBefore).setMaxResults(max).getResultList());
    }

    /**
     * Leases an open, due row to {@code node} until {@code until}: true only for the one caller whose conditional
     * UPDATE changed it.
     */
    public boolean claim(final Long id, final String node, final Date now, final Date until) {
        Integer changed = transactions.write(tx -> em.createQuery(
                "update SmartpayWebhookEvent e set e.claimedBy = :node, e.claimedUntil = :until, e.updatedAt = :now,"
                        + " e.version = e.version + 1"
                        + " where e.id = :id and e.status in (:open)"
                        + " and (e.nextAttemptAt is null or e.nextAttemptAt <= :now)"
                        + " and (e.claimedUntil is null or e.claimedUntil < :now)")
                .setParameter("node", node).setParameter("until", until).setParameter("now", now)
                .setParameter("id", id).setParameter("open", OPEN).executeUpdate());
        return changed != null && changed == 1;
    }

    /**
     * Settles a claimed row: applies {@code change} to it in a new transaction, but only while {@code node} still
     * holds it (a node whose lease ran out and was overtaken writes nothing). Returns the row as stored, or null
     * when the lease was lost.
     */
    public SmartpayWebhookEvent settle(final Long id, final String node, final Settlement change) {
        return transactions.write(tx -> {
            SmartpayWebhookEvent row = em.find(SmartpayWebhookEvent.class, id);
            if (row == null || !node.equals(row.getClaimedBy())) {
                return null;
            }
            change.apply(row);
            row.setClaimedBy(null);
            row.setClaimedUntil(null);
            em.flush();
            return row;
        });
    }

    /**
     * Puts a row back in the queue, due now, whatever its status (re-processing by an operator). The attempt
     * count restarts so a dead letter gets the full number of attempts again.
     */
    public SmartpayWebhookEvent requeue(final String eventId, final Date now) {
        return transactions.write(tx -> {
            List<SmartpayWebhookEvent> found = em.createQuery(
                    "select e from SmartpayWebhookEvent e where e.eventId = :eventId", SmartpayWebhookEvent.class)
                    .setParameter("eventId", eventId).getResultList();
            if (found.isEmpty()) {
                return null;
            }
            SmartpayWebhookEvent row = found.get(0);
            row.setStatus(WebhookEventStatus.RETRYING);
            row.setAttempts(0);
            row.setNextAttemptAt(now);
            row.setClaimedBy(null);
            row.setClaimedUntil(null);
            row.setUpdatedAt(now);
            em.flush();
            return row;
        });
    }

    /**
     * Deletes up to {@code max} PROCESSED or IGNORED events processed before {@code before}, oldest first (the
     * retention step of reconciliation). Open and DEAD events stay, whatever their age: someone still has to act.
     */
    public int deleteSettledBefore(final Date before, final int max) {
        Integer n = transactions.write(tx -> {
            List<Long> ids = em.createQuery("select e.id from SmartpayWebhookEvent e where e.status in (:settled)"
                    + " and e.processedAt < :before order by e.id", Long.class)
                    .setParameter("settled", java.util.Arrays.asList(WebhookEventStatus.PROCESSED, WebhookEventStatus.IGNORED))
                    .setParameter("before", before).setMaxResults(max).getResultList();
            return ids.isEmpty() ? 0 : em.createQuery("delete from SmartpayWebhookEvent e where e.id in (:ids)")
                    .setParameter("ids", ids).executeUpdate();
        });
        return n == null ? 0 : n;
    }

    /** Deletes every row: tests and the demo only. */
    public int deleteAll() {
        Integer n = transactions.write(tx -> em.createQuery("delete from SmartpayWebhookEvent").executeUpdate());
        return n == null ? 0 : n;
    }

    /** A change made to a claimed row when it settles. */
    public interface Settlement {
        void apply(SmartpayWebhookEvent row);
    }

    /** Outcome of {@link #insertIfAbsent}. */
    public static final class Insert {
        private final SmartpayWebhookEvent row;
        private final boolean created;

        Insert(SmartpayWebhookEvent row, boolean created) {
            this.row = row;
            this.created = created;
        }

        public SmartpayWebhookEvent row() { return row; }

        /** False when the event id was already stored (a redelivery). */
        public boolean created() { return created; }
    }
}
