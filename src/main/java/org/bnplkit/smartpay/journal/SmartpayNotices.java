package org.bnplkit.smartpay.journal;

import java.util.Date;
import java.util.List;

import javax.annotation.Resource;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Repository;

/**
 * Admin-visible notices (table SMARTPAY_NOTICE): raised by the webhook processor and the reconciliation jobs,
 * shown by the admin panel, resolved by an operator or when the condition goes away. Each notice is also logged
 * once when first raised (logger {@code org.bnplkit.smartpay.journal.SmartpayNotices}, one line:
 * {@code Smartpay notice <KIND> [<key>] order=<id> smartpayOrder=<id>: <message>}).
 */
@Repository("blSmartpayNotices")
public class SmartpayNotices {

    private static final Logger LOG = LoggerFactory.getLogger(SmartpayNotices.class);

    @PersistenceContext(unitName = "blPU")
    protected EntityManager em;

    @Resource(name = "blSmartpayTransactions")
    protected SmartpayTransactions transactions;

    /** Announces opened notices ({@link SmartpayNoticeOpenedEvent}); absent in hand-built tests. */
    @Autowired(required = false)
    protected ApplicationEventPublisher events;

    /**
     * Raises (or refreshes) the notice {@code key}: a new row the first time; afterwards the message and
     * UPDATED_AT are refreshed, OCCURRENCES counts up and a resolved notice opens again. Never throws: a notice
     * that cannot be written is logged instead, so it never breaks the work that raised it.
     */
    public SmartpayNotice raise(final String key, final NoticeKind kind, final Long orderId, final String smartpayOrderId,
            final String message) {
        try {
            return upsert(key, kind, orderId, smartpayOrderId, message);
        } catch (RuntimeException first) {
            try {
                return upsert(key, kind, orderId, smartpayOrderId, message); // lost an insert race: now it updates
            } catch (RuntimeException e) {
                LOG.error("Smartpay notice {} [{}] order={} smartpayOrder={} could not be stored ({}): {}", kind, key,
                        orderId, smartpayOrderId, e.toString(), message);
                return null;
            }
        }
    }

    private SmartpayNotice upsert(final String key, final NoticeKind kind, final Long orderId, final String smartpayOrderId,
            final String message) {
        final Date now = new Date();
        final boolean[] fresh = new boolean[1];
        SmartpayNotice notice = transactions.write(tx -> {
            List<SmartpayNotice> found = em.createQuery("select n from SmartpayNotice n where n.noticeKey = :key",
                    SmartpayNotice.class).setParameter("key", key).getResultList();
            SmartpayNotice n;
            boolean created = found.isEmpty();
            if (created) {
                n = new SmartpayNotice();
                n.setNoticeKey(key);
                n.setCreatedAt(now);
                n.setOccurrences(0);
                fresh[0] = true;
            } else {
                n = found.get(0);
                fresh[0] = !n.isOpen();
            }
            n.setKind(kind);
            n.setOrderId(orderId != null ? orderId : n.getOrderId());
            n.setSmartpayOrderId(smartpayOrderId != null ? smartpayOrderId : n.getSmartpayOrderId());
            n.setMessage(message);
            n.setOccurrences(n.getOccurrences() + 1);
            n.setUpdatedAt(now);
            n.setResolvedAt(null);
            if (created) {
                em.persist(n); // IDENTITY ids insert at once: every column is set first
            }
            em.flush();
            return n;
        });
        if (fresh[0]) {
            String line = "Smartpay notice {} [{}] order={} smartpayOrder={}: {}";
            Object[] args = {kind, key, notice.getOrderId(), notice.getSmartpayOrderId(), message};
            if (kind.severity() == NoticeKind.Severity.ERROR) {
                LOG.error(line, args);
            } else if (kind.severity() == NoticeKind.Severity.WARNING) {
                LOG.warn(line, args);
            } else {
                LOG.info(line, args);
            }
            announce(notice); // committed: transactions.write has returned
        }
        return notice;
    }

    private void announce(SmartpayNotice notice) {
        if (events == null) {
            return;
        }
        SmartpayNoticeOpenedEvent event = new SmartpayNoticeOpenedEvent(this, notice);
        try {
            events.publishEvent(event);
        } catch (RuntimeException e) {
            LOG.error("A listener of {} failed; the notice stands", event, e);
        }
    }

    /** Marks the notice resolved (an operator dealt with it, or the condition went away); false if none was open. */
    public boolean resolve(final String key) {
        Integer n = transactions.write(tx -> em.createQuery(
                "update SmartpayNotice n set n.resolvedAt = :now, n.version = n.version + 1"
                        + " where n.noticeKey = :key and n.resolvedAt is null")
                .setParameter("now", new Date()).setParameter("key", key).executeUpdate());
        return n != null && n > 0;
    }

    public SmartpayNotice find(final String key) {
        return transactions.read(tx -> {
            List<SmartpayNotice> found = em.createQuery("select n from SmartpayNotice n where n.noticeKey = :key",
                    SmartpayNotice.class).setParameter("key", key).getResultList();
            return found.isEmpty() ? null : found.get(0);
        });
    }

    public SmartpayNotice findById(final Long id) {
        return transactions.read(tx -> em.find(SmartpayNotice.class, id));
    }

    /** Every notice of a Broadleaf order (open and resolved), newest first: the order panel's list. */
    public List<SmartpayNotice> forOrder(final Long orderId) {
        return transactions.read(tx -> em.createQuery(
                "select n from SmartpayNotice n where n.orderId = :orderId order by n.updatedAt desc, n.id desc",
                SmartpayNotice.class).setParameter("orderId", orderId).getResultList());
    }

    /** Every notice about a Smartpay order, newest first. */
    public List<SmartpayNotice> forSmartpayOrder(final String smartpayOrderId) {
        return transactions.read(tx -> em.createQuery(
                "select n from SmartpayNotice n where n.smartpayOrderId = :id order by n.updatedAt desc, n.id desc",
                SmartpayNotice.class).setParameter("id", smartpayOrderId).getResultList());
    }

    /** Open notices, newest first, at most {@code max}. */
    public List<SmartpayNotice> open(final int max) {
        return transactions.read(tx -> em.createQuery(
                "select n from SmartpayNotice n where n.resolvedAt is null order by n.updatedAt desc, n.id desc",
                SmartpayNotice.class).setMaxResults(max).getResultList());
    }

    /** Open notices of one kind, oldest first. */
    public List<SmartpayNotice> open(final NoticeKind kind, final int max) {
        return transactions.read(tx -> em.createQuery(
                "select n from SmartpayNotice n where n.resolvedAt is null and n.kind = :kind order by n.id",
                SmartpayNotice.class).setParameter("kind", kind).setMaxResults(max).getResultList());
    }

    /** Deletes up to {@code max} notices resolved before {@code before}, oldest first. Open notices stay. */
    public int deleteResolvedBefore(final Date before, final int max) {
        Integer n = transactions.write(tx -> {
            List<Long> ids = em.createQuery("select n.id from SmartpayNotice n where n.resolvedAt < :before order by n.id",
                    Long.class).setParameter("before", before).setMaxResults(max).getResultList();
            return ids.isEmpty() ? 0 : em.createQuery("delete from SmartpayNotice n where n.id in (:ids)")
                    .setParameter("ids", ids).executeUpdate();
        });
        return n == null ? 0 : n;
    }

    /** Deletes every row: tests and the demo only. */
    public int deleteAll() {
        Integer n = transactions.write(tx -> em.createQuery("delete from SmartpayNotice").executeUpdate());
        return n == null ? 0 : n;
    }
}
