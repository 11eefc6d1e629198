package org.bnplkit.smartpay.journal;

import java.util.Date;
import java.util.List;
import java.util.UUID;

import javax.annotation.Resource;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;

import org.springframework.stereotype.Repository;

/**
 * The installation id (see {@link SmartpayInstallation}): created once, by whichever node asks first, and the same
 * on every node and after every restart. Read once per JVM.
 */
@Repository("blSmartpayInstallationIds")
public class InstallationIds {

    @PersistenceContext(unitName = "blPU")
    protected EntityManager em;

    @Resource(name = "blSmartpayTransactions")
    protected SmartpayTransactions transactions;

    private volatile String cached;

    /** This installation's id: 12 lower-case letters and digits. */
    public String id() {
        String id = cached;
        if (id == null) {
            id = stored();
            if (id == null) {
                try {
                    final String fresh = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                    transactions.write(tx -> {
                        SmartpayInstallation row = new SmartpayInstallation();
                        row.setInstallationId(fresh);
                        row.setCreatedAt(new Date());
                        em.persist(row);
                        return row;
                    });
                } catch (RuntimeException anotherNodeWroteItFirst) {
                    // the oldest row wins below
                }
                id = stored();
                if (id == null) {
                    throw new IllegalStateException("SMARTPAY_INSTALLATION has no row and none could be written");
                }
            }
            cached = id;
        }
        return id;
    }

    private String stored() {
        return transactions.read(tx -> {
            List<String> ids = em.createQuery("select i.installationId from SmartpayInstallation i order by i.createdAt,"
                    + " i.installationId", String.class).setMaxResults(1).getResultList();
            return ids.isEmpty() ? null : ids.get(0);
        });
    }
}
