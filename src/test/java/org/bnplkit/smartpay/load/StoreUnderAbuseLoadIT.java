package org.bnplkit.smartpay.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bnplkit.smartpay.client.webhook.SmartpayHeaders;
import org.bnplkit.smartpay.client.webhook.WebhookEventType;
import org.bnplkit.smartpay.client.webhook.WebhookSignature;
import org.bnplkit.smartpay.demo.AdminDemoServer;
import org.bnplkit.smartpay.demo.AdminHttpSession;
import org.bnplkit.smartpay.demo.DemoServerProcess;
import org.junit.jupiter.api.Test;

/**
 * The store as a load test and an attacker see it, on loopback only: the demo (its own JVM: real Tomcat, the
 * storefront's filters, the Broadleaf admin, the in-process sandbox) receives genuine signed webhook deliveries at a
 * steady rate while {@value #DEFAULT_SLOW_CLIENTS} slow clients keep connections open, each sending headers and one byte
 * of a body it never finishes (reconnecting when the store cuts it), and a stream of forged deliveries arrives
 * alongside; an admin loads the order page every second. It runs for a fixed time (-Dload.minutes, default 10) and
 * stops by itself.
 *
 * <p>It reports p50/p99 of the genuine deliveries and of the admin page, the HTTP sessions created, and the demo's live
 * heap after a full GC at the start and the end, and fails when a genuine delivery is not answered 200 within
 * {@value #DELIVERY_TIMEOUT_SECONDS} s, when the admin page's p99 exceeds -Dload.adminP99Millis (default 3000), when the
 * heap after GC grows by more than -Dload.heapMarginMb (default 64 MB), or when the deliveries created sessions.
 *
 * <p>Run: {@code mvn -B verify -Pload} (figures in docs/performance.md). Not part of {@code mvn -B verify}.
 */
class StoreUnderAbuseLoadIT {

    private static final String SECRET = "gybcsjixKyBW2d4z6iNPlaYzHUMtawnodwZt3W0q";
    static final int DEFAULT_SLOW_CLIENTS = 100;
    static final int DELIVERY_TIMEOUT_SECONDS = 10;
    private static final int ADMIN_PAGE_TIMEOUT_SECONDS = 10;
    private static final Pattern SMARTPAY_ORDER = Pattern.compile("class=\"smartpay-order-link\"[^>]*>([^<]+)<");

    private final int minutes = Integer.getInteger("load.minutes", 10);
    private final int warmupSeconds = Integer.getInteger("load.warmupSeconds", 60);
    private final int genuinePerSecond = Integer.getInteger("load.genuinePerSecond", 5);
    private final int forgedPerSecond = Integer.getInteger("load.forgedPerSecond", 20);
    private final int slowClients = Integer.getInteger("load.slowClients", DEFAULT_SLOW_CLIENTS);
    private final long adminP99BoundMillis = Long.getLong("load.adminP99Millis", 3_000L);
    private final long heapMarginBytes = Long.getLong("load.heapMarginMb", 64L) * 1024 * 1024;

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Recorder genuine = new Recorder();
    private final Recorder adminPage = new Recorder();
    private final AtomicLong genuineFailures = new AtomicLong();
    private final List<String> genuineFailureSamples = new ArrayList<>();
    private final AtomicLong forgedSent = new AtomicLong();
    private final AtomicLong forgedNot401 = new AtomicLong();
    private final AtomicLong slowConnections = new AtomicLong();
    private final AtomicLong slowCut = new AtomicLong();

    @Test
    void deliveriesAndTheAdminStayFastAndMemoryBoundedUnderSlowClientsAndForgedPosts() throws Exception {
        try (DemoServerProcess demo = DemoServerProcess.start("store-under-abuse-load-it", AdminDemoServer.class, Map.of(
                "gateway.smartpay.webhook.signingSecret", SECRET,
                "gateway.smartpay.reconcile.enabled", "false",
                // -Dload.webhookFilter=false: the same run against a store without the webhook filter, for comparison
                "demo.webhookFilter", System.getProperty("load.webhookFilter", "true")));
             JvmProbe probe = JvmProbe.attach(demo.pid())) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            AdminHttpSession admin = new AdminHttpSession(demo.baseUrl() + AdminDemoServer.ADMIN_PATH);
            assertEquals(302, admin.login(AdminDemoServer.ADMIN_LOGIN, AdminDemoServer.ADMIN_PASSWORD).statusCode());
            List<String> smartpayOrders = smartpayOrdersOf(admin);
            URI webhook = URI.create(demo.baseUrl() + "/smartpay/webhook");
            int port = webhook.getPort();

            JvmProbe.Reading boot = probe.read();
            System.out.println("[load] after start-up: " + boot);

            ScheduledExecutorService clock = Executors.newScheduledThreadPool(3);
            ExecutorService senders = Executors.newFixedThreadPool(16);
            List<Thread> slow = new ArrayList<>();
            long started = System.nanoTime();
            JvmProbe.Reading start = boot;
            try {
                for (int i = 0; i < slowClients; i++) {
                    Thread t = new Thread(() -> slowClient(port), "slow-client-" + i);
                    t.setDaemon(true);
                    t.start();
                    slow.add(t);
                }
                clock.scheduleAtFixedRate(() -> senders.execute(() -> deliver(http, webhook, smartpayOrders, genuine)),
                        0, 1_000_000 / genuinePerSecond, TimeUnit.MICROSECONDS);
                clock.scheduleAtFixedRate(() -> senders.execute(() -> forge(http, webhook)),
                        0, 1_000_000 / forgedPerSecond, TimeUnit.MICROSECONDS);
                clock.scheduleAtFixedRate(() -> {
                    long t0 = System.nanoTime();
                    boolean ok;
                    try {
                        ok = admin.get("/order/3", Duration.ofSeconds(ADMIN_PAGE_TIMEOUT_SECONDS)).statusCode() == 200;
                    } catch (RuntimeException timedOutOrStopped) {
                        ok = false;
                    }
                    if (running.get()) { // not the page the end of the run interrupted
                        adminPage.record(System.nanoTime() - t0, ok);
                    }
                }, 0, 1, TimeUnit.SECONDS);
                long began = started;
                clock.scheduleAtFixedRate(() -> System.out.printf("[load] %3d s: genuine %d (failed %d), forged %d, admin %d,"
                        + " slow connections %d (cut %d)%n", (System.nanoTime() - began) / 1_000_000_000L, genuine.count(),
                        genuineFailures.get(), forgedSent.get(), adminPage.count(), slowConnections.get(), slowCut.get()),
                        30, 30, TimeUnit.SECONDS);
                // the full traffic for a while first: the JIT, Hibernate's and Tomcat's bounded caches and pools fill up
                Thread.sleep(TimeUnit.SECONDS.toMillis(warmupSeconds));
                start = probe.read();
                System.out.println("[load] start (after " + warmupSeconds + " s of warm-up): " + start);
                genuine.reset();
                adminPage.reset();
                started = System.nanoTime();
                Thread.sleep(TimeUnit.MINUTES.toMillis(minutes));
            } finally {
                running.set(false);
                clock.shutdownNow();
                senders.shutdown();
                senders.awaitTermination(DELIVERY_TIMEOUT_SECONDS + 5, TimeUnit.SECONDS);
                for (Thread t : slow) {
                    t.interrupt();
                }
            }
            long ranSeconds = (System.nanoTime() - started) / 1_000_000_000L;
            awaitInboxDrained(admin);
            JvmProbe.Reading end = probe.read();
            System.out.println("[load] end: " + end);

            String report = report(ranSeconds, boot, start, end);
            System.out.println(report);
            Path file = Paths.get("target", "load-report.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, report);

            assertEquals(0, genuineFailures.get(), "genuine deliveries not answered 200 within " + DELIVERY_TIMEOUT_SECONDS
                    + " s: " + genuineFailureSamples);
            assertEquals(0, forgedNot401.get(), "forged deliveries not refused with 401");
            assertTrue(adminPage.percentileMillis(99) <= adminP99BoundMillis, "admin page p99 " + adminPage.percentileMillis(99)
                    + " ms > " + adminP99BoundMillis + " ms; failed pages: " + adminPage.failures());
            assertEquals(0, adminPage.failures(), "admin pages not answered 200");
            assertTrue(end.sessionsCreated() - start.sessionsCreated() <= 2, "sessions created during the run: "
                    + (end.sessionsCreated() - start.sessionsCreated()) + " (webhook deliveries must create none)");
            assertTrue(end.heapAfterGcBytes() - start.heapAfterGcBytes() <= heapMarginBytes, "live heap grew by "
                    + (end.heapAfterGcBytes() - start.heapAfterGcBytes()) / 1048576 + " MB (margin " + heapMarginBytes / 1048576 + " MB)");
        }
    }

    // ---- the traffic -------------------------------------------------------------------------------------------

    /** One genuine signed event about a seeded order: stored, then processed (a real GET at the sandbox and a sync). */
    private void deliver(HttpClient http, URI webhook, List<String> smartpayOrders, Recorder into) {
        String eventId = "evt_test_load_" + UUID.randomUUID().toString().replace("-", "");
        String smartpayOrder = smartpayOrders.get(ThreadLocalRandom.current().nextInt(smartpayOrders.size()));
        byte[] body = ("{\"id\":\"" + eventId + "\",\"object\":\"event\",\"createdAt\":" + System.currentTimeMillis()
                + ",\"test\":true,\"eventData\":{\"type\":\"" + WebhookEventType.ORDER_AUTHORIZED + "\",\"version\":\"2022-02-18\","
                + "\"data\":{\"id\":\"" + smartpayOrder + "\",\"object\":\"order\"}}}").getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(System.currentTimeMillis());
        HttpRequest request = HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(DELIVERY_TIMEOUT_SECONDS))
                .header("Content-Type", "application/json")
                .header(SmartpayHeaders.SIGNATURE, WebhookSignature.compute(SECRET, timestamp, body))
                .header(SmartpayHeaders.SIGNATURE_TIMESTAMP, timestamp)
                .header(SmartpayHeaders.EVENT_ID, eventId)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        long t0 = System.nanoTime();
        String problem;
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            problem = response.statusCode() == 200 ? null : response.statusCode() + " " + response.body();
        } catch (IOException e) {
            problem = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        into.record(System.nanoTime() - t0, problem == null);
        if (problem != null && into == genuine) {
            genuineFailures.incrementAndGet();
            synchronized (genuineFailureSamples) {
                if (genuineFailureSamples.size() < 10) {
                    genuineFailureSamples.add(problem);
                }
            }
        }
    }

    /** A delivery signed with a secret that is not the store's (or not signed at all): 401, nothing stored. */
    private void forge(HttpClient http, URI webhook) {
        byte[] body = ("{\"id\":\"evt_forged_" + UUID.randomUUID() + "\",\"object\":\"event\",\"eventData\":{\"type\":\"payment.created\","
                + "\"data\":{\"id\":\"payment_x\",\"order\":\"order_x\",\"amount\":1}}}").getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(System.currentTimeMillis());
        HttpRequest.Builder request = HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(DELIVERY_TIMEOUT_SECONDS))
                .header("Content-Type", forgedSent.get() % 2 == 0 ? "application/json" : "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (forgedSent.get() % 3 != 0) {
            request.header(SmartpayHeaders.SIGNATURE, WebhookSignature.compute("AAAAnotTheStoresSecret0123456789abcdefgh", timestamp, body))
                    .header(SmartpayHeaders.SIGNATURE_TIMESTAMP, timestamp);
        }
        forgedSent.incrementAndGet();
        try {
            if (http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode() != 401) {
                forgedNot401.incrementAndGet();
            }
        } catch (IOException e) {
            forgedNot401.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Keeps one connection open with a body that never arrives; when the store cuts it, opens the next. */
    private void slowClient(int port) {
        byte[] headers = ("POST /smartpay/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100\r\n\r\n{").getBytes(StandardCharsets.US_ASCII);
        while (running.get()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                socket.setSoTimeout(1_000);
                OutputStream out = socket.getOutputStream();
                out.write(headers);
                out.flush();
                slowConnections.incrementAndGet();
                InputStream in = socket.getInputStream();
                while (running.get()) {
                    try {
                        if (in.read() == -1) {
                            break;
                        }
                    } catch (java.net.SocketTimeoutException stillOpen) {
                        // the store has not answered: keep holding the connection
                    }
                }
                slowCut.incrementAndGet();
            } catch (IOException e) {
                sleepQuietly(200);
            }
        }
    }

    // ---- the store -------------------------------------------------------------------------------------------

    /** The Smartpay order ids of the seeded orders, read from their admin panels. */
    private static List<String> smartpayOrdersOf(AdminHttpSession admin) {
        List<String> ids = new ArrayList<>();
        for (int order = 1; order <= 6; order++) {
            Matcher m = SMARTPAY_ORDER.matcher(admin.get("/order/" + order + "/smartpay/panel?live=false").body());
            if (m.find()) {
                ids.add(m.group(1).trim());
            }
        }
        assertTrue(!ids.isEmpty(), "the demo's seeded orders");
        return ids;
    }

    /** Waits (at most a minute) until the demo processed every event it accepted. */
    private static void awaitInboxDrained(AdminHttpSession admin) {
        Pattern backlog = Pattern.compile("\"(RECEIVED|RETRYING)\":(\\d+)");
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            Matcher m;
            try {
                m = backlog.matcher(admin.get("/smartpay-webhooks", Duration.ofSeconds(ADMIN_PAGE_TIMEOUT_SECONDS)).body());
            } catch (RuntimeException timedOut) {
                continue;
            }
            long open = 0;
            while (m.find()) {
                open += Long.parseLong(m.group(2));
            }
            if (open == 0) {
                return;
            }
            sleepQuietly(500);
        }
        System.out.println("[load] the inbox still had events to process after a minute");
    }

    private String report(long ranSeconds, JvmProbe.Reading boot, JvmProbe.Reading start, JvmProbe.Reading end) {
        return String.format("[load] after start-up: %s%n[load] %d s measured after %d s of warm-up, on loopback: %d slow clients"
                        + " (%d connections opened, %d cut by the store), %d forged"
                        + " deliveries (%d not answered 401)%n"
                        + "[load] genuine deliveries: %d at %d/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms, failed %d%n"
                        + "[load] admin order page: %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms, failed %d%n"
                        + "[load] sessions created during the run: %d%n"
                        + "[load] heap after GC: start %.1f MB, end %.1f MB (%+.1f MB); RSS start %.0f MB, end %.0f MB; threads %d -> %d%n",
                boot, ranSeconds, warmupSeconds, slowClients, slowConnections.get(), slowCut.get(), forgedSent.get(), forgedNot401.get(),
                genuine.count(), genuinePerSecond, genuine.percentileMillis(50), genuine.percentileMillis(99),
                genuine.percentileMillis(100), genuineFailures.get(),
                adminPage.count(), adminPage.percentileMillis(50), adminPage.percentileMillis(99), adminPage.percentileMillis(100),
                adminPage.failures(),
                end.sessionsCreated() - start.sessionsCreated(),
                start.heapAfterGcBytes() / 1048576.0, end.heapAfterGcBytes() / 1048576.0,
                (end.heapAfterGcBytes() - start.heapAfterGcBytes()) / 1048576.0, start.rssBytes() / 1048576.0,
                end.rssBytes() / 1048576.0, start.threads(), end.threads());
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Latencies of one kind of request (thread-safe). */
    private static final class Recorder {
        private long[] nanos = new long[1024];
        private int count;
        private int failures;

        synchronized void record(long elapsedNanos, boolean ok) {
            if (count == nanos.length) {
                nanos = Arrays.copyOf(nanos, count * 2);
            }
            nanos[count++] = elapsedNanos;
            if (!ok) {
                failures++;
            }
        }

        synchronized int count() {
            return count;
        }

        synchronized void reset() {
            count = 0;
            failures = 0;
        }

        synchronized int failures() {
            return failures;
        }

        synchronized double percentileMillis(double percentile) {
            if (count == 0) {
                return 0;
            }
            long[] sorted = Arrays.copyOf(nanos, count);
            Arrays.sort(sorted);
            int index = (int) Math.min(count - 1, Math.max(0, Math.ceil(percentile / 100.0 * count) - 1));
            return sorted[index] / 1_000_000.0;
        }
    }
}
