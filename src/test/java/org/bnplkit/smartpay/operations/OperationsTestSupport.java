package org.bnplkit.smartpay.operations;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import org.bnplkit.smartpay.journal.OperationJournal;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.sandbox.SmartpaySandbox;
import org.bnplkit.smartpay.testing.BroadleafTestContext;

/** The real beans and the sandbox the operations suites work with, and small waits (the waits serve the trigger suites too). */
public final class OperationsTestSupport {

    private OperationsTestSupport() {
    }

    static BroadleafTestContext ctx() {
        return BroadleafTestContext.get();
    }

    static SmartpaySandbox sandbox() {
        return ctx().sandbox();
    }

    static SmartpayOrderOperationsImpl operations() {
        return ctx().bean("blSmartpayOrderOperations", SmartpayOrderOperationsImpl.class);
    }

    static OperationJournal journal() {
        return ctx().bean("blSmartpayOperationJournal", OperationJournal.class);
    }

    /** Fast retries for tests; the worker is driven by hand (runOnce) so that tests decide when it runs. */
    static void testSettings() {
        ctx().properties().reset();
        ctx().properties().set(SmartpayOperationsSettings.RETRY_INITIAL_BACKOFF_MS, "1000");
        ctx().properties().set(SmartpayOperationsSettings.RETRY_MAX_BACKOFF_MS, "4000");
        ctx().properties().set(SmartpayOperationsSettings.WORKER_ENABLED, "false");
        operations().setClock(Clock.systemUTC());
        sandbox().clearFaults();
    }

    /** Moves the operations' clock forward (backoffs and leases), as if that much time had passed. */
    static void advanceOperationsClock(Duration by) {
        operations().setClock(Clock.offset(Clock.systemUTC(), by));
    }

    /** Waits until the journal row {@code key} exists and is final (SUCCEEDED, FAILED, DEAD) or RETRYING. */
    public static SmartpayOperation awaitSettled(String key) {
        return await("journal row " + key + " to settle", () -> {
            SmartpayOperation row = journal().find(key);
            return row != null && row.getStatus() != OperationStatus.PENDING ? row : null;
        });
    }

    public static <T> T await(String what, Supplier<T> probe) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        fail("Timed out waiting for " + what);
        return null;
    }
}
