package org.bnplkit.smartpay.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.bnplkit.smartpay.sandbox.junit.SmartpaySandboxTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every documented error code, with Smartpay's status and body shape. */
@SmartpaySandboxTest
class ErrorResponsesTest {

    static SmartpaySandbox sandbox;
    static SandboxHttp merchant;

    @BeforeAll
    static void start(SmartpaySandbox started) {
        sandbox = started;
        merchant = new SandboxHttp(sandbox, "sk_test_errors0000000000");
    }


    static void assertError(SandboxHttp.Reply reply, int status, String errorCode) {
        assertEquals(status, reply.status(), reply::toString);
        JsonNode body = reply.json();
        assertEquals(status, body.path("statusCode").asInt(), reply::toString);
        assertEquals(errorCode, body.path("errorCode").asText(), reply::toString);
        assertFalse(body.path("message").asText().isEmpty(), reply::toString);
        assertTrue(body.path("details").isArray(), reply::toString);
    }

    @Test
    void orderCannotCapture() {
        String orderId = merchant.createOrder("manual", 100); // not authorized yet
        var reply = merchant.capture(orderId, 100, null);
        assertError(reply, 409, "order.cannot-capture");
    }

    @Test
    void paymentExcessiveAmount() {
        String orderId = merchant.authorizedOrder(1000);
        assertEquals(200, merchant.capture(orderId, 600, "manual").status());
        var reply = merchant.capture(orderId, 401, "manual");
        assertError(reply, 409, "payment.excessive-amount");
        assertTrue(reply.json().path("message").asText().contains("400"), "names what is still available");
        assertEquals(600, sandbox.order(orderId).captured());
    }

    @Test
    void orderCannotCancel() {
        String orderId = merchant.createOrder("manual", 100);
        assertError(merchant.put("/orders/" + orderId + "/cancellation"), 409, "order.cannot-cancel");
    }

    @Test
    void amountInsufficient() {
        String orderId = merchant.authorizedOrder(500);
        String paymentId = merchant.capture(orderId, 500, null).text("id");
        assertError(merchant.refund(paymentId, 501), 403, "amount.insufficient");
        assertEquals(0, sandbox.order(orderId).refunded());
    }

    @ParameterizedTest
    @CsvSource({
            "/orders/order_test_missing000000000000000, order.not-found",
            "/payments/payment_test_missing00000000000000, payment.not-found",
            "/refunds/refund_test_missing000000000000000, refund.not-found",
            "/checkout-sessions/checkout_test_missing0000000000000, checkout-session.not-found",
            "/webhook-endpoints/webhookendpoint_test_missing00000000, webhook-endpoint.not-found",
            "/coupons/coupon_test_missing000000000000000, coupon.not-found",
            "/promotion-codes/promotioncode_test_missing0000000, promotion-code.not-found",
            "/tokens/paytok_test_missing000000000000000, token.not-found"})
    void unknownIdsAreNotFound(String path, String errorCode) {
        assertError(merchant.get(path), 404, errorCode);
    }

    @Test
    void captureOrRefundOfUnknownObjects() {
        assertError(merchant.capture("order_test_missing000000000000000", 1, null), 404, "order.not-found");
        assertError(merchant.refund("payment_test_missing00000000000000", 1), 404, "payment.not-found");
        assertError(merchant.put("/orders/order_test_missing000000000000000/cancellation"), 404, "order.not-found");
    }

    @Test
    void requestInvalidNamesTheBadFields() {
        var reply = merchant.post("/payments", Map.of("amount", "ten", "currency", "yen"));
        assertError(reply, 400, "request.invalid");
        String details = reply.json().path("details").toString();
        assertTrue(details.contains("\"order\""), details);
        assertTrue(details.contains("\"amount\""), details);
        assertTrue(details.contains("\"currency\""), details);
    }

    @Test
    void requestMalformedForUndecodableJson() {
        var reply = merchant.post("/checkout-sessions", "{\"amount\": 12,,}");
        assertError(reply, 400, "request.malformed");
    }

    @Test
    void unauthorizedWithoutAValidSecretKey() {
        SandboxHttp anonymous = new SandboxHttp(sandbox, null);
        for (SandboxHttp.Reply reply : new SandboxHttp.Reply[] {
                anonymous.get("/orders"),
                new SandboxHttp(sandbox, "pk_test_publicKeyIsNotEnough").get("/orders"),
                new SandboxHttp(sandbox, "sk_test_bad-characters!").get("/orders"),
                anonymous.send("GET", "/orders", null, Map.of("Authorization", "Bearer sk_test_abc"))}) {
            assertEquals(401, reply.status(), reply::toString);
            JsonNode body = reply.json();
            assertEquals(401, body.path("statusCode").asInt());
            assertEquals("Basic", body.path("scheme").asText());
            assertFalse(body.path("realm").asText().isEmpty());
            assertFalse(reply.body().contains("publicKeyIsNotEnough") || reply.body().contains("bad-characters")
                    || reply.body().contains("sk_test_abc"), "never echoes the credential");
        }
    }

    @Test
    void standardBasicAuthWithTheKeyAsUserIsAlsoAccepted() {
        String orderId = merchant.createOrder("manual", 100);
        String encoded = Base64.getEncoder().encodeToString((merchant.secretKey + ":").getBytes());
        var reply = new SandboxHttp(sandbox, null).send("GET", "/orders/" + orderId, null,
                Map.of("Authorization", "Basic " + encoded));
        assertEquals(200, reply.status(), reply::toString);
    }

    @Test
    void unknownRoutesAndMethods() {
        assertError(merchant.get("/nothing-here"), 404, "route.not-found");
        assertError(merchant.delete("/orders"), 405, "request.method-not-allowed");
    }

    @Test
    void badListParameters() {
        assertError(merchant.get("/orders?maxResults=0"), 400, "request.invalid");
        assertError(merchant.get("/orders?maxResults=abc"), 400, "request.invalid");
        assertError(merchant.get("/orders?expand=everything"), 400, "request.invalid");
        assertError(merchant.get("/orders?pageToken=garbage"), 400, "request.invalid");
    }

    @Test
    void tokenErrors() {
        JsonNode session = merchant.post("/checkout-sessions", tokenSession()).json();
        String tokenId = session.path("token").path("id").asText();
        assertError(merchant.put("/tokens/" + tokenId + "/enable"), 404, "token.not-found");
        var order = SandboxHttp.checkout("manual", 100, 1, 0);
        order.put("token", tokenId);
        assertError(merchant.post("/orders", order), 400, "token.invalid");
        order.put("token", "paytok_test_missing000000000000000");
        assertError(merchant.post("/orders", order), 404, "token.not-found");
    }

    @Test
    void promotionCodeErrors() {
        var missingCoupon = SandboxHttp.JSON.createObjectNode().put("coupon", "coupon_test_missing000000000000000")
                .put("code", "SPRING");
        assertError(merchant.post("/promotion-codes", missingCoupon), 404, "coupon.not-found");
        String couponId = merchant.post("/coupons", Map.of("name", "10%", "discountType", "percentage",
                "discountPercentage", 10)).text("id");
        var code = SandboxHttp.JSON.createObjectNode().put("coupon", couponId).put("code", "SPRING");
        assertEquals(200, merchant.post("/promotion-codes", code).status());
        assertError(merchant.post("/promotion-codes", code.put("code", "spring")), 409, "promotion-code.exists");
    }

    static com.fasterxml.jackson.databind.node.ObjectNode tokenSession() {
        var body = SandboxHttp.JSON.createObjectNode();
        body.put("mode", "token");
        body.put("successUrl", "https://shop.example/ok");
        body.put("cancelUrl", "https://shop.example/ko");
        body.putObject("customerInfo").put("emailAddress", "hanako@example.jp");
        return body;
    }
}
