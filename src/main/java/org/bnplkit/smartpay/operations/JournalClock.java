package org.bnplkit.smartpay.operations;

import java.time.Clock;
import java.util.Date;

import org.bnplkit.smartpay.journal.DatabaseClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time the journal's leases and backoffs are written and compared in: the shared database's clock, read every
 * 30 seconds as an offset from this node's. Two nodes whose own clocks disagree by more than a lease still agree on
 * whose lease has run out.
 *
 * <p>Two test seams: {@link #setPassingTime} makes time pass (backoffs and leases come due), {@link #setNodeClock}
 * gives this node a wrong clock (which the database offset then cancels).
 */
final class JournalClock {

    private static final Logger LOG = LoggerFactory.getLogger(JournalClock.class);
    private static final long REFRESH_NANOS = 30_000_000_000L;

    private final DatabaseClock database;
    private volatile Clock passingTime = Clock.systemUTC();
    private volatile Clock nodeClock = Clock.systemUTC();
    /** How far the database's clock is ahead of {@link #nodeClock}. */
    private volatile long databaseAheadMs;
    private volatile long readAtNanos;
    private volatile boolean read;

    JournalClock(DatabaseClock database) {
        this.database = database;
    }

    Date now() {
        return new Date(passingTime.millis() + databaseAheadMs);
    }

    /** Reads the database's clock again when the last reading is older than 30 s (or there is none). */
    void followDatabase() {
        if (read && System.nanoTime() - readAtNanos < REFRESH_NANOS) {
            return;
        }
        readDatabase();
    }

    void setPassingTime(Clock clock) {
        this.passingTime = clock;
    }

    /** This node's clock is {@code clock}: time passes by it, and the database's offset is taken from it. */
    void setNodeClock(Clock clock) {
        this.nodeClock = clock;
        this.passingTime = clock;
        readDatabase();
    }

    private void readDatabase() {
        try {
            databaseAheadMs = database.millisAheadOf(nodeClock);
        } catch (RuntimeException e) {
            LOG.warn("Smartpay journal: could not read the database's clock, keeping the last offset ({} ms): {}",
                    databaseAheadMs, e.toString());
        }
        readAtNanos = System.nanoTime();
        read = true;
    }
}
