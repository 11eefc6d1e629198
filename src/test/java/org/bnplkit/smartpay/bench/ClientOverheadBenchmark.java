package org.bnplkit.smartpay.bench;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.bnplkit.smartpay.client.CancelRemainder;
import org.bnplkit.smartpay.client.CaptureMethod;
import org.bnplkit.smartpay.client.CheckoutSessionCreateParams;
import org.bnplkit.smartpay.client.LineItem;
import org.bnplkit.smartpay.client.Payment;
import org.bnplkit.smartpay.client.PaymentCreateParams;
import org.bnplkit.smartpay.client.RequestOptions;
import org.bnplkit.smartpay.client.ShippingInfo;
import org.bnplkit.smartpay.client.Address;
import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.sandbox.SmartpaySandbox;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * (a) Capture calls ({@code POST /payments}) one after another through {@link SmartpayClient} vs the same
 * JSON POSTs through a bare pooled Apache HttpClient, against the same sandbox. Both send an
 * Idempotency-Key and read the whole answer; only the client builds params, serialises and parses a Payment.
 * Calls alternate one by one (client, bare, bare, client, ...) so load and drift hit both alike; calls/s is
 * calls divided by the time spent inside that caller's calls. Target: client/bare p50 ≤ 1.15.
 */
final class ClientOverheadBenchmark implements Benchmark {

    private static final String KEY = "sk_test_BenchClientOverhead000001";
    private static final int ORDERS = 40;
    private static final long ORDER_AMOUNT = 1_000_000;
    private static final int WARMUP = 3_000;
    private static final int MEASURED = 10_000;
    private static final long TIME_LIMIT_NANOS = 150_000_000_000L;
    private static final double TARGET_RATIO = 1.15;

    @Override
    public String name() {
        return "client";
    }

    @Override
    public boolean run(PrintStream out) throws Exception {
        long deadline = System.nanoTime() + TIME_LIMIT_NANOS;
        try (SmartpaySandbox sandbox = SmartpaySandbox.start();
             SmartpayClient client = SmartpayClient.builder().secretKey(KEY).baseUrl(sandbox.baseUrl()).maxConnections(4).build();
             CloseableHttpClient bare = HttpClients.custom()
                     .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setMaxConnTotal(4).setMaxConnPerRoute(4).build())
                     .disableAutomaticRetries().build()) {
            List<String> orders = authorizedOrders(client, sandbox);
            String url = sandbox.baseUrl() + "/payments?dev-lang=java&sdk-version=" + SmartpayClient.VERSION;

            Caller viaClient = i -> {
                Payment payment = client.createPayment(PaymentCreateParams.builder().order(orders.get(i % ORDERS)).amount(1)
                        .cancelRemainder(CancelRemainder.MANUAL).build(), RequestOptions.idempotencyKey("bench-c-" + UUID.randomUUID()));
                if (payment.amount() != 1) {
                    throw new IllegalStateException("unexpected payment " + payment);
                }
            };
            Caller viaBare = i -> {
                HttpPost post = new HttpPost(url);
                post.setHeader("Authorization", "Basic " + KEY);
                post.setHeader("Accept", "application/json");
                post.setHeader("Idempotency-Key", "bench-b-" + UUID.randomUUID());
                post.setEntity(new ByteArrayEntity(("{\"order\":\"" + orders.get(i % ORDERS)
                        + "\",\"amount\":1,\"currency\":\"JPY\",\"cancelRemainder\":\"manual\"}").getBytes(StandardCharsets.UTF_8),
                        ContentType.APPLICATION_JSON));
                int status = bare.execute(post, response -> {
                    EntityUtils.toByteArray(response.getEntity());
                    return response.getCode();
                });
                if (status != 200) {
                    throw new IllegalStateException("bare capture answered " + status);
                }
            };

            out.println("warm-up: " + WARMUP + " captures each way");
            interleave(viaClient, viaBare, new Latencies(WARMUP), new Latencies(WARMUP), WARMUP, 0, deadline);

            // measured: the two callers alternate call by call (and swap who goes first every call),
            // so load from anything else on the machine falls on both alike
            Latencies clientLatencies = new Latencies(MEASURED);
            Latencies bareLatencies = new Latencies(MEASURED);
            interleave(viaClient, viaBare, clientLatencies, bareLatencies, MEASURED, WARMUP, deadline);

            out.println(line("SmartpayClient capture", clientLatencies));
            out.println(line("bare HttpClient POST  ", bareLatencies));
            double ratio = clientLatencies.percentileMillis(50) / bareLatencies.percentileMillis(50);
            double ratio99 = clientLatencies.percentileMillis(99) / bareLatencies.percentileMillis(99);
            out.println(String.format(Locale.ROOT, "client/bare p50 ratio = %.3f (target <= %.2f) %s", ratio, TARGET_RATIO,
                    ratio <= TARGET_RATIO ? "MET" : "MISSED"));
            out.println(String.format(Locale.ROOT, "client/bare p99 ratio = %.3f; throughput ratio = %.3f", ratio99,
                    clientLatencies.perSecond() / bareLatencies.perSecond()));
            return ratio <= TARGET_RATIO;
        }
    }

    private static String line(String label, Latencies latencies) {
        return String.format(Locale.ROOT, "%s: %,d calls, %,.0f calls/s, p50 %.3f ms, p99 %.3f ms", label, latencies.count(),
                latencies.perSecond(), latencies.percentileMillis(50), latencies.percentileMillis(99));
    }

    /** ORDERS manual-capture orders of 1,000,000 yen, authorized: plenty of 1-yen captures each. */
    private static List<String> authorizedOrders(SmartpayClient client, SmartpaySandbox sandbox) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            String orderId = client.createCheckoutSession(CheckoutSessionCreateParams.builder()
                    .amount(ORDER_AMOUNT).captureMethod(CaptureMethod.MANUAL)
                    .successUrl("https://shop.example.jp/ok").cancelUrl("https://shop.example.jp/cancel")
                    .shippingInfo(ShippingInfo.builder().feeAmount(0L).address(Address.builder().line1("1-2-3")
                            .locality("Shibuya-ku").postalCode("150-0002").build()).build())
                    .item(LineItem.builder().name("Bench item").amount(ORDER_AMOUNT).quantity(1).build())
                    .build(), null).order().id();
            sandbox.approve(orderId);
            ids.add(orderId);
        }
        return ids;
    }

    private interface Caller {
        void call(int i) throws IOException;
    }

    /** Runs count calls of each caller, alternating; each Latencies gets its caller's per-call times and total. */
    private static void interleave(Caller first, Caller second, Latencies firstLatencies, Latencies secondLatencies, int count,
                                   int offset, long deadline) throws IOException {
        long firstTotal = 0;
        long secondTotal = 0;
        for (int i = 0; i < count; i++) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("benchmark time limit exceeded");
            }
            boolean firstGoesFirst = (i & 1) == 0;
            long a = time(firstGoesFirst ? first : second, offset + 2 * i);
            long b = time(firstGoesFirst ? second : first, offset + 2 * i + 1);
            long firstTime = firstGoesFirst ? a : b;
            long secondTime = firstGoesFirst ? b : a;
            firstLatencies.record(firstTime);
            secondLatencies.record(secondTime);
            firstTotal += firstTime;
            secondTotal += secondTime;
        }
        firstLatencies.timeSpent(firstTotal);
        secondLatencies.timeSpent(secondTotal);
    }

    private static long time(Caller caller, int i) throws IOException {
        long t0 = System.nanoTime();
        caller.call(i);
        return System.nanoTime() - t0;
    }
}
