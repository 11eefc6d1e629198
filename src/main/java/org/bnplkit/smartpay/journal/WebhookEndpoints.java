package org.bnplkit.smartpay.journal;

import java.util.Date;
import java.util.List;

import javax.annotation.PostConstruct;
import javax.annotation.Resource;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;

import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The store's registered webhook endpoints (table SMARTPAY_WEBHOOK_ENDPOINT). */
@Repository("blSmartpayWebhookEndpoints")
public class WebhookEndpoints {

    @PersistenceContext(unitName = "blPU")
    protected EntityManager em;

    @Resource(name = "blTransactionManager")
    protected PlatformTransactionManager transactionManager;

    private TransactionTemplate requiresNew;
    private TransactionTemplate readOnly;

    @PostConstruct
    public void init() {
        requiresNew = new TransactionTemplate(transactionManager);
        requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        readOnly = new TransactionTemplate(transactionManager);
        readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        readOnly.setReadOnly(true);
    }

    /** Stores a new endpoint as the active one; other active endpoints of the same mode become inactive. */
    public SmartpayWebhookEndpoint saveActive(final SmartpayWebhookEndpoint endpoint) {
        return requiresNew.execute(tx -> {
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
        return readOnly.execute(tx -> em.createQuery(
                "select e from SmartpayWebhookEndpoint e where e.active = true order by e.id desc",
                SmartpayWebhookEndpoint.class).getResultList());
    }

    public SmartpayWebhookEndpoint findByEndpointId(final String endpointId) {
        return readOnly.execute(tx -> {
            List<SmartpayWebhookEndpoint> found = em.createQuery(
                    "select e from SmartpayWebhookEndpoint e where e.endpointId = :id", SmartpayWebhookEndpoint.class)
                    .setParameter("id", endpointId).getResultList();
            return found.isEmpty() ? null : found.get(0);
        });
    }

    /** Marks an endpoint inactive (deleted or replaced at Smartpay). */
    public void deactivate(final String endpointId) {
        requiresNew.execute(tx -> em.createQuery(
                "update SmartpayWebhookEndpoint e set e.active = false, e.deactivatedAt = :now where e.endpointId = :id")
                .setParameter("now", new Date()).setParameter("id", endpointId).executeUpdate());
    }

    /** Deletes every row: tests and the demo only. */
    public int deleteAll() {
        Integer n = requiresNew.execute(tx -> em.createQuery("delete from SmartpayWebhookEndpoint").executeUpdate());
        return n == null ? 0 : n;
    }
}
