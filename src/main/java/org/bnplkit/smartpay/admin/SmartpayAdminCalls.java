package org.bnplkit.smartpay.admin;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.annotation.PreDestroy;
import javax.annotation.Resource;

/**
 * Runs the admin's calls that may wait on Smartpay (an action through the operations, the panel's live read) on
 * threads of their own, so that the person waits at most a bounded time: past it the call goes on in the background
 * (the operations journal it and settle it) and the request answers with what is known. The pool is bounded
 * (gateway.smartpay.admin.threads) and keeps no queue: when every thread is busy a new call is refused at once, before
 * it started, so nothing was journaled or sent. Bean {@code blSmartpayAdminCalls}.
 */
public class SmartpayAdminCalls {

    @Resource(name = "blSmartpayAdminSettings")
    protected SmartpayAdminSettings settings;

    private final ThreadPoolExecutor pool = newPool();

    /** What waiting for a call came to. */
    public static final class Waited<T> {
        private final T value;
        private final Exception failure;
        private final boolean stillRunning;
        private final boolean busy;

        private Waited(T value, Exception failure, boolean stillRunning, boolean busy) {
            this.value = value;
            this.failure = failure;
            this.stillRunning = stillRunning;
            this.busy = busy;
        }

        /** The call finished and returned normally. */
        public boolean done() { return !stillRunning && !busy && failure == null; }

        public T value() { return value; }

        /** What the call threw, or null. */
        public Exception failure() { return failure; }

        /** The wait ended first; the call goes on in the background. */
        public boolean stillRunning() { return stillRunning; }

        /** Every thread was busy: the call never started. */
        public boolean busy() { return busy; }
    }

    /** Runs {@code call} and waits for it at most {@code waitMillis}. */
    public <T> Waited<T> call(Callable<T> call, long waitMillis) {
        int threads = settings.threads();
        if (pool.getMaximumPoolSize() != threads) {
            pool.setMaximumPoolSize(threads); // a changed setting applies from now on
        }
        Future<T> future;
        try {
            future = pool.submit(call);
        } catch (RejectedExecutionException full) {
            return new Waited<T>(null, null, false, true);
        }
        try {
            return new Waited<T>(future.get(waitMillis, TimeUnit.MILLISECONDS), null, false, false);
        } catch (TimeoutException e) {
            return new Waited<T>(null, null, true, false);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            return new Waited<T>(null, (Exception) cause, false, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Waited<T>(null, null, true, false);
        }
    }

    /** Calls running now (tests, diagnostics). */
    public int active() {
        return pool.getActiveCount();
    }

    @PreDestroy
    public void shutdown() {
        pool.shutdown();
    }

    private static ThreadPoolExecutor newPool() {
        final AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(0, 8, 60, TimeUnit.SECONDS, new SynchronousQueue<Runnable>(), r -> {
            Thread t = new Thread(r, "smartpay-admin-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
