package org.bnplkit.smartpay.bench;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A poor man's profiler for the benchmarks ({@code -Dbench.profile=true}): samples the stacks of the worker
 * threads every 20 ms and counts, per sample, the deepest frame of our code and the deepest frame overall, so the
 * hot spots of an end-to-end path show without an external profiler.
 */
final class StackSampler {

    private final String threadPrefix;
    private final Map<String, AtomicLong> ours = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> leaves = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private final Thread thread;

    private StackSampler(String threadPrefix) {
        this.threadPrefix = threadPrefix;
        this.thread = new Thread(this::loop, "stack-sampler");
        this.thread.setDaemon(true);
    }

    static StackSampler start(String threadPrefix) {
        StackSampler sampler = new StackSampler(threadPrefix);
        sampler.thread.start();
        return sampler;
    }

    private void loop() {
        while (running) {
            for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
                if (!e.getKey().getName().startsWith(threadPrefix) || e.getValue().length == 0) {
                    continue;
                }
                StackTraceElement[] stack = e.getValue();
                leaves.computeIfAbsent(firstNonJdkFrame(stack), k -> new AtomicLong()).incrementAndGet();
                for (StackTraceElement f : stack) {
                    if (f.getClassName().startsWith("org.bnplkit.")) {
                        ours.computeIfAbsent(frame(f), k -> new AtomicLong()).incrementAndGet();
                        break;
                    }
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException ie) {
                return;
            }
        }
    }

    void stopAndPrint(PrintStream out, int top) {
        running = false;
        out.println("  profile: deepest frame of our code");
        print(out, ours, top);
        out.println("  profile: first frame outside the JDK");
        print(out, leaves, top);
    }

    private static void print(PrintStream out, Map<String, AtomicLong> counts, int top) {
        counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().get(), a.getValue().get())).limit(top)
                .forEach(e -> out.printf("    %6d  %s%n", e.getValue().get(), e.getKey()));
    }

    /** Where a waiting thread waits: the first frame outside the JDK (a lock, a pool, a socket read). */
    private static String firstNonJdkFrame(StackTraceElement[] stack) {
        for (StackTraceElement f : stack) {
            String c = f.getClassName();
            if (!c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("sun.")) {
                return frame(f);
            }
        }
        return frame(stack[0]);
    }

    private static String frame(StackTraceElement f) {
        return f.getClassName() + "." + f.getMethodName() + ":" + f.getLineNumber();
    }
}
