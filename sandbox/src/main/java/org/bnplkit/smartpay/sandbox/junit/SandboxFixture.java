package org.bnplkit.smartpay.sandbox.junit;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

import org.bnplkit.smartpay.client.RetryPolicy;
import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.sandbox.CapturedOrderCancellation;
import org.bnplkit.smartpay.sandbox.IdempotencyKeyInUse;
import org.bnplkit.smartpay.sandbox.SandboxFault;
import org.bnplkit.smartpay.sandbox.SandboxOrder;
import org.bnplkit.smartpay.sandbox.SmartpaySandbox;
import org.bnplkit.smartpay.sandbox.SmartpaySandboxBuilder;
import org.bnplkit.smartpay.sandbox.WebhookDelivery;

/**
 * A Smartpay sandbox for a store's tests, with any test framework: started on a free port of 127.0.0.1, a test
 * secret key of its own, a {@link SmartpayClient} configured for both, and the test controls as typed methods.
 * {@link #reset()} between tests; {@link #close()} at the end. The JUnit 5 {@link SmartpaySandboxExtension} does
 * both for you.
 * <pre>
 * try (SandboxFixture smartpay = SandboxFixture.start()) {
 *     myStore.setSmartpay(smartpay.baseUrl(), smartpay.secretKey());
 *     String orderId = myStore.checkout(cart);          // creates a checkout session
 *     smartpay.approve(orderId);                         // the shopper approves on the hosted page
 *     assertEquals("requires_capture", smartpay.order(orderId).status());
 * }
 * </pre>
 */
public final class SandboxFixture implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private final SmartpaySandbox sandbox;
    private final String secretKey;
    private final SmartpayClient client;
    private final Options options;

    private SandboxFixture(Options options) {
        this.options = options;
        SmartpaySandboxBuilder builder = SmartpaySandbox.builder().port(0)
                .webhookRetries(options.webhookMaxAttempts, options.webhookInitialBackoff, options.webhookMaxBackoff)
                .idempotencyKeyInUse(options.idempotencyKeyInUse);
        this.sandbox = builder.start();
        this.secretKey = options.secretKey != null ? options.secretKey : "sk_test_" + randomBase62(22);
        this.client = SmartpayClient.builder().secretKey(secretKey).baseUrl(sandbox.baseUrl())
                .retryPolicy(options.retryPolicy).connectTimeout(Duration.ofSeconds(2))
                .readTimeout(options.readTimeout).build();
    }

    /** Starts with the defaults: a random test key, quick client retries, webhook retries of 100 ms up to 2 s. */
    public static SandboxFixture start() {
        return options().start();
    }

    public static Options options() {
        return new Options();
    }

    // ------------------------------------------------------------------ what a store's code needs

    /** The client for {@link #baseUrl()} with {@link #secretKey()}: what a store's code under test calls. */
    public SmartpayClient client() {
        return client;
    }

    /** {@code http://127.0.0.1:<port>/v1}: the store's Smartpay API base URL (gateway.smartpay.apiBaseUrl). */
    public String baseUrl() {
        return sandbox.baseUrl();
    }

    /** {@code http://127.0.0.1:<port>}: hosted checkout pages under /checkout, HTTP controls under /__sandbox. */
    public String rootUrl() {
        return sandbox.rootUrl();
    }

    /** The merchant's test secret key ({@code sk_test_…}); every other key is another merchant. */
    public String secretKey() {
        return secretKey;
    }

    /** The sandbox itself, for what the typed methods here do not cover. */
    public SmartpaySandbox sandbox() {
        return sandbox;
    }

    // ------------------------------------------------------------------ the shopper

    /** The shopper approves: requires_capture (manual capture) or succeeded with a payment (automatic). */
    public SandboxOrder approve(String orderId) {
        sandbox.approve(orderId);
        return sandbox.order(orderId);
    }

    /** The shopper approves with a promotion code: the order's amount drops by the coupon's discount. */
    public SandboxOrder approve(String orderId, String promotionCode) {
        sandbox.approve(orderId, promotionCode);
        return sandbox.order(orderId);
    }

    /** Smartpay declines the shopper for good: rejected, order.rejected. */
    public SandboxOrder decline(String orderId) {
        sandbox.decline(orderId, true);
        return sandbox.order(orderId);
    }

    /** A soft decline: the order stays requires_authorization (the shopper may try another card), order.rejected. */
    public SandboxOrder softDecline(String orderId) {
        sandbox.decline(orderId, false);
        return sandbox.order(orderId);
    }

    /** The 7-day authorization lapses now. */
    public SandboxOrder expire(String orderId) {
        sandbox.expire(orderId);
        return sandbox.order(orderId);
    }

    /** A read-only snapshot of the order, for assertions. */
    public SandboxOrder order(String orderId) {
        return sandbox.order(orderId);
    }

    // ------------------------------------------------------------------ time, faults, concurrency

    /** Moves Smartpay's clock forward (expiry of authorizations and of Idempotency-Keys follow it). */
    public void advanceClock(Duration by) {
        sandbox.advanceClock(by);
    }

    /** Arms a fault for the next matching requests, e.g. {@code SandboxFault.status(503).times(2).on("POST", "/v1/payments")}. */
    public void injectFault(SandboxFault fault) {
        sandbox.injectFault(fault);
    }

    public void clearFaults() {
        sandbox.clearFaults();
    }

    /** How the sandbox answers a second request whose Idempotency-Key is still being processed (until reset). */
    public void idempotencyKeyInUse(IdempotencyKeyInUse answer) {
        sandbox.idempotencyKeyInUse(answer);
    }

    /** What cancelling an order with captures leaves (default succeeded; canceled to test the other answer; until reset). */
    public void capturedOrderCancellation(CapturedOrderCancellation answer) {
        sandbox.capturedOrderCancellation(answer);
    }

    /** How many requests with this method ("*" = any) and a path matching the regex reached the sandbox. */
    public int requestCount(String method, String pathRegex) {
        return sandbox.requestCount(method, pathRegex);
    }

    // ------------------------------------------------------------------ webhooks

    /** Keeps every webhook delivery from now on, as if Smartpay's deliveries were late, until {@link #deliverWebhooks()}. */
    public void withholdWebhooks() {
        sandbox.withholdWebhooks();
    }

    /** Delivers what was withheld now, in order; returns how many deliveries were sent. */
    public int deliverWebhooks() {
        return sandbox.deliverWebhooks();
    }

    /** Every delivery attempt so far, oldest first. */
    public List<WebhookDelivery> webhookDeliveries() {
        return sandbox.webhookDeliveries();
    }

    /** Waits until at least {@code count} delivery attempts were made (10 s at most). */
    public List<WebhookDelivery> awaitWebhookDeliveries(int count) {
        return sandbox.awaitWebhookDeliveries(count, Duration.ofSeconds(10));
    }

    /** Waits until no delivery is queued, running or waiting to retry (10 s at most); false on timeout. */
    public boolean awaitWebhooksIdle() {
        return sandbox.awaitWebhooksIdle(Duration.ofSeconds(10));
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Forgets everything of the last test: objects, faults, clock offset, webhook deliveries (pending retries and
     * withheld ones too), request counts; restores the webhook retry schedule and the in-use answer this fixture
     * started with. The client, the key and the port stay.
     */
    public void reset() {
        sandbox.reset();
        sandbox.webhookRetries(options.webhookMaxAttempts, options.webhookInitialBackoff, options.webhookMaxBackoff);
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            sandbox.close();
        }
    }

    private static String randomBase62(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
        }
        return out.toString();
    }

    /** What {@link #start()} sets up; every option has a default. */
    public static final class Options {
        private String secretKey;
        private RetryPolicy retryPolicy = RetryPolicy.builder().maxAttempts(4).initialBackoff(Duration.ofMillis(10))
                .maxBackoff(Duration.ofMillis(200)).maxElapsed(Duration.ofSeconds(10)).build();
        private Duration readTimeout = Duration.ofSeconds(10);
        private int webhookMaxAttempts = 5;
        private Duration webhookInitialBackoff = Duration.ofMillis(100);
        private Duration webhookMaxBackoff = Duration.ofSeconds(2);
        private IdempotencyKeyInUse idempotencyKeyInUse = IdempotencyKeyInUse.CONFLICT;

        private Options() {
        }

        /** A fixed secret key ({@code sk_test_…} or {@code sk_live_…}) instead of a random test key. */
        public Options secretKey(String secretKey) {
            this.secretKey = secretKey;
            return this;
        }

        /** The client's retries (default: 4 attempts, 10 ms doubling up to 200 ms, so fault tests stay quick). */
        public Options retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        public Options readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        public Options webhookRetries(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
            this.webhookMaxAttempts = maxAttempts;
            this.webhookInitialBackoff = initialBackoff;
            this.webhookMaxBackoff = maxBackoff;
            return this;
        }

        public Options idempotencyKeyInUse(IdempotencyKeyInUse answer) {
            this.idempotencyKeyInUse = answer;
            return this;
        }

        public SandboxFixture start() {
            return new SandboxFixture(this);
        }
    }
}
