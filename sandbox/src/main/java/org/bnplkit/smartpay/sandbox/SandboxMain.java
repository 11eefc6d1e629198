package org.bnplkit.smartpay.sandbox;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sandbox standalone until killed: {@code mvn -q -Psandbox} (port from -Dsandbox.port, default 8787).
 * Optional: -Dsandbox.webhook.maxAttempts (5), -Dsandbox.webhook.initialBackoffMillis (1000),
 * -Dsandbox.webhook.maxBackoffMillis (30000), -Dsandbox.responseTimeMillis (0: every /v1 request answered at once),
 * -Dsandbox.idempotencyKeyInUse (conflict: a request whose Idempotency-Key is still in use gets 409 at once; wait:
 * it waits for the first one's answer).
 */
public final class SandboxMain {

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.getInteger("sandbox.port", 8787);
        final SmartpaySandbox sandbox = SmartpaySandbox.builder()
                .port(port)
                .webhookRetries(Integer.getInteger("sandbox.webhook.maxAttempts", 5),
                        Duration.ofMillis(Long.getLong("sandbox.webhook.initialBackoffMillis", 1_000L)),
                        Duration.ofMillis(Long.getLong("sandbox.webhook.maxBackoffMillis", 30_000L)))
                .responseTime(Duration.ofMillis(Long.getLong("sandbox.responseTimeMillis", 0L)))
                .idempotencyKeyInUse(IdempotencyKeyInUse.parse(System.getProperty("sandbox.idempotencyKeyInUse", "conflict")))
                .start();
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
            System.out.println("Smartpay sandbox stopped");
        }, "smartpay-sandbox-shutdown"));
        System.out.println("Smartpay sandbox ready: " + sandbox.baseUrl());
        System.out.println("  any sk_test_/sk_live_ key is its own merchant; hosted checkout under "
                + sandbox.rootUrl() + "/checkout/{sessionId}; test controls under " + sandbox.rootUrl() + "/__sandbox");
        System.out.flush();
        stopped.await();
    }
}
