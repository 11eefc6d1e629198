package org.bnplkit.smartpay.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bnplkit.smartpay.testing.BroadleafTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The journal inside Broadleaf's blPU, on the database the suite runs on (HSQLDB, or PostgreSQL with -Ppostgres):
 * the two statements cluster safety rests on.
 */
class OperationJournalIT {

    private final OperationJournal journal = BroadleafTestContext.get().bean("blSmartpayOperationJournal", OperationJournal.class);
    private final List<String> keys = new ArrayList<>();

    /** These rows point at no order: settle them so that no retry worker in this JVM ever picks them up. */
    @AfterEach
    void settleTestRows() {
        for (String key : keys) {
            SmartpayOperation row = journal.find(key);
            row.setStatus(OperationStatus.FAILED);
            row.setClaimedUntil(null);
            journal.save(row);
        }
    }

    @Test
    void ofManyConcurrentInsertsOfOneKeyExactlyOneCreatesTheRow() throws Exception {
        String key = "capture:fg:race-" + UUID.randomUUID();
        List<OperationJournal.Insert> results = concurrently(8, () -> journal.insertIfAbsent(row(key)));
        int created = 0;
        Long id = null;
        for (OperationJournal.Insert insert : results) {
            created += insert.created() ? 1 : 0;
            assertNotNull(insert.row().getId());
            if (id == null) {
                id = insert.row().getId();
            }
            assertEquals(id, insert.row().getId(), "every caller sees the winner's row");
        }
        assertEquals(1, created);
    }

    @Test
    void aDueRowIsClaimedByOneNodeUntilItsLeaseRunsOut() throws Exception {
        SmartpayOperation row = row("refund:claim-" + UUID.randomUUID());
        row.setStatus(OperationStatus.RETRYING);
        row.setNextAttemptAt(new Date(System.currentTimeMillis() - 1000));
        Long id = journal.insertIfAbsent(row).row().getId();
        Date now = new Date();
        assertTrue(journal.findDueIds(now, 10_000).contains(id));

        List<Boolean> claims = concurrently(6, () -> journal.claim(id, "node-" + Thread.currentThread().getId(), now,
                new Date(now.getTime() + 60_000)));
        assertEquals(1, claims.stream().filter(b -> b).count());
        assertFalse(journal.findDueIds(now, 10_000).contains(id), "claimed rows are not due");
        assertFalse(journal.claim(id, "late-node", new Date(now.getTime() + 59_000), new Date(now.getTime() + 120_000)));
        Date afterLease = new Date(now.getTime() + 61_000);
        assertTrue(journal.claim(id, "next-node", afterLease, new Date(afterLease.getTime() + 60_000)));
        assertEquals("next-node", journal.findById(id).getClaimedBy());
    }

    @Test
    void rowsThatAreNotDueAreLeftAlone() {
        SmartpayOperation later = row("capture:fg:later-" + UUID.randomUUID());
        later.setStatus(OperationStatus.RETRYING);
        later.setNextAttemptAt(new Date(System.currentTimeMillis() + 60_000));
        SmartpayOperation done = row("capture:fg:done-" + UUID.randomUUID());
        done.setStatus(OperationStatus.SUCCEEDED);
        Long laterId = journal.insertIfAbsent(later).row().getId();
        Long doneId = journal.insertIfAbsent(done).row().getId();
        Date now = new Date();
        assertFalse(journal.findDueIds(now, 10_000).contains(laterId));
        assertFalse(journal.findDueIds(now, 10_000).contains(doneId));
        assertFalse(journal.claim(laterId, "n", now, new Date(now.getTime() + 1000)));
        assertFalse(journal.claim(doneId, "n", now, new Date(now.getTime() + 1000)));
    }

    private SmartpayOperation row(String key) {
        keys.add(key);
        Date now = new Date();
        SmartpayOperation row = new SmartpayOperation();
        row.setOperationKey(key);
        row.setKind(OperationKind.CAPTURE);
        row.setOrderId(-1L);
        row.setAmount(1000);
        row.setCurrency("JPY");
        row.setStatus(OperationStatus.PENDING);
        row.setCreatedAt(now);
        row.setUpdatedAt(now);
        return row;
    }

    private static <T> List<T> concurrently(int threads, Callable<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
