package org.bnplkit.smartpay.journal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Locale;

import javax.annotation.Resource;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;

import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Repository;

/**
 * The shared database's clock, as an offset from a node's own. Leases and backoffs in the journal are compared
 * between nodes; nodes' clocks may disagree by more than a lease (a VM resumed from a snapshot, a container without
 * NTP), the database's is one for all of them.
 */
@Repository("blSmartpayDatabaseClock")
public class DatabaseClock {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseClock.class);

    @PersistenceContext(unitName = "blPU")
    protected EntityManager em;

    @Resource(name = "blSmartpayTransactions")
    protected SmartpayTransactions transactions;

    private volatile boolean unsupportedLogged;

    /**
     * How far the database's clock is ahead of {@code nodeClock} (negative: behind), measured now with one query
     * (taken at the middle of its round trip); 0 on a database whose clock query is unknown here.
     */
    public long millisAheadOf(final Clock nodeClock) {
        return transactions.read(status -> em.unwrap(Session.class).doReturningWork(new ReturningWork<Long>() {
            @Override
            public Long execute(Connection connection) throws SQLException {
                String product = connection.getMetaData().getDatabaseProductName();
                String sql = epochMillisQuery(product);
                if (sql == null) {
                    if (!unsupportedLogged) {
                        unsupportedLogged = true;
                        LOG.info("Smartpay journal: no clock query for {}; leases are compared on each node's clock"
                                + " (keep the nodes' clocks in sync)", product);
                    }
                    return 0L;
                }
                try (Statement statement = connection.createStatement()) {
                    long before = nodeClock.millis();
                    try (ResultSet rs = statement.executeQuery(sql)) {
                        rs.next();
                        long database = rs.getLong(1);
                        long after = nodeClock.millis();
                        return database - (before + after) / 2;
                    }
                }
            }
        }));
    }

    /**
     * The query answering the database's time in milliseconds since the epoch (time-zone free), or null. The
     * databases this project's suites run on; others fall back to the node's clock.
     */
    static String epochMillisQuery(String databaseProduct) {
        String product = databaseProduct == null ? "" : databaseProduct.toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            return "select cast(extract(epoch from clock_timestamp()) * 1000 as bigint)";
        }
        if (product.contains("mariadb") || product.contains("mysql")) {
            return "select cast(unix_timestamp(now(3)) * 1000 as signed)";
        }
        if (product.contains("hsql")) {
            return "select unix_millis() from (values(0))";
        }
        return null;
    }
}
