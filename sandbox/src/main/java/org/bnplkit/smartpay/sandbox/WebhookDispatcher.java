package org.bnplkit.smartpay.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers events to webhook endpoints on its own small pool, asynchronously: signed POSTs with the four
 * Smartpay headers, retried with exponential backoff on a non-2xx answer or a connection failure (same
 * event id and body; new timestamp and signature), up to {@code maxAttempts}. Every attempt is logged.
 */
final class WebhookDispatcher {

    static final int MAX_LOG_ENTRIES = 10_000;

    private final ScheduledThreadPoolExecutor executor;
    private final List<WebhookDelivery> log = new ArrayList<>();
    private final AtomicLong generation = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Attempts parked while deliveries are withheld, in the order they came due. */
    private final List<Attempt> withheld = new ArrayList<>();
    private boolean withholding;
    private volatile int maxAttempts;
    private volatile long initialBackoffMillis;
    private volatile long maxBackoffMillis;
    private volatile int timeoutMillis = 5_000;

    WebhookDispatcher(int maxAttempts, long initialBackoffMillis, long maxBackoffMillis) {
        configure(maxAttempts, initialBackoffMillis, maxBackoffMillis);
        final AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "smartpay-sandbox-webhooks-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.executor = new ScheduledThreadPoolExecutor(4, factory);
        this.executor.setRemoveOnCancelPolicy(true);
    }

    void configure(int maxAttempts, long initialBackoffMillis, long maxBackoffMillis) {
        if (maxAttempts < 1 || initialBackoffMillis < 0 || maxBackoffMillis < initialBackoffMillis) {
            throw new IllegalArgumentException("webhook retries need maxAttempts >= 1 and 0 <= initial <= max backoff");
        }
        this.maxAttempts = maxAttempts;
        this.initialBackoffMillis = initialBackoffMillis;
        this.maxBackoffMillis = maxBackoffMillis;
    }

    void timeoutMillis(int timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    int maxAttempts() {
        return maxAttempts;
    }

    long initialBackoffMillis() {
        return initialBackoffMillis;
    }

    long maxBackoffMillis() {
        return maxBackoffMillis;
    }

    /** Queues the first attempt for every target; called under the merchant lock, returns at once. */
    void publish(SandboxEvent event, List<WebhookEndpointRecord> targets) {
        long currentGeneration = generation.get();
        for (WebhookEndpointRecord endpoint : targets) {
            schedule(new Attempt(event, endpoint, 1, currentGeneration), 0);
        }
    }

    private void schedule(Attempt attempt, long delayMillis) {
        inFlight.incrementAndGet();
        try {
            executor.schedule(attempt, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RuntimeException rejected) { // shut down
            inFlight.decrementAndGet();
        }
    }

    long backoffMillis(int failedAttempt) {
        long delay = initialBackoffMillis;
        for (int i = 1; i < failedAttempt && delay < maxBackoffMillis; i++) {
            delay *= 2;
        }
        return Math.min(delay, maxBackoffMillis);
    }

    List<WebhookDelivery> deliveries() {
        synchronized (log) {
            return new ArrayList<>(log);
        }
    }

    /** True when no attempt is queued or running (retries waiting for their backoff count as queued). */
    boolean isIdle() {
        return inFlight.get() == 0;
    }

    void reset() {
        generation.incrementAndGet(); // queued attempts of the old generation drop themselves
        synchronized (log) {
            log.clear();
        }
        synchronized (withheld) {
            withheld.clear();
            withholding = false;
        }
    }

    /** From now on attempts that come due are kept, not sent, until {@link #deliverWithheld()}. */
    void withhold() {
        synchronized (withheld) {
            withholding = true;
        }
    }

    /** Sends every withheld attempt now, in the order they came due, and stops withholding. */
    int deliverWithheld() {
        List<Attempt> due;
        synchronized (withheld) {
            withholding = false;
            due = new ArrayList<>(withheld);
            withheld.clear();
        }
        for (Attempt attempt : due) {
            schedule(attempt, 0);
        }
        return due.size();
    }

    int withheldCount() {
        synchronized (withheld) {
            return withheld.size();
        }
    }

    /** Parks the attempt when withholding; true when it was parked. */
    private boolean parked(Attempt attempt) {
        synchronized (withheld) {
            if (!withholding) {
                return false;
            }
            withheld.add(attempt);
            return true;
        }
    }

    void shutdown() {
        generation.incrementAndGet();
        executor.shutdownNow();
    }

    private void record(WebhookDelivery delivery) {
        synchronized (log) {
            if (log.size() >= MAX_LOG_ENTRIES) {
                log.remove(0);
            }
            log.add(delivery);
        }
    }

    private final class Attempt implements Runnable {
        private final SandboxEvent event;
        private final WebhookEndpointRecord endpoint;
        private final int number;
        private final long generationAtPublish;

        Attempt(SandboxEvent event, WebhookEndpointRecord endpoint, int number, long generationAtPublish) {
            this.event = event;
            this.endpoint = endpoint;
            this.number = number;
            this.generationAtPublish = generationAtPublish;
        }

        @Override
        public void run() {
            try {
                if (generationAtPublish != generation.get() || endpoint.deleted || !endpoint.active || parked(this)) {
                    return;
                }
                String url = endpoint.url;
                String timestamp = Long.toString(System.currentTimeMillis());
                String signature = WebhookSigning.sign(endpoint.signingSecret, timestamp, event.body);
                int status;
                String error = null;
                try {
                    status = post(url, timestamp, signature);
                } catch (IOException | RuntimeException e) {
                    status = -1;
                    error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                }
                if (generationAtPublish != generation.get()) {
                    return;
                }
                record(new WebhookDelivery(event.id, event.type, url, endpoint.id, status, number,
                        new String(event.body, StandardCharsets.UTF_8), signature, timestamp,
                        System.currentTimeMillis(), error));
                boolean delivered = status == 200; // "a response other than 200 will indicate an error" (webhooks-overview)
                if (!delivered && number < maxAttempts) {
                    schedule(new Attempt(event, endpoint, number + 1, generationAtPublish), backoffMillis(number));
                }
            } finally {
                inFlight.decrementAndGet();
            }
        }

        private int post(String url, String timestamp, String signature) throws IOException {
            HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
            try {
                connection.setRequestMethod("POST");
                connection.setConnectTimeout(timeoutMillis);
                connection.setReadTimeout(timeoutMillis);
                connection.setInstanceFollowRedirects(false);
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(event.body.length);
                connection.setRequestProperty("Content-Type", "application/json");
                connection.setRequestProperty("User-Agent", "Smartpay-Sandbox");
                connection.setRequestProperty("Smartpay-Signature", signature);
                connection.setRequestProperty("Smartpay-Signature-Timestamp", timestamp);
                connection.setRequestProperty("Smartpay-Subscription-Id", endpoint.id);
                connection.setRequestProperty("Smartpay-Event-Id", event.id);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(event.body);
                }
                int status = connection.getResponseCode();
                InputStream answer = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
                if (answer != null) {
                    try (InputStream in = answer) {
                        ApiRequest.readAll(in); // drain so the connection can be reused
                    }
                }
                return status;
            } catch (IOException | RuntimeException e) {
                connection.disconnect();
                throw e;
            }
        }
    }
}
