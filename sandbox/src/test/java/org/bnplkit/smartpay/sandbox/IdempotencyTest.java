package org.bnplkit.smartpay.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.bnplkit.smartpay.sandbox.junit.SmartpaySandboxTest;
import org.junit.jupiter.api.Test;

@SmartpaySandboxTest
class IdempotencyTest {

    static SmartpaySandbox sandbox;
    static SandboxHttp merchant;

    @BeforeAll
    static void start(SmartpaySandbox started) {
        sandbox = started;
        merchant = new SandboxHttp(sandbox, "sk_test_idempotency");
    }


    @Test
    void sameKeySameRequestReplaysTheFirstResponse() {
        String orderId = merchant.authorizedOrder(1000);
        var body = SandboxHttp.JSON.createObjectNode().put("order", orderId).put("amount", 300)
                .put("currency", "JPY").put("cancelRemainder", "manual");
        var first = merchant.post("/payments", body, "capture:fg:1");
        var second = merchant.post("/payments", body, "capture:fg:1");
        assertEquals(200, first.status(), first::toString);
        assertNull(first.header("Idempotency-Replayed"));
        assertEquals(200, second.status());
        assertEquals("true", second.header("Idempotency-Replayed"));
        assertEquals(first.body(), second.body(), "the very same response");
        assertEquals(300, sandbox.order(orderId).captured(), "captured once");
        assertEquals(1, sandbox.order(orderId).payments().size());
    }

    @Test
    void jsonKeyOrderDoesNotMakeADifferentRequest() {
        String orderId = merchant.authorizedOrder(1000);
        String a = "{\"order\":\"" + orderId + "\",\"amount\":100,\"currency\":\"JPY\",\"cancelRemainder\":\"manual\"}";
        String b = "{\"currency\":\"JPY\",\"amount\":100,\"cancelRemainder\":\"manual\",\"order\":\"" + orderId + "\"}";
        assertEquals(200, merchant.post("/payments", a, "order-keys").status());
        var replay = merchant.post("/payments", b, "order-keys");
        assertEquals("true", replay.header("Idempotency-Replayed"));
        assertEquals(100, sandbox.order(orderId).captured());
    }

    @Test
    void sameKeyDifferentBodyIsRefused() {
        String orderId = merchant.authorizedOrder(1000);
        var body = SandboxHttp.JSON.createObjectNode().put("order", orderId).put("amount", 300)
                .put("currency", "JPY").put("cancelRemainder", "manual");
        assertEquals(200, merchant.post("/payments", body, "reused-key").status());
        var reused = merchant.post("/payments", body.put("amount", 301), "reused-key");
        assertEquals(422, reused.status(), reused::toString);
        assertEquals("idempotency-key.reused", reused.errorCode());
        var otherPath = merchant.post("/refunds", Map.of("payment", "payment_test_x", "amount", 1,
                "currency", "JPY", "reason", "fraudulent"), "reused-key");
        assertEquals(422, otherPath.status());
        assertEquals(300, sandbox.order(orderId).captured());
    }

    @Test
    void errorsAreReplayedToo() {
        String orderId = merchant.createOrder("manual", 100);
        var body = SandboxHttp.JSON.createObjectNode().put("order", orderId).put("amount", 100).put("currency", "JPY");
        assertEquals(409, merchant.post("/payments", body, "early-capture").status());
        sandbox.approve(orderId);
        var replay = merchant.post("/payments", body, "early-capture");
        assertEquals(409, replay.status(), "the stored answer, not a new attempt");
        assertEquals("true", replay.header("Idempotency-Replayed"));
        assertEquals(200, merchant.post("/payments", body, "new-key").status());
    }

    @Test
    void keysArePerMerchant() {
        SandboxHttp other = new SandboxHttp(sandbox, "sk_test_idempotencyOther");
        String mine = merchant.authorizedOrder(100);
        String theirs = other.authorizedOrder(100);
        var myCapture = SandboxHttp.JSON.createObjectNode().put("order", mine).put("amount", 100).put("currency", "JPY");
        var theirCapture = SandboxHttp.JSON.createObjectNode().put("order", theirs).put("amount", 100).put("currency", "JPY");
        assertEquals(200, merchant.post("/payments", myCapture, "shared-key").status());
        var answer = other.post("/payments", theirCapture, "shared-key");
        assertEquals(200, answer.status(), answer::toString);
        assertNull(answer.header("Idempotency-Replayed"));
    }

    @Test
    void keysExpireAfterSixHours() {
        SmartpaySandbox own = sandbox; // reset before each test: its clock is this test's own
        SandboxHttp m = new SandboxHttp(own, "sk_test_ttl");
        var session = SandboxHttp.checkout("manual", 100, 1, 0);
        String first = m.post("/checkout-sessions", session, "session-key").text("id");
        own.advanceClock(Duration.ofHours(5));
        assertEquals(first, m.post("/checkout-sessions", session, "session-key").text("id"));
        own.advanceClock(Duration.ofHours(1).plusMinutes(1));
        var later = m.post("/checkout-sessions", session, "session-key");
        assertNull(later.header("Idempotency-Replayed"));
        assertTrue(!first.equals(later.text("id")), "a new session after 6 hours");
    }

    /** Default: a second request while the first one with its key is running gets 409 in-use at once. */
    @Test
    void aKeyStillInUseIsAConflictAtOnceAndItsRetryGetsTheAnswer() throws Exception {
        assertEquals(IdempotencyKeyInUse.CONFLICT, sandbox.idempotencyKeyInUse(), "the default");
        String orderId = merchant.authorizedOrder(10_000);
        var body = SandboxHttp.JSON.createObjectNode().put("order", orderId).put("amount", 100)
                .put("currency", "JPY").put("cancelRemainder", "manual");
        sandbox.injectFault(SandboxFault.delay(Duration.ofMillis(500)).times(1).on("POST", "/v1/payments"));
        int before = sandbox.requestCount("POST", "/v1/payments");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<SandboxHttp.Reply> first = pool.submit(() -> merchant.post("/payments", body, "in-use-key"));
            awaitRequests("/v1/payments", before + 1);
            long asked = System.nanoTime();
            var second = merchant.post("/payments", body, "in-use-key");
            long waitedMillis = (System.nanoTime() - asked) / 1_000_000;
            assertEquals(409, second.status(), second::toString);
            assertEquals("idempotency-key.in-use", second.errorCode());
            assertEquals("1", second.header("Retry-After"), "a hint for the caller's backoff");
            assertTrue(waitedMillis < 400, "answered at once, not after the first one: " + waitedMillis + " ms");
            assertTrue(first.get().status() == 200, () -> "the first one went through");
            var retry = merchant.post("/payments", body, "in-use-key");
            assertEquals(200, retry.status());
            assertEquals("true", retry.header("Idempotency-Replayed"));
            assertEquals(first.get().text("id"), retry.text("id"));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(100, sandbox.order(orderId).captured(), "captured once");
    }

    /** The old behaviour, chosen by the test control: everyone waits for the first one and gets its answer. */
    @Test
    void waitAndReplayMakesConcurrentRequestsWithOneKeyShareOneAnswer() throws Exception {
        String orderId = merchant.authorizedOrder(10_000);
        var body = SandboxHttp.JSON.createObjectNode().put("order", orderId).put("amount", 100)
                .put("currency", "JPY").put("cancelRemainder", "manual");
        // hold the first one inside the sandbox so that the others arrive while it runs
        sandbox.injectFault(SandboxFault.delay(Duration.ofMillis(300)).times(1).on("POST", "/v1/payments"));
        sandbox.idempotencyKeyInUse(IdempotencyKeyInUse.WAIT_AND_REPLAY);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<SandboxHttp.Reply>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                Callable<SandboxHttp.Reply> call = () -> {
                    go.await();
                    return merchant.post("/payments", body, "one-capture");
                };
                replies.add(pool.submit(call));
            }
            go.countDown();
            Set<String> ids = new java.util.HashSet<>();
            for (Future<SandboxHttp.Reply> reply : replies) {
                SandboxHttp.Reply r = reply.get();
                assertEquals(200, r.status(), r::toString);
                ids.add(r.text("id"));
            }
            assertEquals(1, ids.size(), "every caller sees the one payment");
        } finally {
            pool.shutdownNow();
            sandbox.idempotencyKeyInUse(IdempotencyKeyInUse.CONFLICT);
        }
        assertEquals(100, sandbox.order(orderId).captured());
        assertEquals(1, sandbox.order(orderId).payments().size());
    }

    @Test
    void theAnswerToAKeyInUseIsATestControlAndAStartUpOption() {
        SandboxHttp controls = new SandboxHttp(sandbox, null);
        try {
            var set = controls.send("PUT", sandbox.rootUrl() + "/__sandbox/idempotency", Map.of("keyInUse", "wait"),
                    Map.of());
            assertEquals(200, set.status(), set::toString);
            assertEquals("wait", set.text("keyInUse"));
            assertEquals(IdempotencyKeyInUse.WAIT_AND_REPLAY, sandbox.idempotencyKeyInUse());
            assertEquals(400, controls.send("PUT", sandbox.rootUrl() + "/__sandbox/idempotency",
                    Map.of("keyInUse", "sometimes"), Map.of()).status());
        } finally {
            sandbox.idempotencyKeyInUse(IdempotencyKeyInUse.CONFLICT);
        }
        assertEquals("conflict", controls.get(sandbox.rootUrl() + "/__sandbox/idempotency").text("keyInUse"));
        try (SmartpaySandbox waiting = SmartpaySandbox.builder()
                .idempotencyKeyInUse(IdempotencyKeyInUse.WAIT_AND_REPLAY).start()) {
            waiting.idempotencyKeyInUse(IdempotencyKeyInUse.CONFLICT);
            waiting.reset();
            assertEquals(IdempotencyKeyInUse.WAIT_AND_REPLAY, waiting.idempotencyKeyInUse(), "reset restores the start-up choice");
        }
        assertEquals(IdempotencyKeyInUse.WAIT_AND_REPLAY, IdempotencyKeyInUse.parse("wait"));
        assertEquals(IdempotencyKeyInUse.CONFLICT, IdempotencyKeyInUse.parse("CONFLICT"));
    }

    @Test
    void recordsAreForgottenOnceTheirSixHoursAreOver() {
        SmartpaySandbox own = sandbox; // reset before each test: its clock is this test's own
        SandboxHttp m = new SandboxHttp(own, "sk_test_forget");
        for (int i = 0; i < 50; i++) {
            assertEquals(200, m.post("/checkout-sessions", SandboxHttp.checkout("manual", 100, 1, 0), "k" + i).status());
        }
        Merchant merchantRecord = own.merchants().forKey("sk_test_forget");
        assertEquals(50, merchantRecord.idempotency.size());
        own.advanceClock(Duration.ofHours(6).plusMinutes(1));
        m.post("/checkout-sessions", SandboxHttp.checkout("manual", 100, 1, 0), "one-more");
        assertEquals(1, merchantRecord.idempotency.size(), "only the new key is kept");
    }

    private static void awaitRequests(String path, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (sandbox.requestCount("POST", path) < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the first request never reached the sandbox");
            }
            Thread.sleep(2);
        }
    }

    @Test
    void getRequestsIgnoreTheKey() {
        String orderId = merchant.createOrder("manual", 100);
        var a = merchant.send("GET", "/orders/" + orderId, null, Map.of("Idempotency-Key", "get-key"));
        sandbox.approve(orderId);
        var b = merchant.send("GET", "/orders/" + orderId, null, Map.of("Idempotency-Key", "get-key"));
        assertEquals("requires_authorization", a.text("status"));
        assertEquals("requires_capture", b.text("status"));
        assertNull(b.header("Idempotency-Replayed"));
    }
}
