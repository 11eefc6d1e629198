package org.bnplkit.smartpay.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.bnplkit.smartpay.sandbox.junit.SmartpaySandboxTest;
import org.junit.jupiter.api.Test;

@SmartpaySandboxTest
class FaultInjectionTest {

    SmartpaySandbox sandbox;
    SandboxHttp merchant;

    @BeforeEach
    void start(SmartpaySandbox started) {
        sandbox = started;
        sandbox.responseTime(java.time.Duration.ZERO); // reset() keeps a response time
        merchant = new SandboxHttp(sandbox, "sk_test_faults");
    }


    static com.fasterxml.jackson.databind.node.ObjectNode captureBody(String orderId, long amount) {
        return SandboxHttp.JSON.createObjectNode().put("order", orderId).put("amount", amount)
                .put("currency", "JPY").put("cancelRemainder", "manual");
    }

    @Test
    void statusFaultAnswersWithoutProcessingThenGoesAway() {
        String orderId = merchant.authorizedOrder(1000);
        sandbox.injectFault(SandboxFault.status(503).times(2).on("POST", "/v1/payments"));
        var first = merchant.post("/payments", captureBody(orderId, 100), "k1");
        var second = merchant.post("/payments", captureBody(orderId, 100), "k1");
        assertEquals(503, first.status());
        assertEquals("service.unavailable", first.errorCode());
        assertEquals(503, second.status());
        assertEquals(0, sandbox.order(orderId).captured(), "nothing processed");
        var third = merchant.post("/payments", captureBody(orderId, 100), "k1");
        assertEquals(200, third.status(), "a retry with the same key runs once the fault is used up");
        assertEquals(100, sandbox.order(orderId).captured());
        assertEquals(3, sandbox.requestCount("POST", "/v1/payments"), "faulted requests are counted too");
    }

    @Test
    void rateLimitWithRetryAfter() {
        sandbox.injectFault(SandboxFault.status(429).retryAfterSeconds(2).on("GET", "/v1/orders"));
        var limited = merchant.get("/orders");
        assertEquals(429, limited.status());
        assertEquals("2", limited.header("Retry-After"));
        assertEquals("request.rate-limited", limited.errorCode());
        assertEquals(200, merchant.get("/orders").status());
    }

    @Test
    void faultsMatchOnlyTheirMethodAndPath() {
        String orderId = merchant.authorizedOrder(1000);
        sandbox.injectFault(SandboxFault.status(500).on("PUT", "/v1/orders/[^/]+/cancellation"));
        assertEquals(200, merchant.get("/orders/" + orderId).status());
        assertEquals(200, merchant.post("/payments", captureBody(orderId, 10)).status());
        assertEquals(500, merchant.put("/orders/" + orderId + "/cancellation").status());
        assertEquals(200, merchant.put("/orders/" + orderId + "/cancellation").status());
    }

    @Test
    void responseTimeSlowsEveryApiRequestUntilSetBackToZero() {
        String orderId = merchant.authorizedOrder(1000);
        sandbox.responseTime(Duration.ofMillis(1500));
        UncheckedIOException slow = assertThrows(UncheckedIOException.class, () -> merchant.send("GET",
                "/orders/" + orderId, null, Map.of(), Duration.ofMillis(300)));
        assertTrue(slow.getCause() instanceof HttpTimeoutException, slow.toString());
        UncheckedIOException slowWrite = assertThrows(UncheckedIOException.class, () -> merchant.send("POST",
                "/payments", captureBody(orderId, 100), Map.of("Idempotency-Key", "slow-capture"), Duration.ofMillis(300)));
        assertTrue(slowWrite.getCause() instanceof HttpTimeoutException, slowWrite.toString());

        sandbox.responseTime(Duration.ZERO);
        assertEquals(200, merchant.send("GET", "/orders/" + orderId, null, Map.of(), Duration.ofSeconds(1)).status());
        assertThrows(IllegalArgumentException.class, () -> sandbox.responseTime(Duration.ofMillis(-1)));
    }

    @Test
    void delayBeyondTheClientTimeoutStillProcesses() throws Exception {
        String orderId = merchant.authorizedOrder(1000);
        sandbox.injectFault(SandboxFault.delay(Duration.ofMillis(800)).on("POST", "/v1/payments"));
        UncheckedIOException timeout = assertThrows(UncheckedIOException.class, () -> merchant.send("POST",
                "/payments", captureBody(orderId, 300), Map.of("Idempotency-Key", "slow"), Duration.ofMillis(200)));
        assertTrue(timeout.getCause() instanceof HttpTimeoutException, timeout.toString());
        long deadline = System.currentTimeMillis() + 5000;
        while (sandbox.order(orderId).captured() == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(300, sandbox.order(orderId).captured(), "the slow request was processed after its delay");
        var retry = merchant.post("/payments", captureBody(orderId, 300), "slow");
        assertEquals("true", retry.header("Idempotency-Replayed"), "the client's retry gets the stored answer");
        assertEquals(300, sandbox.order(orderId).captured());
    }

    @Test
    void dropBeforeCommitLosesTheRequest() {
        String orderId = merchant.authorizedOrder(1000);
        sandbox.injectFault(SandboxFault.dropBeforeCommit().on("POST", "/v1/payments"));
        assertThrows(UncheckedIOException.class, () -> merchant.post("/payments", captureBody(orderId, 300), "drop1"));
        assertEquals(0, sandbox.order(orderId).captured());
        var retry = merchant.post("/payments", captureBody(orderId, 300), "drop1");
        assertEquals(200, retry.status());
        assertEquals(null, retry.header("Idempotency-Replayed"), "nothing was stored: it runs now");
        assertEquals(300, sandbox.order(orderId).captured());
    }

    @Test
    void dropAfterCommitLosesOnlyTheAnswer() {
        String orderId = merchant.authorizedOrder(1000);
        sandbox.injectFault(SandboxFault.dropAfterCommit().on("POST", "/v1/payments"));
        UncheckedIOException dropped = assertThrows(UncheckedIOException.class,
                () -> merchant.post("/payments", captureBody(orderId, 300), "drop2"));
        assertTrue(dropped.getCause() instanceof IOException);
        SandboxOrder order = sandbox.order(orderId);
        assertEquals(300, order.captured(), "the payment exists");
        assertEquals(1, order.payments().size());
        var retry = merchant.post("/payments", captureBody(orderId, 300), "drop2");
        assertEquals(200, retry.status());
        assertEquals("true", retry.header("Idempotency-Replayed"));
        assertEquals(order.payments().get(0).id(), retry.text("id"));
        assertEquals(300, sandbox.order(orderId).captured(), "the retry did not capture again");
    }

    @Test
    void faultsOverHttpControls() {
        SandboxHttp controls = new SandboxHttp(sandbox, null);
        String root = sandbox.rootUrl() + "/__sandbox";
        var armed = controls.post(root + "/faults", Map.of("type", "status", "status", 502, "method", "GET",
                "path", "/v1/orders", "times", 1));
        assertEquals(200, armed.status(), armed::toString);
        assertEquals(1, controls.get(root + "/faults").json().path("data").size());
        assertEquals(502, merchant.get("/orders").status());
        assertEquals(0, controls.get(root + "/faults").json().path("data").size(), "used up");
        controls.post(root + "/faults", Map.of("type", "dropAfterCommit", "path", "/v1/checkout-sessions"));
        assertThrows(UncheckedIOException.class,
                () -> merchant.post("/checkout-sessions", SandboxHttp.checkout("manual", 10, 1, 0)));
        assertEquals(1, merchant.get("/checkout-sessions").json().path("results").asInt());
        controls.post(root + "/faults", Map.of("type", "status", "status", 500));
        assertEquals(204, controls.delete(root + "/faults").status());
        assertEquals(200, merchant.get("/orders").status());
        var count = controls.get(root + "/requests?method=GET&path=/v1/orders").json();
        assertEquals(2, count.path("count").asInt());
        assertEquals("request.invalid", controls.post(root + "/faults", Map.of("type", "explode")).errorCode());
    }
}
