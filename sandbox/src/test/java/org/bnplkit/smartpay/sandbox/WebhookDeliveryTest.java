package org.bnplkit.smartpay.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bnplkit.smartpay.client.webhook.WebhookSignatureVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookDeliveryTest {

    SmartpaySandbox sandbox;
    SandboxHttp merchant;
    WebhookReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        sandbox = SmartpaySandbox.builder()
                .webhookRetries(4, Duration.ofMillis(20), Duration.ofMillis(100))
                .start();
        merchant = new SandboxHttp(sandbox, "sk_test_webhooks");
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stop() {
        sandbox.close();
        receiver.close();
    }

    JsonNode register(String... events) {
        ObjectNode body = SandboxHttp.JSON.createObjectNode().put("url", receiver.url()).put("description", "shop");
        if (events.length > 0) {
            var subscriptions = body.putArray("eventSubscriptions");
            for (String event : events) {
                subscriptions.add(event);
            }
        }
        var reply = merchant.post("/webhook-endpoints", body);
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    @Test
    void endpointCrud() {
        JsonNode endpoint = register("order.authorized");
        String id = endpoint.path("id").asText();
        assertTrue(id.matches("webhookendpoint_test_[A-Za-z0-9]{22}"), id);
        assertEquals("webhookEndpoint", endpoint.path("object").asText());
        assertTrue(endpoint.path("active").asBoolean());
        String secret = endpoint.path("signingSecret").asText();
        assertTrue(secret.matches("[A-Za-z0-9]{39,41}"), secret);
        assertEquals(30, SmartpayBase62.decode(secret).length);
        assertEquals(receiver.url(), merchant.get("/webhook-endpoints/" + id).text("url"));
        var patched = merchant.patch("/webhook-endpoints/" + id, Map.of("active", false, "eventSubscriptions",
                List.of("order.canceled")));
        assertFalse(patched.json().path("active").asBoolean());
        assertEquals("order.canceled", patched.json().path("eventSubscriptions").get(0).asText());
        assertEquals(1, merchant.get("/webhook-endpoints").json().path("results").asInt());
        assertEquals(204, merchant.delete("/webhook-endpoints/" + id).status());
        assertEquals(404, merchant.get("/webhook-endpoints/" + id).status());
        assertEquals(0, merchant.get("/webhook-endpoints").json().path("results").asInt());
        assertEquals("request.invalid", merchant.post("/webhook-endpoints", Map.of("url", "not a url")).errorCode());
        assertEquals("request.invalid", merchant.post("/webhook-endpoints",
                Map.of("url", receiver.url(), "eventSubscriptions", List.of("order.exploded"))).errorCode());
    }

    @Test
    void deliveriesAreSignedWithTheFourHeaders() throws Exception {
        JsonNode endpoint = register();
        String secret = endpoint.path("signingSecret").asText();
        String orderId = merchant.createOrder("automatic", 2000);
        long before = System.currentTimeMillis();
        sandbox.approve(orderId);
        sandbox.awaitWebhookDeliveries(2, Duration.ofSeconds(5));
        assertTrue(sandbox.awaitWebhooksIdle(Duration.ofSeconds(5)));

        WebhookReceiver.Received authorized = receiver.ofType("order.authorized").get(0);
        JsonNode event = SandboxHttp.JSON.readTree(authorized.body());
        assertTrue(event.path("id").asText().matches("evt_test_[A-Za-z0-9]{22}"));
        assertEquals("event", event.path("object").asText());
        assertTrue(event.path("test").asBoolean());
        assertEquals("2022-02-18", event.path("eventData").path("version").asText());
        assertEquals(orderId, event.path("eventData").path("data").path("id").asText());
        assertEquals("order", event.path("eventData").path("data").path("object").asText());

        String timestamp = authorized.header("Smartpay-Signature-Timestamp");
        assertTrue(Long.parseLong(timestamp) >= before, "signed at delivery time, in ms");
        assertEquals(endpoint.path("id").asText(), authorized.header("Smartpay-Subscription-Id"));
        assertEquals(event.path("id").asText(), authorized.header("Smartpay-Event-Id"));
        assertEquals(WebhookSigningTest.independentSignature(secret, timestamp, authorized.body()),
                authorized.header("Smartpay-Signature"));
        // and the module's own verifier (written separately, in the client package) accepts it
        new WebhookSignatureVerifier(secret).verify(authorized.body(), authorized.header("Smartpay-Signature"),
                timestamp);

        WebhookReceiver.Received payment = receiver.ofType("payment.created").get(0);
        JsonNode paymentEvent = SandboxHttp.JSON.readTree(payment.body());
        assertEquals(orderId, paymentEvent.path("eventData").path("data").path("order").asText());
        assertEquals(WebhookSigningTest.independentSignature(secret,
                payment.header("Smartpay-Signature-Timestamp"), payment.body()), payment.header("Smartpay-Signature"));
    }

    @Test
    void everyLifecycleEventIsDelivered() throws Exception {
        register();
        String manual = merchant.authorizedOrder(1000);
        String paymentId = merchant.capture(manual, 400, "manual").text("id");
        merchant.refund(paymentId, 100);
        merchant.put("/orders/" + manual + "/cancellation"); // with a capture: succeeded, and no order.canceled
        String uncaptured = merchant.authorizedOrder(500);
        merchant.put("/orders/" + uncaptured + "/cancellation");
        String rejected = merchant.createOrder("manual", 100);
        sandbox.decline(rejected, true);
        String couponId = merchant.post("/coupons", Map.of("name", "5%", "discountType", "percentage",
                "discountPercentage", 5)).text("id");
        merchant.post("/promotion-codes", Map.of("coupon", couponId, "code", "WELCOME"));
        String tokenId = merchant.post("/checkout-sessions", ErrorResponsesTest.tokenSession()).json()
                .path("token").path("id").asText();
        sandbox.approveToken(tokenId);
        sandbox.awaitWebhookDeliveries(10, Duration.ofSeconds(5));
        assertTrue(sandbox.awaitWebhooksIdle(Duration.ofSeconds(5)));
        for (String type : List.of("payment.created", "refund.created", "order.canceled",
                "order.rejected", "coupon.created", "promotion_code.created", "token.created", "token.approved")) {
            assertEquals(1, receiver.ofType(type).size(), type);
        }
        assertEquals(2, receiver.ofType("order.authorized").size());
        String canceledId = SandboxHttp.JSON.readTree(receiver.ofType("order.canceled").get(0).body())
                .path("eventData").path("data").path("id").asText();
        assertEquals(uncaptured, canceledId, "only the order without captures was canceled");
    }

    @Test
    void subscriptionsAndInactiveEndpointsFilterDeliveries() {
        register("order.canceled");
        String inactive = register().path("id").asText();
        merchant.patch("/webhook-endpoints/" + inactive, Map.of("active", false));
        String orderId = merchant.authorizedOrder(100);
        sandbox.expire(orderId);
        sandbox.awaitWebhookDeliveries(1, Duration.ofSeconds(5));
        assertTrue(sandbox.awaitWebhooksIdle(Duration.ofSeconds(5)));
        assertEquals(1, receiver.received.size(), "only the subscribed, active endpoint");
        assertEquals(1, receiver.ofType("order.canceled").size());
    }

    @Test
    void otherMerchantsEndpointsGetNothing() {
        new SandboxHttp(sandbox, "sk_test_someoneElse").post("/webhook-endpoints", Map.of("url", receiver.url()));
        String orderId = merchant.authorizedOrder(100);
        assertEquals("requires_capture", sandbox.order(orderId).status());
        assertTrue(sandbox.awaitWebhooksIdle(Duration.ofSeconds(5)));
        assertEquals(0, receiver.received.size());
    }

    @Test
    void failedDeliveriesAreRetriedWithTheSameEventId() throws Exception {
        receiver.answer(500, 503);
        String secret = register("order.authorized").path("signingSecret").asText();
        String orderId = merchant.createOrder("manual", 100);
        sandbox.approve(orderId);
        List<WebhookDelivery> log = sandbox.awaitWebhookDeliveries(3, Duration.ofSeconds(5));
        assertTrue(sandbox.awaitWebhooksIdle(Duration.ofSeconds(5)));
        assertEquals(3, receiver.received.size());
        assertEquals(List.of(500, 503, 200), log.stream().map(WebhookDelivery::statusCode).toList());
        assertEquals(List.of(1, 2, 3), log.stream().map(WebhookDelivery::attempt).toList());
        assertEquals(1, log.stream().map(WebhookDelivery::eventId).distinct().count(), "same event id");
        assertEquals(1, receiver.received.stream().map(r -> r.header("Smartpay-Event-Id")).distinct().count());
        assertEquals(1, receiver.received.stream().map(WebhookReceiver.Received::bodyText).distinct().count(),
                "same body bytes");
        for (WebhookReceiver.Received r : receiver.received) {
            assertEquals(WebhookSigningTest.independentSignature(secret, r.header("Smartpay-Signature-Timestamp"),
                    r.body()), r.header("Smartpay-Signature"));
        }
        assertTrue(log.get(2).succeeded());
    }

    /** "No response or a response other than 200 will indicate an error to Smartpay" (docs: webhooks-overview). */
    @Test
    void onlyA200AcknowledgesADelivery() {
        receiver.answer(204, 202);
        register("order.authorized");
        sandbox.approve(merchant.createOrder("manual", 100));
        List<WebhookDelivery> log = sandbox.awaitWebhookDeliveries(3, Duration.ofSeconds(5));
        assertTrue(sandbox.awaitWebhooksIdle(Duration.ofSeconds(5)));
        assertEquals(List.of(204, 202, 200), log.stream().map(WebhookDelivery::statusCode).toList());
        assertTrue(!log.get(0).succeeded() && log.get(2).succeeded());
    }

    @Test
    void retriesStopAfterMaxAttemptsAndUnreachableEndpointsAreLogged() {
        receiver.answer(500, 500, 500, 500, 500);
        register("order.authorized");
        merchant.post("/webhook-endpoints", Map.of("url", "http://127.0.0.1:1/nobody-listens",
                "eventSubscriptions", List.of("order.authorized")));
        sandbox.approve(merchant.createOrder("manual", 100));
        assertTrue(sandbox.awaitWebhooksIdle(Duration.ofSeconds(10)));
        List<WebhookDelivery> log = sandbox.webhookDeliveries();
        assertEquals(8, log.size(), "4 attempts to each endpoint: " + log);
        assertEquals(4, receiver.received.size());
        WebhookDelivery unreachable = log.stream().filter(d -> d.url().contains(":1/")).findFirst().orElseThrow();
        assertEquals(-1, unreachable.statusCode());
        assertTrue(unreachable.error() != null && !unreachable.error().isEmpty());
    }

    @Test
    void deliveryLogIsReadableOverHttp() {
        register();
        String orderId = merchant.createOrder("manual", 100);
        sandbox.approve(orderId);
        sandbox.awaitWebhookDeliveries(1, Duration.ofSeconds(5));
        JsonNode log = new SandboxHttp(sandbox, null).get(sandbox.rootUrl() + "/__sandbox/webhook-deliveries").json();
        JsonNode first = log.path("data").get(0);
        assertEquals("order.authorized", first.path("type").asText());
        assertEquals(200, first.path("statusCode").asInt());
        assertTrue(first.path("body").asText().contains(orderId));
        assertNotEquals("", first.path("signature").asText());
    }

    @Test
    void resetDropsPendingRetries() throws Exception {
        sandbox.webhookRetries(5, Duration.ofMillis(300), Duration.ofMillis(300));
        receiver.answer(500, 500, 500, 500);
        register();
        sandbox.approve(merchant.createOrder("manual", 100));
        sandbox.awaitWebhookDeliveries(1, Duration.ofSeconds(5));
        sandbox.reset();
        Thread.sleep(700);
        assertEquals(0, sandbox.webhookDeliveries().size());
        assertEquals(1, receiver.received.size(), "no retry after reset");
    }
}
