package org.bnplkit.smartpay.operations;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The operations' own threads for {@code Send.IN_BACKGROUND}: four daemon threads and a bounded queue. A row that
 * does not fit is already journaled and claimed for one lease; the retry worker sends it after that.
 */
final class BackgroundSends {

    /** How many background sends may wait. */
    static final int QUEUE = 1000;

    private final ThreadPoolExecutor executor;
    /** Sends offered and not finished: a new worker thread's first task is in no queue and not yet active. */
    private final AtomicInteger unfinished = new AtomicInteger();

    BackgroundSends() {
        final AtomicInteger n = new AtomicInteger();
        executor = new ThreadPoolExecutor(4, 4, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<Runnable>(QUEUE), r -> {
            Thread t = new Thread(r, "smartpay-operations-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.allowCoreThreadTimeOut(true);
    }

    /** False when the queue is full (nothing runs). */
    boolean offer(Runnable work) {
        unfinished.incrementAndGet();
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } finally {
                    unfinished.decrementAndGet();
                }
            });
            return true;
        } catch (RejectedExecutionException full) {
            unfinished.decrementAndGet();
            return false;
        }
    }

    /** Waits until the sends queued so far are done (tests, shutdown). */
    boolean awaitIdle(long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            if (unfinished.get() == 0) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    void shutdown() {
        executor.shutdown();
    }
}
