package org.bnplkit.smartpay.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.bnplkit.smartpay.sandbox.junit.SmartpaySandboxTest;
import org.junit.jupiter.api.Test;

/** The HTTP test controls under /__sandbox mirror the Java ones. */
@SmartpaySandboxTest
class ControlApiTest {

    SmartpaySandbox sandbox;
    SandboxHttp merchant;
    SandboxHttp controls;
    String root;

    @BeforeEach
    void start(SmartpaySandbox started) {
        sandbox = started;
        merchant = new SandboxHttp(sandbox, "sk_test_controls");
        controls = new SandboxHttp(sandbox, null);
        root = sandbox.rootUrl() + "/__sandbox";
    }


    @Test
    void approveDeclineAuthorizeAndReadOrders() {
        String a = merchant.createOrder("manual", 100);
        JsonNode approved = controls.post(root + "/orders/" + a + "/approve", "").json();
        assertEquals("requires_capture", approved.path("status").asText());
        assertEquals(100, approved.path("capturable").asLong());

        String b = merchant.createOrder("manual", 100);
        assertEquals("requires_authorization",
                controls.post(root + "/orders/" + b + "/decline?hard=false", "").json().path("status").asText());
        assertEquals("rejected", controls.post(root + "/orders/" + b + "/decline", "").json().path("status").asText());

        String c = merchant.createOrder("automatic", 300);
        JsonNode authorized = controls.post(root + "/orders/" + c + "/authorize?outcome=approve", "").json();
        assertEquals("succeeded", authorized.path("status").asText());
        assertEquals(300, authorized.path("captured").asLong());
        assertEquals(1, authorized.path("payments").size());
        assertEquals("succeeded", controls.get(root + "/orders/" + c).json().path("status").asText());

        var conflict = controls.post(root + "/orders/" + c + "/approve", "");
        assertEquals(409, conflict.status());
        assertEquals("order.cannot-authorize", conflict.errorCode());
        assertEquals(404, controls.post(root + "/orders/order_test_nothing0000000000000000/approve", "").status());
    }

    @Test
    void expireAndClock() {
        String expired = merchant.authorizedOrder(100);
        assertEquals("canceled", controls.post(root + "/orders/" + expired + "/expire", "").json().path("status").asText());

        String later = merchant.authorizedOrder(100);
        long before = controls.get(root + "/clock").json().path("now").asLong();
        JsonNode clock = controls.post(root + "/clock/advance?days=7&minutes=1", "").json();
        assertTrue(clock.path("now").asLong() - before >= 7L * 24 * 3600 * 1000);
        assertEquals("canceled", merchant.get("/orders/" + later).text("status"));
        assertEquals("request.invalid", controls.post(root + "/clock/advance?duration=soon", "").errorCode());
        controls.post(root + "/clock/advance", Map.of("duration", "PT1H"));
        assertTrue(controls.get(root + "/clock").json().path("offsetMillis").asLong() >= (7L * 24 + 1) * 3600 * 1000);
    }

    @Test
    void tokensRequestCountsRetriesAndReset() {
        JsonNode session = merchant.post("/checkout-sessions", ErrorResponsesTest.tokenSession()).json();
        String tokenId = session.path("token").path("id").asText();
        assertEquals("rejected", controls.post(root + "/tokens/" + tokenId + "/reject", "").json().path("status").asText());

        merchant.get("/orders");
        merchant.get("/orders");
        assertEquals(2, controls.get(root + "/requests?method=GET&path=/v1/orders").json().path("count").asInt());
        assertEquals(2, sandbox.requestCount("GET", "/v1/orders"));
        assertEquals(3, sandbox.requestCount("*", "/v1/.*"));

        JsonNode retries = controls.send("PUT", root + "/webhook-retries", Map.of("maxAttempts", 2,
                "initialBackoffMillis", 5, "maxBackoffMillis", 10), Map.of()).json();
        assertEquals(2, retries.path("maxAttempts").asInt());

        assertEquals(200, controls.post(root + "/reset", "").status());
        assertEquals(0, merchant.get("/checkout-sessions").json().path("results").asInt(), "objects forgotten");
        assertEquals(1, sandbox.requestCount("*", ".*"), "counts restarted");
        assertEquals(0, controls.get(root + "/clock").json().path("offsetMillis").asLong());
        assertEquals(404, controls.get(root + "/nothing").status());
    }
}
