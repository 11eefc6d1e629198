package org.bnplkit.smartpay.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A faithful local Smartpay on 127.0.0.1: the merchant API under {@link #baseUrl()}, the hosted checkout page,
 * the consumer test flow, signed webhook deliveries, and test controls (Java here, HTTP under /__sandbox).
 * See docs/sandbox.md.
 * <pre>
 * try (SmartpaySandbox sandbox = SmartpaySandbox.start()) {
 *     // point a client at sandbox.baseUrl() with any sk_test_… key
 *     sandbox.approve(orderId);
 *     sandbox.injectFault(SandboxFault.status(503).times(1).on("POST", "/v1/payments"));
 * }
 * </pre>
 * Java controls throw {@link IllegalArgumentException} for an unknown id and {@link IllegalStateException}
 * when the object is in the wrong state.
 */
public final class SmartpaySandbox implements AutoCloseable {

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle + delayed ACKs
        // cost ~40 ms per keep-alive request. Read once, when the first JDK HttpServer starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final String rootUrl;
    private final int port;
    private final SandboxClock clock = new SandboxClock();
    private final WebhookDispatcher dispatcher;
    private final Merchants merchants;
    private final FaultInjector faults = new FaultInjector();
    private final RequestCounter requests = new RequestCounter();
    private final ConsumerApi consumers;
    private final SandboxHttpHandler handler;
    private final OrderControls orderControls;
    private final IdempotencyKeyInUse startupIdempotencyKeyInUse;

    SmartpaySandbox(SmartpaySandboxBuilder builder) throws IOException {
        this.dispatcher = new WebhookDispatcher(builder.webhookMaxAttempts, builder.webhookInitialBackoff.toMillis(),
                builder.webhookMaxBackoff.toMillis());
        this.dispatcher.timeoutMillis((int) builder.webhookTimeout.toMillis());
        this.merchants = new Merchants(dispatcher);
        this.consumers = new ConsumerApi(merchants, clock);
        this.orderControls = new OrderControls(merchants, clock);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port), 1024);
        this.port = server.getAddress().getPort();
        this.rootUrl = "http://127.0.0.1:" + port;
        final AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "smartpay-sandbox-http-" + port + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.executor = new ThreadPoolExecutor(builder.httpThreads, builder.httpThreads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<Runnable>(), factory);
        this.executor.allowCoreThreadTimeOut(true);
        server.setExecutor(executor);
        this.handler = new SandboxHttpHandler(merchants, clock, faults, requests,
                new MerchantApi(clock, merchants, rootUrl), consumers, new HostedCheckoutPage(merchants, clock),
                new ControlApi(this));
        responseTime(builder.responseTime);
        this.startupIdempotencyKeyInUse = builder.idempotencyKeyInUse;
        idempotencyKeyInUse(builder.idempotencyKeyInUse);
        server.createContext("/", handler);
        server.start();
    }

    /** Starts on 127.0.0.1 with a random free port. */
    public static SmartpaySandbox start() {
        return builder().start();
    }

    /** Starts on 127.0.0.1:port (0 = a random free port). */
    public static SmartpaySandbox start(int port) {
        return builder().port(port).start();
    }

    public static SmartpaySandboxBuilder builder() {
        return new SmartpaySandboxBuilder();
    }

    /** {@code http://127.0.0.1:<port>/v1}: what SmartpayClient.baseUrl takes. */
    public String baseUrl() {
        return rootUrl + "/v1";
    }

    /** {@code http://127.0.0.1:<port>}: hosted pages live under /checkout, test controls under /__sandbox. */
    public String rootUrl() {
        return rootUrl;
    }

    public int port() {
        return port;
    }

    /** Stops the server and the webhook deliveries. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        dispatcher.shutdown();
    }

    /**
     * How long every merchant API request (/v1) takes inside the sandbox before it is processed, as the real
     * API's processing and the network add to each call (default 0: answered at once). Hosted pages and test
     * controls are not slowed. Benchmarks use it to compare callers at a realistic API latency.
     */
    public void responseTime(Duration responseTime) {
        if (responseTime == null || responseTime.isNegative()) {
            throw new IllegalArgumentException("a response time must be zero or positive");
        }
        handler.responseTime(responseTime.toMillis());
    }

    /**
     * What a request gets while another request with its Idempotency-Key is still being processed: 409
     * {@code idempotency-key.in-use} at once ({@link IdempotencyKeyInUse#CONFLICT}, the default) or the first one's
     * answer once it is done ({@link IdempotencyKeyInUse#WAIT_AND_REPLAY}). {@link #reset()} restores the start-up choice.
     */
    public void idempotencyKeyInUse(IdempotencyKeyInUse answer) {
        if (answer == null) {
            throw new IllegalArgumentException("an in-use Idempotency-Key answer is required");
        }
        handler.idempotencyKeyInUse(answer);
    }

    public IdempotencyKeyInUse idempotencyKeyInUse() {
        return handler.idempotencyKeyInUse();
    }

    /**
     * What cancelling (or the expiry of) an order with captures leaves: {@link CapturedOrderCancellation#SUCCEEDED}
     * (default, as Smartpay's PHP SDK asserts) or {@link CapturedOrderCancellation#CANCELED} with order.canceled,
     * to test that code handles both. {@link #reset()} restores the default.
     */
    public void capturedOrderCancellation(CapturedOrderCancellation answer) {
        if (answer == null) {
            throw new IllegalArgumentException("a captured order's cancellation answer is required");
        }
        merchants.capturedOrderCancellation = answer;
    }

    /**
     * Forgets every merchant and object, armed fault, delivery (pending retries too), request count, clock offset and
     * consumer login, and restores the start-up answer to an in-use Idempotency-Key. The response time stays.
     */
    public void reset() {
        merchants.clear();
        faults.clear();
        requests.reset();
        dispatcher.reset();
        consumers.reset();
        clock.reset();
        idempotencyKeyInUse(startupIdempotencyKeyInUse);
        capturedOrderCancellation(CapturedOrderCancellation.SUCCEEDED);
    }

    // ------------------------------------------------------------------ shopper side

    /** requires_authorization -> requires_capture (manual) or succeeded with a payment (automatic); order.authorized (+ payment.created). */
    public void approve(String orderId) {
        inJava(() -> orderControls.approveOrder(orderId));
    }

    /**
     * Approves as a shopper who redeemed {@code promotionCode} at checkout: the order's amount drops by the coupon's
     * discount ({@code discountAmount}, {@code discounts}), the code and coupon count a redemption.
     * {@link IllegalStateException} (and nothing changes) when the code cannot be redeemed, with the reason.
     */
    public void approve(String orderId, String promotionCode) {
        inJava(() -> orderControls.approveOrder(orderId, promotionCode));
    }

    /** Soft: stays requires_authorization; hard: rejected. Both fire order.rejected. */
    public void decline(String orderId, boolean hard) {
        inJava(() -> orderControls.declineOrder(orderId, hard));
    }

    /** requires_capture -> canceled as if the 7-day authorization lapsed; order.canceled. */
    public void expire(String orderId) {
        inJava(() -> orderControls.expireOrder(orderId));
    }

    /** Approves a token-mode checkout's payment token (requires_authorization -> active; token.approved). */
    public void approveToken(String tokenId) {
        inJava(() -> orderControls.decideToken(tokenId, true));
    }

    /** Rejects a payment token (requires_authorization -> rejected; token.rejected). */
    public void rejectToken(String tokenId) {
        inJava(() -> orderControls.decideToken(tokenId, false));
    }

    /** Moves the sandbox clock forward: createdAt and expiry follow it; orders past expiresAt become canceled now. */
    public void advanceClock(Duration by) {
        clock.advance(by);
        long now = clock.now();
        for (Merchant merchant : merchants.all()) {
            synchronized (merchant) {
                for (OrderRecord order : merchant.orders.all()) {
                    OrderLifecycle.expireIfDue(merchant, order, now);
                }
            }
        }
    }

    /** The sandbox clock's now (ms since the epoch). */
    public long now() {
        return clock.now();
    }

    /** A read-only snapshot of an order, for assertions. */
    public SandboxOrder order(String orderId) {
        final SandboxOrder[] out = new SandboxOrder[1];
        inJava(() -> out[0] = orderControls.snapshot(orderId));
        return out[0];
    }

    // ------------------------------------------------------------------ faults, counts, webhooks

    /** Arms a fault for the next matching requests. */
    public void injectFault(SandboxFault fault) {
        if (fault == null) {
            throw new IllegalArgumentException("fault is required");
        }
        faults.add(fault);
    }

    public void clearFaults() {
        faults.clear();
    }

    /** How many requests with this method ("*" = any) and a path fully matching the regex reached the sandbox. */
    public int requestCount(String method, String pathRegex) {
        return (int) requests.count(method, pathRegex);
    }

    /**
     * Waits until no API or hosted-page request is being processed (a delayed one included: a client that gave up
     * on it does not stop it); false on timeout.
     */
    public boolean awaitRequestsIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (requests.running() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            pause();
        }
        return true;
    }

    /** Every delivery attempt so far, oldest first. */
    public List<WebhookDelivery> webhookDeliveries() {
        return dispatcher.deliveries();
    }

    /** Waits until at least {@code count} delivery attempts are logged, then returns the log; throws on timeout. */
    public List<WebhookDelivery> awaitWebhookDeliveries(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (;;) {
            List<WebhookDelivery> deliveries = dispatcher.deliveries();
            if (deliveries.size() >= count) {
                return deliveries;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("expected " + count + " webhook deliveries within " + timeout
                        + ", got " + deliveries.size() + ": " + deliveries);
            }
            pause();
        }
    }

    /** Waits until no delivery is queued, running or waiting to retry; false on timeout. */
    public boolean awaitWebhooksIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!dispatcher.isIdle()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            pause();
        }
        return true;
    }

    /**
     * Keeps every webhook delivery attempt that comes due from now on instead of sending it (the store's endpoint
     * sees nothing, as while Smartpay's deliveries are delayed), until {@link #deliverWebhooks()}. reset() ends it.
     */
    public void withholdWebhooks() {
        dispatcher.withhold();
    }

    /** Sends the withheld deliveries now, in the order they came due, and stops withholding; returns how many. */
    public int deliverWebhooks() {
        return dispatcher.deliverWithheld();
    }

    /** How many delivery attempts are withheld. */
    public int withheldWebhooks() {
        return dispatcher.withheldCount();
    }

    /** Webhook retry schedule: up to maxAttempts, waiting initialBackoff, doubling, capped at maxBackoff. */
    public void webhookRetries(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        dispatcher.configure(maxAttempts, initialBackoff.toMillis(), maxBackoff.toMillis());
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for webhooks", e);
        }
    }

    // ------------------------------------------------------------------ shared with the HTTP controls

    WebhookDispatcher dispatcher() {
        return dispatcher;
    }

    Merchants merchants() {
        return merchants;
    }

    OrderControls orderControls() {
        return orderControls;
    }

    FaultInjector faults() {
        return faults;
    }

    SandboxClock clock() {
        return clock;
    }

    private static void inJava(Runnable control) {
        try {
            control.run();
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            throw new IllegalStateException(e.errorCode() + ": " + e.getMessage(), e);
        }
    }
}
