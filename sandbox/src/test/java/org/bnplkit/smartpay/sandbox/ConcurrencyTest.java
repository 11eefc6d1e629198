package org.bnplkit.smartpay.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.bnplkit.smartpay.sandbox.junit.SmartpaySandboxTest;
import org.junit.jupiter.api.Test;

@SmartpaySandboxTest
class ConcurrencyTest {

    static SmartpaySandbox sandbox;
    static SandboxHttp merchant;

    @BeforeAll
    static void start(SmartpaySandbox started) {
        sandbox = started;
        merchant = new SandboxHttp(sandbox, "sk_test_concurrency");
    }


    static List<SandboxHttp.Reply> race(int threads, java.util.function.IntFunction<SandboxHttp.Reply> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<SandboxHttp.Reply>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.apply(n);
                }));
            }
            go.countDown();
            List<SandboxHttp.Reply> replies = new ArrayList<>();
            for (Future<SandboxHttp.Reply> future : futures) {
                replies.add(future.get());
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void manyThreadsCapturingOneOrderNeverOverCapture() throws Exception {
        for (int round = 0; round < 5; round++) {
            String orderId = merchant.authorizedOrder(1000);
            List<SandboxHttp.Reply> replies = race(24, n -> merchant.capture(orderId, 70, "manual"));
            long ok = replies.stream().filter(r -> r.status() == 200).count();
            assertEquals(14, ok, "1000 / 70 = 14 captures fit");
            assertTrue(replies.stream().filter(r -> r.status() != 200)
                    .allMatch(r -> "payment.excessive-amount".equals(r.errorCode())), replies::toString);
            SandboxOrder order = sandbox.order(orderId);
            assertEquals(980, order.captured());
            assertEquals(14, order.payments().size());
        }
    }

    @Test
    void captureAndCancelRacingOnOneOrderSerialise() throws Exception {
        for (int round = 0; round < 10; round++) {
            String orderId = merchant.authorizedOrder(1000);
            List<SandboxHttp.Reply> replies = race(2, n -> n == 0 ? merchant.capture(orderId, 1000, "manual")
                    : merchant.put("/orders/" + orderId + "/cancellation"));
            SandboxHttp.Reply capture = replies.get(0);
            SandboxHttp.Reply cancel = replies.get(1);
            SandboxOrder order = sandbox.order(orderId);
            if (capture.status() == 200) { // captured first: nothing left to cancel
                assertEquals("order.cannot-cancel", cancel.errorCode());
                assertEquals("succeeded", order.status());
                assertEquals(1000, order.captured());
            } else { // canceled first: nothing to capture
                assertEquals("order.cannot-capture", capture.errorCode());
                assertEquals(200, cancel.status());
                assertEquals("canceled", order.status());
                assertEquals(0, order.captured());
            }
        }
    }

    @Test
    void manyThreadsRefundingOnePaymentNeverOverRefund() throws Exception {
        String orderId = merchant.authorizedOrder(500);
        String paymentId = merchant.capture(orderId, 500, null).text("id");
        List<SandboxHttp.Reply> replies = race(20, n -> merchant.refund(paymentId, 60));
        assertEquals(8, replies.stream().filter(r -> r.status() == 200).count());
        assertTrue(replies.stream().filter(r -> r.status() != 200)
                .allMatch(r -> "amount.insufficient".equals(r.errorCode())));
        assertEquals(480, sandbox.order(orderId).refunded());
    }

    @Test
    void manyMerchantsInParallelStayApart() throws Exception {
        List<SandboxHttp.Reply> replies = race(16, n -> {
            SandboxHttp m = new SandboxHttp(sandbox, "sk_test_parallel" + n);
            for (int i = 0; i < 5; i++) {
                m.createOrder("manual", 100 + i);
            }
            return m.get("/orders?maxResults=100");
        });
        for (SandboxHttp.Reply reply : replies) {
            assertEquals(5, reply.json().path("results").asInt());
        }
    }
}
