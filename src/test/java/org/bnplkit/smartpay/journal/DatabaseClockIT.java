package org.bnplkit.smartpay.journal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;

import org.bnplkit.smartpay.testing.BroadleafTestContext;
import org.junit.jupiter.api.Test;

/** The database's clock read on the suite's database (HSQLDB, PostgreSQL, MariaDB), as an offset from a node's. */
class DatabaseClockIT {

    private final DatabaseClock clock = BroadleafTestContext.get().bean("blSmartpayDatabaseClock", DatabaseClock.class);

    @Test
    void onTheSameMachineTheDatabaseAndTheNodeAgree() {
        long ahead = clock.millisAheadOf(Clock.systemUTC());
        assertTrue(Math.abs(ahead) < 2_000, "database ahead of this machine by " + ahead + " ms");
    }

    @Test
    void aNodeWhoseClockIsTenMinutesAheadSeesTheDatabaseTenMinutesBehind() {
        long ahead = clock.millisAheadOf(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10)));
        assertTrue(Math.abs(ahead + 600_000) < 2_000, "database ahead of the node by " + ahead + " ms");
    }

    @Test
    void theDatabasesThisModuleIsTestedOnHaveAClockQueryAndOthersFallBack() {
        assertTrue(DatabaseClock.epochMillisQuery("PostgreSQL") != null);
        assertTrue(DatabaseClock.epochMillisQuery("MariaDB") != null);
        assertTrue(DatabaseClock.epochMillisQuery("MySQL") != null);
        assertTrue(DatabaseClock.epochMillisQuery("HSQL Database Engine") != null);
        assertTrue(DatabaseClock.epochMillisQuery("Apache Derby") == null);
    }
}
