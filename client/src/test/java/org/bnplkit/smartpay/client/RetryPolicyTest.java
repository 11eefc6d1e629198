package org.bnplkit.smartpay.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {

    private final RetryPolicy policy = RetryPolicy.builder().maxAttempts(4).initialBackoff(Duration.ofMillis(200))
            .maxBackoff(Duration.ofSeconds(5)).maxElapsed(Duration.ofSeconds(30)).build();

    @Test
    void ceilingDoublesFromInitialAndIsCappedAtMaxBackoff() {
        assertEquals(200, policy.backoffCeiling(1).toMillis());
        assertEquals(400, policy.backoffCeiling(2).toMillis());
        assertEquals(800, policy.backoffCeiling(3).toMillis());
        assertEquals(3200, policy.backoffCeiling(5).toMillis());
        assertEquals(5000, policy.backoffCeiling(6).toMillis());
        assertEquals(5000, policy.backoffCeiling(40).toMillis(), "no overflow on large retry numbers");
        assertEquals(5000, policy.backoffCeiling(Integer.MAX_VALUE).toMillis());
    }

    @Test
    void fullJitterStaysWithinZeroAndTheCeiling() {
        SplittableRandom random = new SplittableRandom(42);
        for (int retry = 1; retry <= 8; retry++) {
            long ceiling = policy.backoffCeiling(retry).toMillis();
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int i = 0; i < 2000; i++) {
                long delay = policy.delayBeforeRetry(retry, null, random.nextDouble()).toMillis();
                assertTrue(delay >= 0 && delay <= ceiling, "retry " + retry + ": " + delay + " outside [0," + ceiling + "]");
                min = Math.min(min, delay);
                max = Math.max(max, delay);
            }
            assertTrue(min < ceiling / 10, "jitter reaches low values, retry " + retry);
            assertTrue(max > ceiling * 9 / 10, "jitter reaches high values, retry " + retry);
        }
        assertEquals(0, policy.delayBeforeRetry(3, null, 0.0).toMillis());
        assertEquals(800, policy.delayBeforeRetry(3, null, Math.nextDown(1.0)).toMillis());
    }

    @Test
    void retryAfterIsHonouredExactlyAndCappedByMaxBackoff() {
        assertEquals(Duration.ofSeconds(2), policy.delayBeforeRetry(1, Duration.ofSeconds(2), 0.0));
        assertEquals(Duration.ofSeconds(2), policy.delayBeforeRetry(1, Duration.ofSeconds(2), 0.99));
        assertEquals(Duration.ofSeconds(5), policy.delayBeforeRetry(1, Duration.ofSeconds(120), 0.5));
        assertEquals(Duration.ZERO, policy.delayBeforeRetry(2, Duration.ZERO, 0.5));
    }

    @Test
    void attemptsAndElapsedTimeAreBounded() {
        assertTrue(policy.allowsRetry(1, Duration.ZERO, Duration.ofMillis(100)));
        assertTrue(policy.allowsRetry(3, Duration.ofSeconds(10), Duration.ofSeconds(5)));
        assertFalse(policy.allowsRetry(4, Duration.ZERO, Duration.ZERO), "4 attempts made = maxAttempts");
        assertFalse(policy.allowsRetry(2, Duration.ofSeconds(29), Duration.ofSeconds(2)), "wait would end after maxElapsed");
        assertTrue(policy.allowsRetry(2, Duration.ofSeconds(28), Duration.ofSeconds(2)), "ends exactly at maxElapsed");
        assertFalse(RetryPolicy.none().allowsRetry(1, Duration.ZERO, Duration.ZERO));
    }

    @Test
    void defaultsMatchTheContract() {
        RetryPolicy defaults = RetryPolicy.defaults();
        assertEquals(4, defaults.maxAttempts());
        assertEquals(Duration.ofMillis(200), defaults.initialBackoff());
        assertEquals(Duration.ofSeconds(5), defaults.maxBackoff());
        assertEquals(Duration.ofSeconds(30), defaults.maxElapsed());
    }

    @Test
    void invalidPoliciesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.builder().maxAttempts(0));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.builder().initialBackoff(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class,
                () -> RetryPolicy.builder().initialBackoff(Duration.ofSeconds(10)).maxBackoff(Duration.ofSeconds(1)).build());
        assertThrows(IllegalArgumentException.class, () -> policy.delayBeforeRetry(1, null, 1.0));
        assertThrows(IllegalArgumentException.class, () -> policy.backoffCeiling(0));
    }

    @Test
    void retryAfterHeaderParsing() {
        assertEquals(Duration.ofSeconds(3), SmartpayTransport.parseRetryAfter(" 3 "));
        assertEquals(null, SmartpayTransport.parseRetryAfter("soon"));
        assertEquals(null, SmartpayTransport.parseRetryAfter(null));
        assertEquals(null, SmartpayTransport.parseRetryAfter("-4"));
        assertEquals(Duration.ZERO, SmartpayTransport.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT"), "past date: now");
    }
}
