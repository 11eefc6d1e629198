package org.bnplkit.smartpay.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.bnplkit.smartpay.sandbox.SmartpaySandbox;

/**
 * (d) What the sandbox keeps: REQUESTS requests as a store's test run makes them (per checkout: create the session
 * with an Idempotency-Key, approve it, capture it with an Idempotency-Key, read the order), then the live heap
 * after a full GC, less the live heap before; and again after {@code reset()}. Target: at most TARGET_MB for the
 * run (so that -Psandbox's -Xmx512m holds several such runs between resets), and back to the baseline after reset.
 */
final class SandboxMemoryBenchmark implements Benchmark {

    private static final String KEY = "sk_test_BenchSandboxMemory00001";
    private static final int THREADS = 8;
    private static final int REQUESTS = 100_000;
    private static final int REQUESTS_PER_CHECKOUT = 4;
    private static final long TARGET_MB = 160;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "sandbox-memory";
    }

    @Override
    public boolean run(PrintStream out) throws Exception {
        try (SmartpaySandbox sandbox = SmartpaySandbox.start();
             CloseableHttpClient http = RawMerchantHttp.pooled(THREADS)) {
            checkouts(sandbox, http, 200); // warm-up: classes loaded, pools filled
            sandbox.reset();
            long before = liveHeap();
            long started = System.nanoTime();
            checkouts(sandbox, http, REQUESTS / REQUESTS_PER_CHECKOUT / THREADS);
            double seconds = (System.nanoTime() - started) / 1e9;
            long after = liveHeap();
            sandbox.reset();
            long afterReset = liveHeap();
            long keptMb = (after - before) / (1024 * 1024);
            out.println(String.format(Locale.ROOT, "%,d requests (%,d checkouts: session, approve, capture, read) in %.1f s",
                    REQUESTS, REQUESTS / REQUESTS_PER_CHECKOUT, seconds));
            out.println(String.format(Locale.ROOT, "live heap after GC: before %,d MB, after the run %,d MB (+%,d MB, %,d bytes"
                    + " per request), after reset() %,d MB", before >> 20, after >> 20, keptMb,
                    (after - before) / REQUESTS, afterReset >> 20));
            boolean met = keptMb <= TARGET_MB && afterReset - before < 16L * 1024 * 1024;
            out.println(String.format(Locale.ROOT, "sandbox memory target <= %d MB kept for %,d requests, released by reset(): %s",
                    TARGET_MB, REQUESTS, met ? "MET" : "MISSED"));
            return met;
        }
    }

    /** THREADS threads doing perThread checkouts each; every answer must be 200. */
    private static void checkouts(SmartpaySandbox sandbox, CloseableHttpClient http, int perThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                final int thread = t;
                tasks.add(() -> {
                    for (int i = 0; i < perThread; i++) {
                        checkout(sandbox, http, "t" + thread + "-" + i);
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(tasks, 300, TimeUnit.SECONDS)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void checkout(SmartpaySandbox sandbox, CloseableHttpClient http, String cart) throws Exception {
        String base = sandbox.baseUrl();
        HttpPost session = post(base + "/checkout-sessions", "{\"amount\":3300,\"currency\":\"JPY\",\"captureMethod\":\"manual\","
                + "\"successUrl\":\"https://shop.example.jp/ok\",\"cancelUrl\":\"https://shop.example.jp/cart\","
                + "\"reference\":\"" + cart + "\",\"metadata\":{\"cart\":\"" + cart + "\"},"
                + "\"customerInfo\":{\"emailAddress\":\"taro@example.jp\",\"firstName\":\"Taro\",\"lastName\":\"Yamada\"},"
                + "\"shippingInfo\":{\"address\":{\"line1\":\"1-2-3 Shibuya\",\"locality\":\"Shibuya-ku\","
                + "\"postalCode\":\"150-0002\",\"country\":\"JP\"},\"feeAmount\":300,\"feeCurrency\":\"JPY\"},"
                + "\"items\":[{\"name\":\"Matcha set\",\"amount\":1000,\"currency\":\"JPY\",\"quantity\":2},"
                + "{\"name\":\"Whisk\",\"amount\":1000,\"currency\":\"JPY\",\"quantity\":1}]}");
        session.setHeader("Idempotency-Key", "checkout:" + UUID.randomUUID());
        String orderId = call(http, session).path("order").path("id").asText();
        call(http, new HttpPost(sandbox.rootUrl() + "/__sandbox/orders/" + orderId + "/approve"));
        HttpPost capture = post(base + "/payments", "{\"order\":\"" + orderId + "\",\"amount\":3300,\"currency\":\"JPY\"}");
        capture.setHeader("Idempotency-Key", "capture:" + UUID.randomUUID());
        call(http, capture);
        call(http, authorized(new HttpGet(base + "/orders/" + orderId)));
    }

    private static HttpPost post(String url, String body) {
        HttpPost post = authorized(new HttpPost(url));
        post.setEntity(new ByteArrayEntity(body.getBytes(StandardCharsets.UTF_8), ContentType.APPLICATION_JSON));
        return post;
    }

    private static <T extends HttpUriRequestBase> T authorized(T request) {
        return RawMerchantHttp.asMerchant(request, KEY);
    }

    private static JsonNode call(CloseableHttpClient http, HttpUriRequestBase request) throws Exception {
        return http.execute(request, response -> {
            byte[] body = EntityUtils.toByteArray(response.getEntity());
            if (response.getCode() != 200) {
                throw new IllegalStateException(request.getMethod() + " " + request.getRequestUri() + " answered "
                        + response.getCode() + ": " + new String(body, StandardCharsets.UTF_8));
            }
            return JSON.readTree(body);
        });
    }

    /** Heap in use after full collections (several, until it stops shrinking). */
    private static long liveHeap() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
            long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (now >= used - 1024 * 1024) {
                return Math.min(now, used);
            }
            used = now;
        }
        return used;
    }
}
