package org.bnplkit.smartpay.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SmartpayAdminCallsTest {

    private final SmartpayAdminCalls calls = new SmartpayAdminCalls();
    private final CountDownLatch release = new CountDownLatch(1);

    SmartpayAdminCallsTest() {
        calls.settings = new SmartpayAdminSettings() {
            @Override
            public int threads() {
                return 2;
            }
        };
    }

    @AfterEach
    void stop() {
        release.countDown();
        calls.shutdown();
    }

    @Test
    void aQuickCallIsWaitedFor() {
        SmartpayAdminCalls.Waited<String> waited = calls.call(() -> "done", 5_000);
        assertTrue(waited.done());
        assertEquals("done", waited.value());
    }

    @Test
    void aSlowCallIsLeftRunningAfterTheWaitAndFinishesInTheBackground() throws Exception {
        CountDownLatch finished = new CountDownLatch(1);
        long started = System.nanoTime();
        SmartpayAdminCalls.Waited<String> waited = calls.call(() -> {
            release.await();
            finished.countDown();
            return "late";
        }, 200);
        assertTrue(waited.stillRunning());
        assertTrue((System.nanoTime() - started) / 1_000_000 < 2_000, "the caller waited about the bound only");
        release.countDown();
        assertTrue(finished.await(5, TimeUnit.SECONDS), "the call went on");
    }

    @Test
    void whenEveryThreadIsBusyANewCallIsRefusedBeforeItStarts() {
        calls.call(() -> release.await(10, TimeUnit.SECONDS), 10);
        calls.call(() -> release.await(10, TimeUnit.SECONDS), 10);
        boolean[] ran = {false};
        SmartpayAdminCalls.Waited<Boolean> third = calls.call(() -> ran[0] = true, 100);
        assertTrue(third.busy());
        assertEquals(false, ran[0], "never started");
    }

    @Test
    void whatTheCallThrewIsHandedBack() {
        IllegalStateException refused = new IllegalStateException("refused");
        SmartpayAdminCalls.Waited<Object> waited = calls.call(() -> {
            throw refused;
        }, 5_000);
        assertSame(refused, waited.failure());
    }
}
