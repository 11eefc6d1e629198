package org.bnplkit.smartpay.bench;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.bnplkit.smartpay.client.Address;
import org.bnplkit.smartpay.client.CaptureMethod;
import org.bnplkit.smartpay.client.CheckoutSessionCreateParams;
import org.bnplkit.smartpay.client.LineItem;
import org.bnplkit.smartpay.client.ShippingInfo;
import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.sandbox.SmartpaySandbox;

import java.io.PrintStream;
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
import java.util.function.IntFunction;

/**
 * (b) The sandbox's throughput under concurrent load: THREADS keep-alive connections hammer it with
 * GET /v1/orders/{id} (reads), then with POST /v1/payments (1-yen captures, each with its own
 * Idempotency-Key). The load generator runs on the same cores, so the figure is a floor.
 * Target: ≥ 5,000 requests/s on 2 cores.
 */
final class SandboxThroughputBenchmark implements Benchmark {

    private static final String KEY = "sk_test_BenchSandboxThroughput0001";
    private static final int THREADS = 16;
    private static final int WARMUP_PER_THREAD = 500;
    private static final int PER_THREAD = 2_500;
    private static final long TIME_LIMIT_SECONDS = 120;
    private static final double TARGET_PER_SECOND = 5_000;

    @Override
    public String name() {
        return "sandbox";
    }

    @Override
    public boolean run(PrintStream out) throws Exception {
        try (SmartpaySandbox sandbox = SmartpaySandbox.start();
             CloseableHttpClient http = RawMerchantHttp.pooled(THREADS)) {
            List<String> orders = new ArrayList<>();
            try (SmartpayClient client = SmartpayClient.builder().secretKey(KEY).baseUrl(sandbox.baseUrl()).build()) {
                for (int i = 0; i < 2 * THREADS; i++) {
                    String orderId = client.createCheckoutSession(CheckoutSessionCreateParams.builder()
                            .amount(1_000_000).captureMethod(CaptureMethod.MANUAL)
                            .successUrl("https://shop.example.jp/ok").cancelUrl("https://shop.example.jp/cancel")
                            .shippingInfo(ShippingInfo.builder().feeAmount(0L).address(Address.builder().line1("1-2-3")
                                    .locality("Shibuya-ku").postalCode("150-0002").build()).build())
                            .item(LineItem.builder().name("Bench item").amount(1_000_000).quantity(1).build())
                            .build(), null).order().id();
                    sandbox.approve(orderId);
                    orders.add(orderId);
                }
            }
            String base = sandbox.baseUrl();
            // reads use orders that never get captures, so the answer stays the same size throughout
            IntFunction<HttpUriRequestBase> read = i -> authorized(new HttpGet(base + "/orders/" + orders.get(THREADS + i % THREADS)));
            IntFunction<HttpUriRequestBase> capture = i -> {
                HttpPost post = authorized(new HttpPost(base + "/payments"));
                post.setHeader("Idempotency-Key", "bench-t-" + UUID.randomUUID());
                post.setEntity(new ByteArrayEntity(("{\"order\":\"" + orders.get(i % THREADS)
                        + "\",\"amount\":1,\"currency\":\"JPY\",\"cancelRemainder\":\"manual\"}").getBytes(StandardCharsets.UTF_8),
                        ContentType.APPLICATION_JSON));
                return post;
            };

            out.println("warm-up: " + THREADS + " threads x " + WARMUP_PER_THREAD + " requests each, reads and captures");
            load(http, read, WARMUP_PER_THREAD);
            load(http, capture, WARMUP_PER_THREAD);
            double reads = load(http, read, PER_THREAD);
            double captures = load(http, capture, PER_THREAD);
            out.println(String.format(Locale.ROOT, "sandbox GET  /v1/orders/{id}: %,.0f req/s (%d threads x %,d requests, keep-alive)",
                    reads, THREADS, PER_THREAD));
            out.println(String.format(Locale.ROOT, "sandbox POST /v1/payments   : %,.0f req/s (%d threads x %,d captures with Idempotency-Key)",
                    captures, THREADS, PER_THREAD));
            boolean met = Math.min(reads, captures) >= TARGET_PER_SECOND;
            out.println(String.format(Locale.ROOT, "sandbox throughput target >= %,.0f req/s on %d cores: %s", TARGET_PER_SECOND,
                    Runtime.getRuntime().availableProcessors(), met ? "MET" : "MISSED"));
            return met;
        }
    }

    private static <T extends HttpUriRequestBase> T authorized(T request) {
        return RawMerchantHttp.asMerchant(request, KEY);
    }

    /** Requests per second over THREADS threads doing perThread requests each (every answer must be 200). */
    private static double load(CloseableHttpClient http, IntFunction<HttpUriRequestBase> requests, int perThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                final int thread = t;
                tasks.add(() -> {
                    for (int i = 0; i < perThread; i++) {
                        int status = http.execute(requests.apply(thread + i * THREADS), response -> {
                            EntityUtils.consume(response.getEntity());
                            return response.getCode();
                        });
                        if (status != 200) {
                            throw new IllegalStateException("sandbox answered " + status);
                        }
                    }
                    return perThread;
                });
            }
            long started = System.nanoTime();
            List<Future<Integer>> futures = pool.invokeAll(tasks, TIME_LIMIT_SECONDS, TimeUnit.SECONDS);
            long elapsed = System.nanoTime() - started;
            int done = 0;
            for (Future<Integer> future : futures) {
                done += future.get();
            }
            return done / (elapsed / 1_000_000_000.0);
        } finally {
            pool.shutdownNow();
        }
    }
}
