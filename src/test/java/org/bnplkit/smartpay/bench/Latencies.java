package org.bnplkit.smartpay.bench;

import java.util.Arrays;

/** Per-call latencies in nanoseconds, recorded into a fixed array; percentiles after sorting; calls/s from the time spent. */
final class Latencies {

    private final long[] nanos;
    private int count;
    private long totalNanos;

    Latencies(int capacity) {
        this.nanos = new long[capacity];
    }

    void record(long elapsedNanos) {
        nanos[count++] = elapsedNanos;
    }

    void timeSpent(long nanos) {
        this.totalNanos = nanos;
    }

    int count() {
        return count;
    }

    double percentileMillis(double percentile) {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int index = (int) Math.min(count - 1, Math.max(0, Math.ceil(percentile / 100.0 * count) - 1));
        return sorted[index] / 1_000_000.0;
    }

    double perSecond() {
        return count / (totalNanos / 1_000_000_000.0);
    }
}
