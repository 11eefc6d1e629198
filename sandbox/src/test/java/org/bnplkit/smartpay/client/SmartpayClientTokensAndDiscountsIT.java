package org.bnplkit.smartpay.client;

import org.bnplkit.smartpay.sandbox.SmartpaySandbox;
import org.bnplkit.smartpay.sandbox.junit.SmartpaySandboxTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The calls {@link SmartpayClientSandboxIT} does not cover, against the offline sandbox over real HTTP: token-mode
 * checkout sessions, orders charged to a token, the token calls, coupons and promotion codes, the checkout URL with
 * a promotion code, and {@code reference}/{@code lineItems} on captures and refunds. One merchant (random key) per test.
 */
@SmartpaySandboxTest
class SmartpayClientTokensAndDiscountsIT {

    private static SmartpaySandbox sandbox;

    private SmartpayClient client;

    @BeforeAll
    static void sandbox(SmartpaySandbox started) {
        sandbox = started;
    }

    @BeforeEach
    void newMerchant() {
        client = SmartpayClient.builder().secretKey("sk_test_" + UUID.randomUUID().toString().replace("-", ""))
                .baseUrl(sandbox.baseUrl()).retryPolicy(RetryPolicy.none()).readTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private static SmartpayApiException apiError(Runnable call) {
        return assertThrows(SmartpayApiException.class, call::run);
    }

    private static List<String> ids(List<? extends Expandable<?>> items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.id()));
        return ids;
    }

    private static ShippingInfo shipping() {
        return ShippingInfo.builder().feeAmount(150L).address(Address.builder().line1("1-2-3 Shibuya").locality("Shibuya-ku")
                .postalCode("150-0002").country("JP").build()).build();
    }

    private String activeToken(String reference) {
        CheckoutSession session = client.createCheckoutSession(TokenCheckoutSessionCreateParams.builder()
                .successUrl("https://shop.example.jp/ok").cancelUrl("https://shop.example.jp/cancel")
                .reference(reference).build(), null);
        sandbox.approveToken(session.token().id());
        return session.token().id();
    }

    private OrderCreateParams.Builder tokenOrder(String tokenId) {
        return OrderCreateParams.builder().token(tokenId).amount(1150).captureMethod(CaptureMethod.MANUAL)
                .reference("BLC-T-1").shippingInfo(shipping())
                .item(LineItem.builder().name("Teacup").amount(250).quantity(2).build())
                .item(LineItem.builder().name("Teapot").amount(500).quantity(1).build());
    }

    @Test
    void tokenCheckoutSessionThenOrderFromTheToken() {
        CheckoutSession session = client.createCheckoutSession(TokenCheckoutSessionCreateParams.builder()
                .successUrl("https://shop.example.jp/ok").cancelUrl("https://shop.example.jp/cancel")
                .reference("member-42").metadata(Map.of("plan", "monthly")).build(), RequestOptions.idempotencyKey("tok:42"));
        assertEquals("token", session.mode());
        assertNull(session.order(), "a token-mode session has no order");
        assertTrue(session.token().isExpanded(), "create answers with the token expanded");
        assertEquals(TokenStatus.REQUIRES_AUTHORIZATION, session.token().expanded().status());
        assertEquals("member-42", session.token().expanded().reference());
        assertFalse(client.getCheckoutSession(session.id(), Expand.NO).token().isExpanded());
        assertEquals(session.token().id(), client.getCheckoutSession(session.id(), Expand.ALL).token().expanded().id());

        String tokenId = session.token().id();
        assertEquals("token.invalid", apiError(() -> client.createOrder(tokenOrder(tokenId).build(), null)).errorCode(),
                "a token the shopper has not approved cannot pay");
        sandbox.approveToken(tokenId);
        assertEquals(TokenStatus.ACTIVE, client.getToken(tokenId).status());

        Order order = client.createOrder(tokenOrder(tokenId).build(), RequestOptions.idempotencyKey("order:T-1"));
        assertEquals(tokenId, order.tokenId());
        assertEquals(OrderStatus.REQUIRES_CAPTURE, order.status(), "a token order is authorized at once");
        assertEquals(1150L, order.amount());
        assertEquals("BLC-T-1", order.reference());
        assertEquals(2, order.lineItems().size());
        assertEquals(order.id(), client.getOrder(order.id(), Expand.NO).id());
    }

    @Test
    void capturesAndRefundsCarryReferenceAndLineItems() {
        Order order = client.createOrder(tokenOrder(activeToken("m-1")).build(), null);
        Order expanded = client.getOrder(order.id(), Expand.ALL);
        String teacups = expanded.lineItems().get(0).id();
        String teapot = expanded.lineItems().get(1).id();

        SmartpayApiException notOfTheOrder = apiError(() -> client.createPayment(PaymentCreateParams.builder()
                .order(order.id()).amount(1150).lineItems(List.of("li_test_notOfThisOrder00000")).build(), null));
        assertEquals("request.invalid", notOfTheOrder.errorCode());
        assertTrue(client.listPayments(null).data().isEmpty(), "the refused capture left nothing behind");

        Payment payment = client.createPayment(PaymentCreateParams.builder().order(order.id()).amount(1150)
                .reference("BLC-T-1/fg-7").lineItems(List.of(teacups, teapot)).build(), null);
        assertEquals("BLC-T-1/fg-7", payment.reference());
        assertEquals(List.of(teacups, teapot), ids(payment.lineItems()));

        Refund refund = client.createRefund(RefundCreateParams.builder().payment(payment.id()).amount(500)
                .reason(RefundReason.REQUESTED_BY_CUSTOMER).reference("BLC-T-1/return-3").lineItems(List.of(teacups))
                .build(), null);
        assertEquals("BLC-T-1/return-3", refund.reference());
        assertEquals(List.of(teacups), ids(refund.lineItems()));
        assertEquals(List.of(teacups), ids(client.getRefund(refund.id(), Expand.NO).lineItems()));

        SmartpayApiException foreign = apiError(() -> client.createRefund(RefundCreateParams.builder().payment(payment.id())
                .amount(100).reason(RefundReason.REQUESTED_BY_CUSTOMER).lineItems(List.of("li_test_notOfThisOrder00000"))
                .build(), null));
        assertEquals(400, foreign.httpStatus());
        assertEquals("request.invalid", foreign.errorCode());
        assertEquals(1, client.listRefunds(null).results(), "the refused refund left nothing behind");
    }

    @Test
    void tokensListEnableDisableDelete() {
        String first = activeToken("m-1");
        String second = activeToken("m-2");
        List<String> listed = new ArrayList<>();
        client.listAllTokens(ListParams.builder().maxResults(1).build()).forEach(t -> listed.add(t.id()));
        assertEquals(2, listed.size());
        assertTrue(listed.containsAll(List.of(first, second)));
        assertEquals(1, client.listTokens(ListParams.builder().maxResults(1).build()).results());

        client.disableToken(first, RequestOptions.idempotencyKey("disable:1"));
        assertEquals(TokenStatus.DISABLED, client.getToken(first).status());
        assertEquals("token.invalid", apiError(() -> client.createOrder(tokenOrder(first).build(), null)).errorCode());
        client.enableToken(first, null);
        assertEquals(TokenStatus.ACTIVE, client.getToken(first).status());
        assertEquals(OrderStatus.REQUIRES_CAPTURE, client.createOrder(tokenOrder(first).build(), null).status());

        client.deleteToken(second, null);
        SmartpayApiException gone = apiError(() -> client.getToken(second));
        assertEquals(404, gone.httpStatus());
        assertEquals("token.not-found", gone.errorCode());
        assertEquals(1, client.listTokens(null).results());
    }

    @Test
    void enablingATokenTheShopperHasNotApprovedIsNotFound() {
        CheckoutSession session = client.createCheckoutSession(TokenCheckoutSessionCreateParams.builder()
                .successUrl("https://shop.example.jp/ok").cancelUrl("https://shop.example.jp/cancel").build(), null);
        assertEquals("token.not-found", apiError(() -> client.enableToken(session.token().id(), null)).errorCode());
    }

    @Test
    void couponsCreateGetUpdateList() {
        Coupon yen = client.createCoupon(CouponCreateParams.amountOff("Spring sale", 300).maxRedemptionCount(10L).build(),
                RequestOptions.idempotencyKey("coupon:spring"));
        assertTrue(yen.id().startsWith("coupon_test_"), yen.id());
        assertEquals("amount", yen.discountType());
        assertEquals(300L, yen.discountAmount());
        assertEquals("JPY", yen.currency());
        assertTrue(yen.active());
        Coupon percent = client.createCoupon(CouponCreateParams.percentOff("Members", 10).build(), null);
        assertEquals(10L, percent.discountPercentage());
        assertNull(percent.discountAmount());

        assertEquals("Spring sale", client.getCoupon(yen.id()).name());
        Coupon renamed = client.updateCoupon(yen.id(), CouponUpdateParams.builder().name("Spring")
                .active(false).metadata(Map.of("campaign", "2026")).build(), null);
        assertEquals("Spring", renamed.name());
        assertFalse(renamed.active());
        assertEquals("2026", client.getCoupon(yen.id()).metadata().get("campaign"));

        List<String> all = new ArrayList<>();
        client.listAllCoupons(ListParams.builder().maxResults(1).build()).forEach(c -> all.add(c.id()));
        assertEquals(2, all.size());
        assertEquals(2, client.listCoupons(null).results());
        assertEquals("coupon.not-found", apiError(() -> client.getCoupon("coupon_test_missing0000000000000")).errorCode());
    }

    @Test
    void promotionCodesCreateGetUpdateListAndRedeemThroughTheCheckoutUrl() {
        Coupon coupon = client.createCoupon(CouponCreateParams.amountOff("Welcome", 100).build(), null);
        PromotionCode code = client.createPromotionCode(PromotionCodeCreateParams.builder(coupon.id(), "WELCOME100")
                .minimumAmount(300L).onePerCustomer(true).build(), null);
        assertEquals("WELCOME100", code.code());
        assertEquals(coupon.id(), code.coupon().id());
        assertTrue(code.active());
        assertTrue(code.onePerCustomer());
        SmartpayApiException duplicate = apiError(() -> client.createPromotionCode(
                PromotionCodeCreateParams.builder(coupon.id(), "welcome100").build(), null));
        assertEquals(409, duplicate.httpStatus());
        assertEquals("promotion-code.exists", duplicate.errorCode());
        assertEquals("coupon.not-found", apiError(() -> client.createPromotionCode(
                PromotionCodeCreateParams.builder("coupon_test_missing0000000000000", "X").build(), null)).errorCode());

        PromotionCode paused = client.updatePromotionCode(code.id(), PromotionCodeUpdateParams.builder().active(false).build(), null);
        assertFalse(paused.active());
        assertTrue(client.updatePromotionCode(code.id(), PromotionCodeUpdateParams.builder().active(true).build(), null).active());
        assertEquals(code.id(), client.getPromotionCode(code.id()).id());
        assertEquals(1, client.listPromotionCodes(null).results());
        assertEquals(code.id(), client.listAllPromotionCodes(null).iterator().next().id());

        CheckoutSession session = client.createCheckoutSession(CheckoutSessionCreateParams.builder().amount(650)
                .successUrl("https://shop.example.jp/ok").cancelUrl("https://shop.example.jp/cancel").shippingInfo(shipping())
                .customerInfo(CustomerInfo.builder().emailAddress("hanako@example.jp").build())
                .item(LineItem.builder().name("Teacup").amount(250).quantity(2).build()).build(), null);
        assertEquals(session.url() + "?promotion-code=WELCOME100", session.url("WELCOME100"));
        assertEquals(session.url(), session.url(null));
        sandbox.approve(session.order().id(), "WELCOME100");
        Order order = client.getOrder(session.order().id(), Expand.ALL);
        assertEquals(100L, order.discountAmount());
        assertEquals(1L, client.getPromotionCode(code.id()).redemptionCount());
    }
}
