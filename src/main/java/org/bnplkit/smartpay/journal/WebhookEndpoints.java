package org.bnplkit.smartpay.journal;

import java.util.Date;
import java.util.List;

import javax.annotation.Resource;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;

import org.springframework.stereotype.Repository;

/** The store's registered webhook endpoints (table SMARTPAY_WEBHOOK_ENDPOINT). */
@Repository("blSmartpayWebhookEndpoints")
public class WebhookEndpoints {

    @PersistenceContext(unitName = "blPU")
    protected EntityManager em;

    @Resource(name = "blSmartpayTransactions")
    protected SmartpayTransactions transactions;

    /** Stores a new endpoint as the active one; other active endpoints of the same mode become inactive. */
    public SmartpayWebhookEndpoint saveActive(final SmartpayWebhookEndpoint endpoint) {
        return transactions.write(tx -> {
            Date now = new Date();
            for (SmartpayWebhookEndpoint other : em.createQuery(
                    "select e from SmartpayWebhookEndpoint e where e.active = true and e.mode = :mode",
                    SmartpayWebhookEndpoint.class).setParameter("mode", endpoint.getMode()).getResultList()) {
                other.setActive(false);
                other.setDeactivatedAt(now);
            }
            endpoint.setActive(true);
            endpoint.setCreatedAt(now);
            em.persist(endpoint);
            em.flush();
            return endpoint;
        });
    }

    /** Active endpoints, newest first. */
    public List<SmartpayWebhookEndpoint> active() {
        return transactions.read(tx -> em.createQuery(
                "select e from SmartpayWebhookEndpoint e where e.active = true order by e.id desc",
                SmartpayWebhookEndpoint.class).getResultList());
    }

    public SmartpayWebhookEndpoint findByEndpointId(final String endpointId) {
        return transactions.read(tx -> {
            List<SmartpayWebhookEndpoint> found = em.createQuery(
                    "select e from SmartpayWebhookEndpoint e where e.endpointId = :id", SmartpayWebhookEndpoint.class)
                    .setParameter("id", endpointId).getResultList();
            return found.isEmpty() ? null : found.get(0);
        });
    }

    /** Marks an endpoint inactive (deleted or replaced at Smartpay). */
    public void deactivate(final String endpointId) {
        transactions.write(tx -> em.createQuery(
                "update SmartpayWebhookEndpoint e set e.active = false, e.deactivatedAt = :now where e.endpointId = :id")
                .setParameter("now", new Date()).setParameter("id", endpointId).executeUpdate());
    }

    /** Deletes every row: tests and the demo only. */
    public int deleteAll() {
        Integer n = transactions.write(tx -> em.createQuery("delete from SmartpayWebhookEndpoint").executeUpdate());
        return n == null ? 0 : n;
    }
}
