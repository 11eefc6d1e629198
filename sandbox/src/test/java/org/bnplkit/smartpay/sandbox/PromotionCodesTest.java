package org.bnplkit.smartpay.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Coupons and promotion codes change the order the shopper approves (docs/offer-discounts, the promotion code object):
 * the amount to collect drops by the discount, discountAmount and discounts show it, redemptions are counted and
 * limited.
 */
class PromotionCodesTest {

    static SmartpaySandbox sandbox;
    SandboxHttp merchant;

    @BeforeAll
    static void start() {
        sandbox = SmartpaySandbox.start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void newMerchant() {
        sandbox.reset();
        merchant = new SandboxHttp(sandbox, "sk_test_promotions");
    }

    private String coupon(Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.putIfAbsent("name", "a coupon");
        var reply = merchant.post("/coupons", body);
        assertEquals(200, reply.status(), reply::toString);
        return reply.text("id");
    }

    private String promotionCode(String couponId, String code, Map<String, Object> limits) {
        Map<String, Object> body = new HashMap<>(limits);
        body.put("coupon", couponId);
        body.put("code", code);
        var reply = merchant.post("/promotion-codes", body);
        assertEquals(200, reply.status(), reply::toString);
        return reply.text("id");
    }

    private String yenOff(long amount, String code, Map<String, Object> limits) {
        String couponId = coupon(Map.of("discountType", "amount", "discountAmount", amount, "currency", "JPY"));
        return promotionCode(couponId, code, limits);
    }

    /** A session as a store creates it; returns the session JSON. */
    private JsonNode session(String captureMethod, long amount, String email) {
        ObjectNode body = SandboxHttp.checkout(captureMethod, amount, 1, 0);
        ((ObjectNode) body.get("customerInfo")).put("emailAddress", email);
        var reply = merchant.post("/checkout-sessions", body);
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    @Test
    void aCodeOnTheSessionUrlLowersWhatTheShopperApprovesAndTheMerchantCaptures() {
        yenOff(500, "SAKURA", Map.of());
        JsonNode session = session("manual", 3000, "hanako@example.jp");
        String orderId = session.path("order").path("id").asText();
        String url = session.path("url").asText() + "?promotion-code=sakura"; // as the SDKs' getSessionUrl add it

        var page = merchant.get(url);
        assertEquals(200, page.status());
        assertTrue(page.body().contains("SAKURA") && page.body().contains("-¥500"), page.body());
        assertTrue(page.body().contains("<th id=\"total\">¥2,500</th>"), page.body());
        assertTrue(page.body().contains("/approve?promotion-code=sakura"), "the approval carries the code");

        var approved = merchant.post(session.path("url").asText() + "/approve?promotion-code=sakura", "");
        assertEquals(303, approved.status(), approved::toString);
        JsonNode order = merchant.get("/orders/" + orderId + "?expand=all").json();
        assertEquals(2500, order.path("amount").asLong(), "the amount to collect");
        assertEquals(500, order.path("discountAmount").asLong());
        JsonNode discount = order.path("discounts").get(0);
        assertEquals("discount", discount.path("object").asText());
        assertEquals(500, discount.path("amount").asLong());
        assertEquals("JPY", discount.path("currency").asText());
        assertTrue(discount.path("promotionCode").asText().startsWith("promotioncode_test_"));
        assertTrue(merchant.get("/orders/" + orderId).json().path("discounts").get(0).isTextual(), "ids unless expanded");
        assertEquals(500, sandbox.order(orderId).discountAmount());

        assertEquals("payment.excessive-amount", merchant.capture(orderId, 2501, null).errorCode());
        assertEquals(200, merchant.capture(orderId, 2500, null).status());
        assertEquals("succeeded", sandbox.order(orderId).status());
        JsonNode code = merchant.get("/promotion-codes/" + discount.path("promotionCode").asText()).json();
        assertEquals(1, code.path("redemptionCount").asLong());
        assertEquals(1, merchant.get("/coupons/" + code.path("coupon").asText()).json().path("redemptionCount").asLong());
    }

    @Test
    void aPercentageIsRoundedDownToTheYenAndAutomaticCaptureTakesTheLoweredAmount() {
        String couponId = coupon(Map.of("discountType", "percentage", "discountPercentage", 10));
        promotionCode(couponId, "TENOFF", Map.of());
        String orderId = session("automatic", 1234, "jiro@example.jp").path("order").path("id").asText();
        sandbox.approve(orderId, "TENOFF");
        SandboxOrder order = sandbox.order(orderId);
        assertEquals(123, order.discountAmount(), "10 % of ¥1,234, rounded down");
        assertEquals(1111, order.amount());
        assertEquals(1111, order.captured(), "the automatic capture takes what the shopper approved");
    }

    @Test
    void redemptionLimitsOfTheCodeAndOfItsCoupon() {
        yenOff(100, "ONCE", Map.of("maxRedemptionCount", 1));
        sandbox.approve(session("manual", 1000, "a@example.jp").path("order").path("id").asText(), "ONCE");
        String second = session("manual", 1000, "b@example.jp").path("order").path("id").asText();
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> sandbox.approve(second, "ONCE"));
        assertTrue(refused.getMessage().contains("promotion-code.cannot-redeem"), refused.getMessage());
        assertTrue(refused.getMessage().contains("maximum"), refused.getMessage());
        assertEquals("requires_authorization", sandbox.order(second).status(), "nothing changed");

        String shared = coupon(Map.of("discountType", "amount", "discountAmount", 50, "currency", "JPY",
                "maxRedemptionCount", 1));
        promotionCode(shared, "SPRING", Map.of());
        promotionCode(shared, "AUTUMN", Map.of());
        sandbox.approve(session("manual", 1000, "c@example.jp").path("order").path("id").asText(), "SPRING");
        String other = session("manual", 1000, "d@example.jp").path("order").path("id").asText();
        assertTrue(assertThrows(IllegalStateException.class, () -> sandbox.approve(other, "AUTUMN")).getMessage()
                .contains("coupon"), "the coupon's limit counts every code");
    }

    @Test
    void aRefusedCodeOnTheHostedPageIsShownAndTheShopperApprovesAtFullPrice() {
        yenOff(300, "BIGSPEND", Map.of("minimumAmount", 5000, "currency", "JPY"));
        JsonNode session = session("manual", 1000, "e@example.jp");
        var page = merchant.get(session.path("url").asText() + "?promotion-code=BIGSPEND&locale=ja");
        assertTrue(page.body().contains("このプロモーションコードは使えません"), page.body());
        assertTrue(page.body().contains("minimum amount"), page.body());
        assertTrue(page.body().contains("<th id=\"total\">¥1,000</th>"), page.body());
        assertEquals(303, merchant.post(session.path("url").asText() + "/approve?promotion-code=BIGSPEND", "").status());
        SandboxOrder order = sandbox.order(session.path("order").path("id").asText());
        assertEquals("requires_capture", order.status());
        assertEquals(1000, order.amount());
        assertEquals(0, order.discountAmount());
    }

    @Test
    void expiredInactiveUnknownAndPerCustomerCodesAreRefused() {
        yenOff(100, "SOON", Map.of("expiresAt", sandbox.now() + Duration.ofDays(1).toMillis()));
        String paused = yenOff(100, "PAUSED", Map.of());
        merchant.patch("/promotion-codes/" + paused, Map.of("active", false));
        yenOff(100, "MINE", Map.of("onePerCustomer", true));
        yenOff(100, "HELLO", Map.of("firstTimeTransaction", true));

        sandbox.approve(session("manual", 1000, "f@example.jp").path("order").path("id").asText(), "MINE");
        sandbox.approve(session("manual", 1000, "new@example.jp").path("order").path("id").asText(), "HELLO");
        sandbox.advanceClock(Duration.ofDays(2));
        Map<String, String> reasons = Map.of("SOON", "expired", "PAUSED", "not active", "NOPE", "no such",
                "MINE", "already redeemed", "HELLO", "first");
        for (Map.Entry<String, String> expected : reasons.entrySet()) {
            String orderId = session("manual", 1000, "f@example.jp").path("order").path("id").asText();
            var reply = new SandboxHttp(sandbox, null).post(sandbox.rootUrl() + "/__sandbox/orders/" + orderId
                    + "/approve?promotionCode=" + expected.getKey(), "");
            assertEquals(409, reply.status(), reply::toString);
            assertEquals("promotion-code.cannot-redeem", reply.errorCode());
            assertTrue(reply.json().path("message").asText().contains(expected.getValue()), reply::toString);
        }
    }

    @Test
    void theOlderSdksSessionMetadataCarriesTheCodeToo() {
        yenOff(200, "ZOO", Map.of());
        ObjectNode body = SandboxHttp.checkout("manual", 1000, 1, 0);
        body.putObject("metadata").put("__promotion_code__", "ZOO");
        JsonNode session = merchant.post("/checkout-sessions", body).json();
        assertEquals(303, merchant.post(session.path("url").asText() + "/approve", "").status());
        assertEquals(200, sandbox.order(session.path("order").path("id").asText()).discountAmount());
    }
}
