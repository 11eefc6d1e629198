package org.bnplkit.smartpay.journal;

import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.List;

import javax.annotation.Resource;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;
import javax.persistence.TypedQuery;

import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionSynchronizationAdapter;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The operation journal (table SMARTPAY_OPERATION) in Broadleaf's blPU.
 *
 * <p>Every write runs in its own transaction ({@code REQUIRES_NEW}): the journal is called from
 * after-commit callbacks, from the retry worker and from integrator code that may itself be inside a
 * transaction, and a journal row must be committed before the HTTP call whatever the caller does.
 *
 * <p>Cluster safety rests on two statements, both plain SQL any database runs the same way:
 * <ul>
 *   <li>the unique OPERATION_KEY: of two nodes inserting the same operation, one insert fails and that node
 *       reads the winner's row instead ({@link #insertIfAbsent});</li>
 *   <li>a conditional UPDATE that takes a lease ({@link #claim}): only the node whose UPDATE changed the row
 *       works on it until CLAIMED_UNTIL.</li>
 * </ul>
 */
@Repository("blSmartpayOperationJournal")
public class OperationJournal {

    private static final List<OperationStatus> WORKABLE = Collections.unmodifiableList(
            java.util.Arrays.asList(OperationStatus.PENDING, OperationStatus.RETRYING));

    @PersistenceContext(unitName = "blPU")
    protected EntityManager em;

    @Resource(name = "blSmartpayTransactions")
    protected SmartpayTransactions transactions;

    /** Announces rows that became FAILED or DEAD ({@link SmartpayOperationEvent}); absent in hand-built tests. */
    @Autowired(required = false)
    protected ApplicationEventPublisher events;

    /** Runs {@code work} in a new transaction of blTransactionManager (commits before returning). */
    public <T> T inNewTransaction(TransactionCallback<T> work) {
        return transactions.write(work);
    }

    /**
     * Inserts {@code rows} (the first being the one whose key guards the rest) in one committed transaction.
     * When the first key already exists nothing is inserted and the existing row is returned with
     * {@code created == false}.
     */
    public Insert insertIfAbsent(final List<SmartpayOperation> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("nothing to insert");
        }
        SmartpayOperation existing = find(rows.get(0).getOperationKey());
        if (existing != null) {
            return new Insert(existing, false);
        }
        final String guardKey = rows.get(0).getOperationKey();
        try {
            SmartpayOperation inserted = transactions.write(status -> {
                insertInCurrentTransaction(rows);
                return rows.get(0);
            });
            return new Insert(inserted, true);
        } catch (RuntimeException e) {
            // Another node (or thread) inserted the same key between our read and our insert.
            SmartpayOperation winner = find(guardKey);
            if (winner != null) {
                return new Insert(winner, false);
            }
            throw e;
        }
    }

    /**
     * Persists {@code rows} in the caller's transaction (see {@link #inNewTransaction}) and flushes, so a unique-key
     * conflict surfaces here; the caller commits and handles the conflict.
     */
    public void insertInCurrentTransaction(List<SmartpayOperation> rows) {
        for (SmartpayOperation row : rows) {
            em.persist(row);
        }
        em.flush();
        for (SmartpayOperation row : rows) {
            announceAfterCommit(null, row);
        }
    }

    public Insert insertIfAbsent(SmartpayOperation row) {
        return insertIfAbsent(Collections.singletonList(row));
    }

    public SmartpayOperation find(final String operationKey) {
        return transactions.read(status -> findInCurrentTransaction(operationKey));
    }

    /** {@link #find} inside the caller's transaction (see {@link #inNewTransaction}). */
    public SmartpayOperation findInCurrentTransaction(String operationKey) {
        List<SmartpayOperation> found = em.createQuery(
                "select o from SmartpayOperation o where o.operationKey = :key", SmartpayOperation.class)
                .setParameter("key", operationKey).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    public SmartpayOperation findById(final Long id) {
        return transactions.read(status -> em.find(SmartpayOperation.class, id));
    }

    /** Every row of a Broadleaf order, oldest first. */
    public List<SmartpayOperation> findByOrder(final Long orderId) {
        return transactions.read(status -> findByOrderInCurrentTransaction(orderId));
    }

    /** {@link #findByOrder} inside the caller's transaction. */
    public List<SmartpayOperation> findByOrderInCurrentTransaction(Long orderId) {
        return em.createQuery(
                "select o from SmartpayOperation o where o.orderId = :orderId order by o.id", SmartpayOperation.class)
                .setParameter("orderId", orderId).getResultList();
    }

    /** The Broadleaf order of a Smartpay order, as the journal knows it (null when no row names it). */
    public Long orderIdOfSmartpayOrder(final String smartpayOrderId) {
        if (smartpayOrderId == null) {
            return null;
        }
        return transactions.read(status -> {
            List<Long> found = em.createQuery("select o.orderId from SmartpayOperation o where o.smartpayOrderId = :id",
                    Long.class).setParameter("id", smartpayOrderId).setMaxResults(1).getResultList();
            return found.isEmpty() ? null : found.get(0);
        });
    }

    public List<SmartpayOperation> findByParentKey(final String parentKey) {
        return transactions.read(status -> em.createQuery(
                "select o from SmartpayOperation o where o.parentKey = :parentKey order by o.id", SmartpayOperation.class)
                .setParameter("parentKey", parentKey).getResultList());
    }

    /** Rows in these statuses, oldest first: the admin's queue of failures (FAILED, DEAD) and work in progress. */
    public List<SmartpayOperation> findByStatus(final Collection<OperationStatus> statuses, final int max) {
        return transactions.read(status -> em.createQuery(
                "select o from SmartpayOperation o where o.status in (:statuses) order by o.id", SmartpayOperation.class)
                .setParameter("statuses", statuses).setMaxResults(max).getResultList());
    }

    /**
     * Ids of rows the retry worker may take now: RETRYING rows whose next attempt is due and PENDING rows whose
     * lease ran out (the node that wrote them died or gave up mid-call), unclaimed or with an expired claim.
     */
    public List<Long> findDueIds(final Date now, final int max) {
        return transactions.read(status -> {
            TypedQuery<Long> q = em.createQuery(
                    "select o.id from SmartpayOperation o where o.status in (:statuses)"
                            + " and (o.nextAttemptAt is null or o.nextAttemptAt <= :now)"
                            + " and (o.claimedUntil is null or o.claimedUntil < :now)"
                            // PENDING rows of a node that died have no next attempt: they are due since they were
                            // written (PostgreSQL would sort their NULL after every due RETRYING row)
                            + " order by coalesce(o.nextAttemptAt, o.createdAt), o.id", Long.class);
            return q.setParameter("statuses", WORKABLE).setParameter("now", now).setMaxResults(max).getResultList();
        });
    }

    /**
     * Takes the lease on a due row: true only for the one caller whose conditional UPDATE changed it. The same
     * WHERE clause as {@link #findDueIds}, so a row claimed by another live node is never taken.
     */
    public boolean claim(final Long id, final String node, final Date now, final Date until) {
        Integer changed = transactions.write(status -> em.createQuery(
                "update SmartpayOperation o set o.claimedBy = :node, o.claimedUntil = :until, o.updatedAt = :now,"
                        + " o.version = o.version + 1"
                        + " where o.id = :id and o.status in (:statuses)"
                        + " and (o.nextAttemptAt is null or o.nextAttemptAt <= :now)"
                        + " and (o.claimedUntil is null or o.claimedUntil < :now)")
                .setParameter("node", node).setParameter("until", until).setParameter("now", now)
                .setParameter("id", id).setParameter("statuses", WORKABLE).executeUpdate());
        return changed != null && changed == 1;
    }

    /** True while {@code row} is still claimed by {@code node} (nobody took it over since it was read). */
    public boolean stillClaimed(final SmartpayOperation row, final String node, final Date now) {
        SmartpayOperation current = findById(row.getId());
        return current != null && current.getVersion() == row.getVersion() && node.equals(current.getClaimedBy())
                && current.getClaimedUntil() != null && current.getClaimedUntil().after(now);
    }

    /**
     * Marks {@code row} SUCCEEDED in the caller's transaction, with the Smartpay ids, the Broadleaf transaction and
     * the amount moved set on it (a cancel's release is only known once the captures in flight have settled), if
     * nobody changed the row since {@code row} was read (same version, not yet SUCCEEDED). One conditional UPDATE:
     * false means another node took the row over (its lease ran out) and is recording the same
     * answer, and the caller must roll back what it recorded. On true, {@code row} is updated to match.
     */
    public boolean markSucceeded(SmartpayOperation row, Long paymentTransactionId, long amount, Date now) {
        int changed = em.createQuery("update SmartpayOperation o set o.status = :succeeded, o.amount = :amount,"
                + " o.smartpayPaymentId = :paymentId, o.smartpayRefundId = :refundId,"
                + " o.paymentTransactionId = :transactionId, o.attempts = o.attempts + 1, o.nextAttemptAt = null,"
                + " o.lastErrorCode = null, o.lastErrorMessage = null, o.claimedBy = null, o.claimedUntil = null,"
                + " o.updatedAt = :now, o.version = o.version + 1"
                + " where o.id = :id and o.version = :version and o.status <> :succeeded")
                .setParameter("succeeded", OperationStatus.SUCCEEDED)
                .setParameter("amount", amount)
                .setParameter("paymentId", row.getSmartpayPaymentId())
                .setParameter("refundId", row.getSmartpayRefundId())
                .setParameter("transactionId", paymentTransactionId)
                .setParameter("now", now)
                .setParameter("id", row.getId())
                .setParameter("version", row.getVersion())
                .executeUpdate();
        if (changed != 1) {
            return false;
        }
        row.setStatus(OperationStatus.SUCCEEDED);
        row.setAmount(amount);
        row.setPaymentTransactionId(paymentTransactionId);
        row.setAttempts(row.getAttempts() + 1);
        row.setNextAttemptAt(null);
        row.setLastErrorCode(null);
        row.setLastErrorMessage(null);
        row.setClaimedBy(null);
        row.setClaimedUntil(null);
        row.setUpdatedAt(now);
        row.setVersion(row.getVersion() + 1);
        return true;
    }

    /**
     * Removes a status change's intent (kind INTENT) once it has been decided into the operation it names; any other
     * row is never removed. Its own transaction; true when this call removed it.
     */
    public boolean deleteIntent(final Long id) {
        Integer removed = transactions.write(status -> em.createQuery(
                "delete from SmartpayOperation o where o.id = :id and o.kind = :intent")
                .setParameter("id", id).setParameter("intent", OperationKind.INTENT).executeUpdate());
        return removed != null && removed == 1;
    }

    /**
     * Loads a row inside the current transaction (for the caller's own {@link #inNewTransaction} block, where it
     * is updated together with the Broadleaf PaymentTransaction).
     */
    public SmartpayOperation load(Long id) {
        return em.find(SmartpayOperation.class, id);
    }

    /** Persists changes to a detached row in a new transaction; optimistic locking guards concurrent writers. */
    public SmartpayOperation save(final SmartpayOperation row) {
        return transactions.write(status -> {
            OperationStatus before = row.getId() == null ? null : statusInCurrentTransaction(row.getId());
            SmartpayOperation saved = em.merge(row);
            em.flush(); // a lost optimistic-lock race fails here, so only the writer that commits announces
            announceAfterCommit(before, saved);
            return saved;
        });
    }

    private OperationStatus statusInCurrentTransaction(Long id) {
        List<OperationStatus> found = em.createQuery("select o.status from SmartpayOperation o where o.id = :id",
                OperationStatus.class).setParameter("id", id).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * A row that became FAILED or DEAD is announced once, after its transaction commits (never for a change that
     * rolls back); listeners' failures are logged by Spring's multicaster's caller, never undo the change.
     */
    private void announceAfterCommit(OperationStatus before, SmartpayOperation row) {
        final OperationStatus after = row.getStatus();
        if (events == null || after == before || (after != OperationStatus.FAILED && after != OperationStatus.DEAD)) {
            return;
        }
        final SmartpayOperationEvent event = after == OperationStatus.FAILED
                ? new SmartpayOperationFailedEvent(this, row) : new SmartpayOperationDeadEvent(this, row);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronizationAdapter() {
                @Override
                public void afterCommit() {
                    publish(event);
                }
            });
        } else {
            publish(event);
        }
    }

    private void publish(SmartpayOperationEvent event) {
        try {
            events.publishEvent(event);
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(OperationJournal.class).error("A listener of {} failed; the journal row stands", event, e);
        }
    }

    /** Outcome of {@link #insertIfAbsent}. */
    public static final class Insert {
        private final SmartpayOperation row;
        private final boolean created;

        Insert(SmartpayOperation row, boolean created) {
            this.row = row;
            this.created = created;
        }

        public SmartpayOperation row() { return row; }

        /** False when the key already existed: another call (maybe on another node) owns the operation. */
        public boolean created() { return created; }
    }
}
