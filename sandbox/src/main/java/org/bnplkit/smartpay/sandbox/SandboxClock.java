package org.bnplkit.smartpay.sandbox;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** The sandbox's "now": wall-clock milliseconds plus an offset that tests move forward. */
final class SandboxClock {

    private final AtomicLong offsetMillis = new AtomicLong();

    long now() {
        return System.currentTimeMillis() + offsetMillis.get();
    }

    void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the sandbox clock only moves forward, got " + by);
        }
        offsetMillis.addAndGet(by.toMillis());
    }

    long offsetMillis() {
        return offsetMillis.get();
    }

    void reset() {
        offsetMillis.set(0);
    }
}
