package org.bnplkit.smartpay.client;

import java.time.Duration;

/**
 * How the client retries a request that failed for a transient reason (connection refused/reset/closed,
 * read timeout, 429, 500/502/503/504, 409 {@code idempotency-key.in-use}). Immutable.
 *
 * <p>Delay before retry {@code n} (1-based) is "full jitter": uniformly random in
 * {@code [0, min(maxBackoff, initialBackoff * 2^(n-1))]}. A 429's {@code Retry-After} is honoured instead,
 * capped at {@code maxBackoff}. Retrying stops after {@code maxAttempts} attempts in total, or when the
 * next wait would end after {@code maxElapsed} from the first attempt. Other 4xx answers (other 409s included)
 * are never retried.
 */
public final class RetryPolicy {

    private static final RetryPolicy DEFAULTS = builder().build();
    private static final RetryPolicy NONE = builder().maxAttempts(1).build();

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration maxElapsed;

    private RetryPolicy(Builder builder) {
        this.maxAttempts = builder.maxAttempts;
        this.initialBackoff = builder.initialBackoff;
        this.maxBackoff = builder.maxBackoff;
        this.maxElapsed = builder.maxElapsed;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** 4 attempts, 200 ms initial backoff, 5 s cap, 30 s budget. */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /** A single attempt, no retry. */
    public static RetryPolicy none() {
        return NONE;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    public Duration maxElapsed() {
        return maxElapsed;
    }

    /** The upper bound of the jittered wait before retry {@code retryNumber} (1 = first retry). */
    public Duration backoffCeiling(int retryNumber) {
        if (retryNumber < 1) {
            throw new IllegalArgumentException("retryNumber starts at 1");
        }
        long initial = initialBackoff.toMillis();
        long cap = maxBackoff.toMillis();
        int shift = Math.min(retryNumber - 1, 30);
        long ceiling = initial > (cap >> shift) ? cap : Math.min(cap, initial << shift);
        return Duration.ofMillis(ceiling);
    }

    /**
     * The wait before retry {@code retryNumber}.
     *
     * @param retryAfter the server's Retry-After, or null
     * @param uniform    a random number in [0, 1) (the jitter)
     */
    public Duration delayBeforeRetry(int retryNumber, Duration retryAfter, double uniform) {
        if (retryAfter != null && !retryAfter.isNegative()) {
            return retryAfter.compareTo(maxBackoff) > 0 ? maxBackoff : retryAfter;
        }
        if (uniform < 0 || uniform >= 1) {
            throw new IllegalArgumentException("uniform must be in [0, 1)");
        }
        long ceiling = backoffCeiling(retryNumber).toMillis();
        return Duration.ofMillis((long) Math.floor(uniform * (ceiling + 1)));
    }

    /** Whether another attempt is allowed after {@code attemptsMade}, given the time already spent and the next wait. */
    public boolean allowsRetry(int attemptsMade, Duration elapsed, Duration nextDelay) {
        return attemptsMade < maxAttempts && elapsed.plus(nextDelay).compareTo(maxElapsed) <= 0;
    }

    @Override
    public String toString() {
        return "RetryPolicy{maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff
                + ", maxBackoff=" + maxBackoff + ", maxElapsed=" + maxElapsed + "}";
    }

    public static final class Builder {
        private int maxAttempts = 4;
        private Duration initialBackoff = Duration.ofMillis(200);
        private Duration maxBackoff = Duration.ofSeconds(5);
        private Duration maxElapsed = Duration.ofSeconds(30);

        private Builder() {
        }

        /** Attempts in total, the first one included (1 = never retry). */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = nonNegative(initialBackoff, "initialBackoff");
            return this;
        }

        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = nonNegative(maxBackoff, "maxBackoff");
            return this;
        }

        /** Total time budget from the first attempt; no retry starts whose wait would end after it. */
        public Builder maxElapsed(Duration maxElapsed) {
            this.maxElapsed = nonNegative(maxElapsed, "maxElapsed");
            return this;
        }

        public RetryPolicy build() {
            if (initialBackoff.compareTo(maxBackoff) > 0) {
                throw new IllegalArgumentException("initialBackoff must not exceed maxBackoff");
            }
            return new RetryPolicy(this);
        }

        private static Duration nonNegative(Duration value, String name) {
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be a non-negative duration");
            }
            return value;
        }
    }
}
