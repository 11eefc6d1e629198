package org.bnplkit.smartpay.journal;

import java.util.function.Supplier;

import javax.annotation.Resource;
import javax.persistence.EntityManagerFactory;

import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Lets the module's transactions use persistence contexts of their own when the caller's thread holds an idle one:
 * Broadleaf's OpenEntityManagerInView filters bind one EntityManager to every storefront and admin request, and
 * Spring's JpaTransactionManager would run each REQUIRES_NEW transaction on it. Journal rows cached there go stale
 * after the journal's conditional UPDATEs (claims, settling), and a later flush of them fails the optimistic lock.
 * The caller's EntityManager is set aside for the work and bound again afterwards; one inside a transaction is left
 * alone (REQUIRES_NEW suspends it properly).
 */
@Component("blSmartpayOwnPersistenceContext")
public class OwnPersistenceContext {

    @Resource(name = "entityManagerFactory")
    protected EntityManagerFactory entityManagerFactory;

    public <T> T run(Supplier<T> work) {
        Object bound = TransactionSynchronizationManager.getResource(entityManagerFactory);
        // a holder synchronized with a transaction belongs to that transaction: REQUIRES_NEW suspends it properly
        if (!(bound instanceof EntityManagerHolder) || ((EntityManagerHolder) bound).isSynchronizedWithTransaction()) {
            return work.get();
        }
        TransactionSynchronizationManager.unbindResource(entityManagerFactory);
        try {
            return work.get();
        } finally {
            TransactionSynchronizationManager.bindResource(entityManagerFactory, bound);
        }
    }
}
