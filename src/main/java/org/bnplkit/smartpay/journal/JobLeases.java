package org.bnplkit.smartpay.journal;

import java.util.Date;
import java.util.List;

import javax.annotation.Resource;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;

import org.springframework.stereotype.Repository;

/**
 * Cluster-wide "who runs this pass" for the scheduled jobs (table SMARTPAY_JOB_LEASE). Every node schedules every
 * job; before a pass, a node calls {@link #tryClaim}, a conditional UPDATE that succeeds for one node only and
 * keeps the job taken until {@code until}. {@link #finish} records how the pass went (the runbook reads it).
 */
@Repository("blSmartpayJobLeases")
public class JobLeases {

    @PersistenceContext(unitName = "blPU")
    protected EntityManager em;

    @Resource(name = "blSmartpayTransactions")
    protected SmartpayTransactions transactions;

    /**
     * Takes job {@code jobName} for {@code node} until {@code until} when nobody holds it at {@code now}. True for
     * exactly one of several nodes asking at once. The row is created on first use (a lost insert race is fine:
     * the UPDATE decides).
     */
    public boolean tryClaim(final String jobName, final String node, final Date now, final Date until) {
        ensureRow(jobName);
        Integer changed = transactions.write(tx -> em.createQuery(
                "update SmartpayJobLease l set l.claimedBy = :node, l.claimedUntil = :until, l.lastStartedAt = :now"
                        + " where l.jobName = :job and (l.claimedUntil is null or l.claimedUntil < :now)")
                .setParameter("node", node).setParameter("until", until).setParameter("now", now)
                .setParameter("job", jobName).executeUpdate());
        return changed != null && changed == 1;
    }

    /**
     * Records the end of a pass. {@code keepUntil}: how long the job stays taken (so other nodes skip this
     * interval); null frees it at once.
     */
    public void finish(final String jobName, final String node, final String result, final Date keepUntil) {
        transactions.write(tx -> em.createQuery(
                "update SmartpayJobLease l set l.lastFinishedAt = :now, l.lastResult = :result, l.claimedUntil = :until"
                        + " where l.jobName = :job and l.claimedBy = :node")
                .setParameter("now", new Date()).setParameter("result", truncate(result)).setParameter("until", keepUntil)
                .setParameter("job", jobName).setParameter("node", node).executeUpdate());
    }

    /**
     * Deletes up to {@code max} rows whose name starts with {@code prefix}, last taken before {@code before} and not
     * held now: the per-order leases ({@code checkout:<orderId>}) would otherwise grow with every checkout.
     */
    public int deleteIdleBefore(final String prefix, final Date before, final int max) {
        Integer n = transactions.write(tx -> {
            List<String> names = em.createQuery("select l.jobName from SmartpayJobLease l where l.jobName like :prefix"
                    + " and l.lastStartedAt < :before and (l.claimedUntil is null or l.claimedUntil < :before)"
                    + " order by l.lastStartedAt", String.class)
                    .setParameter("prefix", prefix + "%").setParameter("before", before).setMaxResults(max).getResultList();
            return names.isEmpty() ? 0 : em.createQuery("delete from SmartpayJobLease l where l.jobName in (:names)")
                    .setParameter("names", names).executeUpdate();
        });
        return n == null ? 0 : n;
    }

    /** Frees a job whatever holds it (tests; an operator who wants a pass now). */
    public void release(final String jobName) {
        transactions.write(tx -> em.createQuery(
                "update SmartpayJobLease l set l.claimedUntil = null where l.jobName = :job")
                .setParameter("job", jobName).executeUpdate());
    }

    public SmartpayJobLease find(final String jobName) {
        return transactions.read(tx -> em.find(SmartpayJobLease.class, jobName));
    }

    private void ensureRow(final String jobName) {
        if (find(jobName) != null) {
            return;
        }
        try {
            transactions.write(tx -> {
                SmartpayJobLease lease = new SmartpayJobLease();
                lease.setJobName(jobName);
                em.persist(lease);
                em.flush();
                return null;
            });
        } catch (RuntimeException anotherNodeCreatedIt) {
            if (find(jobName) == null) {
                throw anotherNodeCreatedIt;
            }
        }
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }
}
