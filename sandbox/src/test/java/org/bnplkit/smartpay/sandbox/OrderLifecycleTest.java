package org.bnplkit.smartpay.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.bnplkit.smartpay.sandbox.junit.SmartpaySandboxTest;
import org.junit.jupiter.api.Test;

@SmartpaySandboxTest
class OrderLifecycleTest {

    static SmartpaySandbox sandbox;
    static SandboxHttp merchant;

    @BeforeAll
    static void start(SmartpaySandbox started) {
        sandbox = started;
        merchant = new SandboxHttp(sandbox, "sk_test_lifecycle1234567890");
    }


    @Test
    void baseUrlsPointAtLoopback() {
        assertEquals("http://127.0.0.1:" + sandbox.port() + "/v1", sandbox.baseUrl());
        assertEquals("http://127.0.0.1:" + sandbox.port(), sandbox.rootUrl());
    }

    @Test
    void checkoutSessionComesBackWithItsOrderExpanded() {
        var reply = merchant.post("/checkout-sessions", SandboxHttp.checkout("manual", 1200, 2, 300));
        assertEquals(200, reply.status(), reply::toString);
        JsonNode session = reply.json();
        assertTrue(session.path("id").asText().matches("checkout_test_[A-Za-z0-9]{22}"), session.toString());
        assertEquals("checkoutSession", session.path("object").asText());
        assertEquals(sandbox.rootUrl() + "/checkout/" + session.path("id").asText(), session.path("url").asText());
        assertTrue(session.path("test").asBoolean());
        JsonNode order = session.path("order");
        assertTrue(order.path("id").asText().matches("order_test_[A-Za-z0-9]{22}"));
        assertEquals("requires_authorization", order.path("status").asText());
        assertEquals(2700, order.path("amount").asLong());
        assertEquals("JPY", order.path("currency").asText());
        assertEquals("order-42", order.path("reference").asText());
        assertFalse(order.has("expiresAt"), "expiresAt is set only on authorization");
        JsonNode line = order.path("lineItems").get(0);
        assertTrue(line.path("id").asText().startsWith("li_test_"));
        assertTrue(line.path("price").path("id").asText().startsWith("price_test_"));
        assertTrue(line.path("price").path("product").path("id").asText().startsWith("product_test_"));
        assertEquals("Matcha", line.path("price").path("product").path("name").asText());
        assertEquals(2, line.path("quantity").asInt());

        JsonNode fetched = merchant.get("/checkout-sessions/" + session.path("id").asText()).json();
        assertEquals(order.path("id").asText(), fetched.path("order").asText(), "order is an id unless expanded");
    }

    @Test
    void manualCaptureInPartsThenRefundsUntilThePaymentIsRefunded() {
        String orderId = merchant.createOrder("manual", 1000);
        long before = sandbox.now();
        sandbox.approve(orderId);
        JsonNode authorized = merchant.get("/orders/" + orderId).json();
        assertEquals("requires_capture", authorized.path("status").asText());
        long expiresAt = authorized.path("expiresAt").asLong();
        assertTrue(expiresAt >= before + TimeUnit.DAYS.toMillis(7) && expiresAt <= sandbox.now() + TimeUnit.DAYS.toMillis(7),
                "expiresAt = authorization + 7 days");

        var first = merchant.capture(orderId, 300, "manual");
        assertEquals(200, first.status(), first::toString);
        assertTrue(first.text("id").matches("payment_test_[A-Za-z0-9]{22}"));
        assertEquals("processed", first.text("status"));
        assertEquals(orderId, first.text("order"));
        assertEquals("requires_capture", sandbox.order(orderId).status());
        assertEquals(700, sandbox.order(orderId).capturable());

        var second = merchant.capture(orderId, 700, "manual");
        assertEquals(200, second.status(), second::toString);
        SandboxOrder captured = sandbox.order(orderId);
        assertEquals("succeeded", captured.status());
        assertEquals(1000, captured.captured());
        assertEquals(2, captured.payments().size());

        String paymentId = first.text("id");
        var refund1 = merchant.refund(paymentId, 100);
        assertEquals(200, refund1.status(), refund1::toString);
        assertTrue(refund1.text("id").startsWith("refund_test_"));
        assertEquals("succeeded", refund1.text("status"));
        assertEquals("processed", merchant.get("/payments/" + paymentId).text("status"), "partly refunded stays processed");
        var refund2 = merchant.refund(paymentId, 200);
        assertEquals(200, refund2.status(), refund2::toString);
        JsonNode payment = merchant.get("/payments/" + paymentId).json();
        assertEquals("refunded", payment.path("status").asText());
        assertEquals(2, payment.path("refunds").size());
        assertEquals(403, merchant.refund(paymentId, 1).status(), "nothing left to refund");
        assertEquals(300, sandbox.order(orderId).refunded());

        JsonNode orderAfter = merchant.get("/orders/" + orderId + "?expand=all").json();
        assertEquals(2, orderAfter.path("payments").size());
        assertEquals("refunded", orderAfter.path("payments").get(0).path("status").asText());
    }

    @Test
    void automaticCaptureCreatesThePaymentOnApproval() {
        String orderId = merchant.createOrder("automatic", 5000);
        sandbox.approve(orderId);
        SandboxOrder order = sandbox.order(orderId);
        assertEquals("succeeded", order.status());
        assertEquals(5000, order.captured());
        assertEquals(1, order.payments().size());
        assertEquals(5000, order.payments().get(0).amount());
        assertNotNull(order.expiresAt());
        assertEquals(409, merchant.capture(orderId, 1, null).status());
        assertEquals(409, merchant.put("/orders/" + orderId + "/cancellation").status(), "auto-captured: refund, not cancel");
    }

    @Test
    void captureMethodDefaultsToAutomatic() {
        String orderId = merchant.createOrder(null, 800);
        sandbox.approve(orderId);
        assertEquals("succeeded", sandbox.order(orderId).status());
    }

    @Test
    void cancelRemainderAutomaticClosesTheOrderAfterOnePartialCapture() {
        String orderId = merchant.authorizedOrder(1000);
        var payment = merchant.capture(orderId, 400, null); // default: automatic
        assertEquals(200, payment.status(), payment::toString);
        SandboxOrder order = sandbox.order(orderId);
        assertEquals("succeeded", order.status());
        assertTrue(order.remainderReleased());
        assertEquals(0, order.capturable());
        var again = merchant.capture(orderId, 100, "manual");
        assertEquals(409, again.status());
        assertEquals("order.cannot-capture", again.errorCode());
    }

    @Test
    void cancellationOfAnOrderWithoutCapturesCancelsIt() {
        String orderId = merchant.authorizedOrder(1000);
        var canceled = merchant.put("/orders/" + orderId + "/cancellation");
        assertEquals(200, canceled.status(), canceled::toString);
        assertEquals("canceled", canceled.text("status"));
        var again = merchant.put("/orders/" + orderId + "/cancellation");
        assertEquals(200, again.status(), "canceled again: 200");
        assertEquals("canceled", again.text("status"));
        assertTrue(sandbox.order(orderId).remainderReleased());
    }

    /** As Smartpay's PHP SDK lifecycle test asserts: 2 partial captures, 2 refunds, cancel -> status succeeded. */
    @Test
    void cancellationAfterPartialCapturesAnswersSucceededAndReleasesTheRest() {
        String orderId = merchant.authorizedOrder(1000);
        assertEquals(200, merchant.capture(orderId, 50, "manual").status());
        assertEquals(200, merchant.capture(orderId, 51, "manual").status());
        String paymentId = sandbox.order(orderId).payments().get(0).id();
        assertEquals(200, merchant.refund(paymentId, 1).status());
        assertEquals(200, merchant.refund(paymentId, 2).status());
        var canceled = merchant.put("/orders/" + orderId + "/cancellation");
        assertEquals(200, canceled.status(), canceled::toString);
        assertEquals("succeeded", canceled.text("status"));
        var again = merchant.put("/orders/" + orderId + "/cancellation");
        assertEquals(200, again.status(), "cancelling again changes nothing: " + again);
        assertEquals("succeeded", again.text("status"));
        SandboxOrder order = sandbox.order(orderId);
        assertEquals(101, order.captured());
        assertEquals(0, order.capturable());
        assertTrue(order.remainderReleased());
        var late = merchant.capture(orderId, 10, "manual");
        assertEquals("order.cannot-capture", late.errorCode());
        assertTrue(late.json().path("message").asText().contains("cancelled"), late::toString);
        assertEquals(200, merchant.refund(paymentId, 47).status(), "payments of a closed order stay refundable");
    }

    @Test
    void theOtherAnswerToCancellingACapturedOrderIsAvailableForTests() {
        sandbox.capturedOrderCancellation(CapturedOrderCancellation.CANCELED);
        String orderId = merchant.authorizedOrder(1000);
        assertEquals(200, merchant.capture(orderId, 300, "manual").status());
        assertEquals("canceled", merchant.put("/orders/" + orderId + "/cancellation").text("status"));
        assertTrue(sandbox.order(orderId).remainderReleased());
        sandbox.reset();
        SandboxHttp again = new SandboxHttp(sandbox, "sk_test_afterReset");
        String next = again.authorizedOrder(1000);
        assertEquals(200, again.capture(next, 300, "manual").status());
        assertEquals("succeeded", again.put("/orders/" + next + "/cancellation").text("status"), "reset restores the default");
    }

    @Test
    void aCaptureOfZeroIsAcceptedAndWithTheDefaultCancelRemainderReleasesEverything() {
        String kept = merchant.authorizedOrder(1000);
        var nothing = merchant.capture(kept, 0, "manual");
        assertEquals(200, nothing.status(), nothing::toString);
        assertEquals(0, nothing.json().path("amount").asLong());
        assertEquals("requires_capture", sandbox.order(kept).status(), "manual: more captures allowed");
        assertEquals(1000, sandbox.order(kept).capturable());
        assertEquals("amount.insufficient", merchant.refund(nothing.text("id"), 1).errorCode());

        String closed = merchant.authorizedOrder(1000);
        assertEquals(200, merchant.capture(closed, 0, null).status());
        SandboxOrder order = sandbox.order(closed);
        assertEquals("succeeded", order.status());
        assertEquals(0, order.captured());
        assertTrue(order.remainderReleased());
        assertEquals("request.invalid", merchant.capture(kept, -1, "manual").errorCode());
    }

    @Test
    void declines() {
        String soft = merchant.createOrder("manual", 100);
        sandbox.decline(soft, false);
        assertEquals("requires_authorization", sandbox.order(soft).status());
        sandbox.approve(soft); // the shopper retried with another card
        assertEquals("requires_capture", sandbox.order(soft).status());

        String hard = merchant.createOrder("manual", 100);
        sandbox.decline(hard, true);
        assertEquals("rejected", sandbox.order(hard).status());
        assertThrows(IllegalStateException.class, () -> sandbox.approve(hard));
        assertEquals("order.cannot-cancel", merchant.put("/orders/" + hard + "/cancellation").errorCode());
    }

    @Test
    void javaControlsRejectUnknownOrdersAndWrongStates() {
        assertThrows(IllegalArgumentException.class, () -> sandbox.approve("order_test_doesNotExist0000000000"));
        assertThrows(IllegalArgumentException.class, () -> sandbox.order("order_test_doesNotExist0000000000"));
        String orderId = merchant.createOrder("manual", 100);
        assertThrows(IllegalStateException.class, () -> sandbox.expire(orderId), "only requires_capture expires");
    }

    @Test
    void expireAndClockCancelAuthorizations() {
        String expired = merchant.authorizedOrder(900);
        sandbox.expire(expired);
        assertEquals("canceled", merchant.get("/orders/" + expired).text("status"));

        SmartpaySandbox own = sandbox; // reset before each test: its clock is this test's own
        SandboxHttp m = new SandboxHttp(own, "sk_test_clock");
        String orderId = m.authorizedOrder(1000);
        assertEquals(200, m.capture(orderId, 100, "manual").status());
        String uncaptured = m.authorizedOrder(500);
        own.advanceClock(Duration.ofDays(6));
        assertEquals("requires_capture", own.order(orderId).status());
        long created = m.post("/checkout-sessions", SandboxHttp.checkout("manual", 10, 1, 0)).json()
                .path("createdAt").asLong();
        assertTrue(created >= System.currentTimeMillis() + TimeUnit.DAYS.toMillis(6) - 60_000,
                "createdAt follows the sandbox clock");
        own.advanceClock(Duration.ofDays(1).plusMinutes(1));
        assertEquals("canceled", own.order(uncaptured).status());
        assertEquals("succeeded", own.order(orderId).status(), "what was captured stays; the rest is released");
        assertTrue(own.order(orderId).remainderReleased());
        var late = m.capture(orderId, 100, "manual");
        assertEquals(409, late.status());
        assertEquals("order.cannot-capture", late.errorCode());
        assertTrue(late.json().path("message").asText().contains("expired"), late::toString);
    }

    @Test
    void liveKeysMakeLiveObjects() {
        SandboxHttp live = new SandboxHttp(sandbox, "sk_live_lifecycle1234567890");
        JsonNode session = live.post("/checkout-sessions", SandboxHttp.checkout("manual", 100, 1, 0)).json();
        assertTrue(session.path("id").asText().startsWith("checkout_live_"));
        assertFalse(session.path("test").asBoolean());
        assertTrue(session.path("order").path("id").asText().startsWith("order_live_"));
        assertFalse(sandbox.order(session.path("order").path("id").asText()).test());
    }

    @Test
    void eachSecretKeyIsItsOwnMerchant() {
        SandboxHttp other = new SandboxHttp(sandbox, "sk_test_someoneElse123");
        String orderId = merchant.authorizedOrder(500);
        String paymentId = merchant.capture(orderId, 500, null).text("id");
        assertEquals("order.not-found", other.get("/orders/" + orderId).errorCode());
        assertEquals(404, other.get("/orders/" + orderId).status());
        assertEquals("payment.not-found", other.get("/payments/" + paymentId).errorCode());
        assertEquals("payment.not-found", other.refund(paymentId, 1).errorCode());
        assertEquals("order.not-found", other.put("/orders/" + orderId + "/cancellation").errorCode());
        assertEquals(0, other.get("/orders").json().path("results").asInt());
        SandboxHttp live = new SandboxHttp(sandbox, "sk_live_lifecycle1234567890");
        assertEquals(404, live.get("/orders/" + orderId).status(), "test objects are invisible to live keys");
    }

    @Test
    void updatesChangeReferenceDescriptionAndMetadata() {
        String orderId = merchant.authorizedOrder(600);
        String paymentId = merchant.capture(orderId, 600, null).text("id");
        var updated = merchant.patch("/payments/" + paymentId,
                SandboxHttp.JSON.createObjectNode().put("reference", "updated").put("description", "first box")
                        .set("metadata", SandboxHttp.JSON.createObjectNode().put("box", "1")));
        assertEquals(200, updated.status(), updated::toString);
        JsonNode payment = merchant.get("/payments/" + paymentId).json();
        assertEquals("updated", payment.path("reference").asText());
        assertEquals("first box", payment.path("description").asText());
        assertEquals("1", payment.path("metadata").path("box").asText());

        String refundId = merchant.refund(paymentId, 10).text("id");
        assertEquals(200, merchant.patch("/refunds/" + refundId,
                SandboxHttp.JSON.createObjectNode().put("reference", "rma-7")).status());
        assertEquals("rma-7", merchant.get("/refunds/" + refundId).text("reference"));
    }
}
