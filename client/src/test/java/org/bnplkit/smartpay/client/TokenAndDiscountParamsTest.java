package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wire form of the token, coupon and promotion code params, and what their builders refuse. */
class TokenAndDiscountParamsTest {

    private static JsonNode json(Object params) {
        return SmartpayJson.mapper().valueToTree(params);
    }

    @Test
    void aTokenOrderIsTheFlatOrderFormPlusTheTokenWithoutRedirectUrls() {
        JsonNode body = json(OrderCreateParams.builder().token("paytok_test_abc").amount(650).reference("BLC-1")
                .captureMethod(CaptureMethod.MANUAL).metadata(Map.of("k", "v"))
                .item(LineItem.builder().name("Teacup").amount(250).quantity(2).build()).build());
        assertEquals("paytok_test_abc", body.path("token").asText());
        assertEquals(650, body.path("amount").asLong());
        assertEquals("JPY", body.path("currency").asText());
        assertEquals("manual", body.path("captureMethod").asText());
        assertEquals("Teacup", body.path("items").path(0).path("name").asText());
        assertTrue(body.path("customerInfo").isObject(), "customerInfo defaults to {}");
        assertFalse(body.has("successUrl"));
        assertFalse(body.has("cancelUrl"));
        assertFalse(body.has("order"), "the order fields are sent flat, not nested");
    }

    @Test
    void aTokenOrderNeedsATokenAndAnAmount() {
        assertThrows(IllegalArgumentException.class, () -> OrderCreateParams.builder().amount(1).build());
        assertThrows(IllegalArgumentException.class, () -> OrderCreateParams.builder().token("paytok_test_a").build());
    }

    @Test
    void aTokenSessionSaysModeToken() {
        JsonNode body = json(TokenCheckoutSessionCreateParams.builder().successUrl("https://s/ok").cancelUrl("https://s/no")
                .reference("member-1").build());
        assertEquals("token", body.path("mode").asText());
        assertEquals("member-1", body.path("reference").asText());
        assertTrue(body.path("customerInfo").isObject());
        assertFalse(body.has("items"));
        assertThrows(IllegalArgumentException.class, () -> TokenCheckoutSessionCreateParams.builder().successUrl("https://s").build());
    }

    @Test
    void couponsAreEitherAmountOrPercentage() {
        JsonNode amount = json(CouponCreateParams.amountOff("Sale", 300).expiresAt(1L).build());
        assertEquals("amount", amount.path("discountType").asText());
        assertEquals(300, amount.path("discountAmount").asLong());
        assertEquals("JPY", amount.path("currency").asText());
        assertFalse(amount.has("discountPercentage"));
        JsonNode percent = json(CouponCreateParams.percentOff("Members", 15).build());
        assertEquals("percentage", percent.path("discountType").asText());
        assertEquals(15, percent.path("discountPercentage").asLong());
        assertFalse(percent.has("currency"));
        assertThrows(IllegalStateException.class, () -> CouponCreateParams.percentOff("Members", 15).currency("JPY"));
        assertThrows(IllegalArgumentException.class, () -> CouponCreateParams.percentOff("Members", 101).build());
        assertThrows(IllegalArgumentException.class, () -> CouponCreateParams.amountOff("Sale", 0).build());
        assertThrows(IllegalArgumentException.class, () -> CouponCreateParams.amountOff(" ", 10).build());
    }

    @Test
    void updatesSendOnlyWhatIsSet() {
        assertEquals("{\"active\":false}", json(CouponUpdateParams.builder().active(false).build()).toString());
        assertEquals("{\"active\":true}", json(PromotionCodeUpdateParams.builder().active(true).build()).toString());
        JsonNode code = json(PromotionCodeCreateParams.builder("coupon_test_1", "SPRING").minimumAmount(1000L).build());
        assertEquals("coupon_test_1", code.path("coupon").asText());
        assertEquals("SPRING", code.path("code").asText());
        assertFalse(code.has("active"), "Smartpay's default (active) applies");
        assertThrows(IllegalArgumentException.class, () -> PromotionCodeCreateParams.builder("coupon_test_1", "").build());
    }

    @Test
    void theCheckoutUrlCarriesAnEncodedPromotionCode() throws Exception {
        CheckoutSession session = SmartpayJson.mapper().readValue(
                "{\"id\":\"checkout_test_1\",\"url\":\"https://checkout.smartpay.co/checkout_test_1\"}", CheckoutSession.class);
        assertEquals("https://checkout.smartpay.co/checkout_test_1?promotion-code=SPRING+10%25",
                session.url("SPRING 10%"));
        assertEquals(session.url(), session.url(" "));
    }
}
