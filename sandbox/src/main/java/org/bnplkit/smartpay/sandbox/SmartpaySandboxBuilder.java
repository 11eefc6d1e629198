package org.bnplkit.smartpay.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/** Options for {@link SmartpaySandbox#start()}: {@code SmartpaySandbox.builder()…start()}. */
public final class SmartpaySandboxBuilder {

    int port;
    int httpThreads = 32;
    int webhookMaxAttempts = 5;
    Duration webhookInitialBackoff = Duration.ofMillis(100);
    Duration webhookMaxBackoff = Duration.ofSeconds(2);
    Duration webhookTimeout = Duration.ofSeconds(5);
    Duration responseTime = Duration.ZERO;
    IdempotencyKeyInUse idempotencyKeyInUse = IdempotencyKeyInUse.CONFLICT;

    SmartpaySandboxBuilder() {
    }

    /** See {@link SmartpaySandbox#idempotencyKeyInUse(IdempotencyKeyInUse)} (default CONFLICT: 409 at once). */
    public SmartpaySandboxBuilder idempotencyKeyInUse(IdempotencyKeyInUse answer) {
        if (answer == null) {
            throw new IllegalArgumentException("an in-use Idempotency-Key answer is required");
        }
        this.idempotencyKeyInUse = answer;
        return this;
    }

    /** 0 (default) = a random free port. */
    public SmartpaySandboxBuilder port(int port) {
        this.port = port;
        return this;
    }

    /** Threads answering HTTP requests (default 32; delay faults hold one each while they wait). */
    public SmartpaySandboxBuilder httpThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("httpThreads must be at least 1");
        }
        this.httpThreads = threads;
        return this;
    }

    /** Webhook retries: default 5 attempts, 100 ms doubling up to 2 s. */
    public SmartpaySandboxBuilder webhookRetries(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        this.webhookMaxAttempts = maxAttempts;
        this.webhookInitialBackoff = initialBackoff;
        this.webhookMaxBackoff = maxBackoff;
        return this;
    }

    /** Connect and read timeout of one delivery attempt (default 5 s). */
    public SmartpaySandboxBuilder webhookTimeout(Duration timeout) {
        this.webhookTimeout = timeout;
        return this;
    }

    /** See {@link SmartpaySandbox#responseTime(Duration)} (default 0). */
    public SmartpaySandboxBuilder responseTime(Duration responseTime) {
        this.responseTime = responseTime;
        return this;
    }

    public SmartpaySandbox start() {
        try {
            return new SmartpaySandbox(this);
        } catch (IOException e) {
            throw new UncheckedIOException("the Smartpay sandbox could not listen on 127.0.0.1:" + port, e);
        }
    }
}
