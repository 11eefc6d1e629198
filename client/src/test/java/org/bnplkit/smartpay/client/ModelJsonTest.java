package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelJsonTest {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    @Test
    void createdCheckoutSessionHasTheOrderExpandedDownToTheProduct() {
        CheckoutSession session = SmartpayJson.read(Fixtures.text("checkout-session-created.json"), CheckoutSession.class);
        assertEquals("checkout_test_3tYq9Ah4kM2H6sBvWrJx8p", session.id());
        assertEquals("https://checkout.smartpay.co/checkout_test_3tYq9Ah4kM2H6sBvWrJx8p", session.url());
        assertEquals("BLC-1001", session.reference());
        assertEquals(Map.of("blcOrderId", "1001"), session.metadata());
        assertTrue(session.test());
        assertEquals(1653028523052L, session.createdAt());
        assertEquals("Taro", session.customerInfo().firstName());

        assertTrue(session.order().isExpanded());
        assertEquals("order_test_RiYq2rthzRHrkKVGeucSwn", session.order().id());
        Order order = session.order().expanded();
        assertEquals(OrderStatus.REQUIRES_AUTHORIZATION, order.status());
        assertEquals(400L, order.amount());
        assertEquals("JPY", order.currency());
        assertEquals(150L, order.shippingInfo().feeAmount());
        assertEquals("Tokyo", order.shippingInfo().address().administrativeArea());
        assertTrue(order.payments().isEmpty());

        OrderLineItem product = order.lineItems().get(0).expanded();
        assertEquals("li_test_8uP5p7vGzRk3mGmTqZ2m1c", order.lineItems().get(0).id());
        assertEquals("Matcha set", product.displayName());
        assertEquals(250L, product.unitAmount());
        assertEquals(1, product.quantity());
        OrderLineItem tax = order.lineItems().get(1).expanded();
        assertEquals("tax", tax.kind());
        assertEquals(0L, tax.unitAmount());
    }

    @Test
    void retrievedCheckoutSessionCarriesOnlyTheOrderId() {
        CheckoutSession session = SmartpayJson.read(Fixtures.text("checkout-session-retrieved.json"), CheckoutSession.class);
        assertFalse(session.order().isExpanded());
        assertNull(session.order().expanded());
        assertEquals("order_test_RiYq2rthzRHrkKVGeucSwn", session.order().id());
    }

    @Test
    void orderWithIdListsAndMissingFields() {
        Order order = SmartpayJson.read(Fixtures.text("order-succeeded.json"), Order.class);
        assertEquals(OrderStatus.SUCCEEDED, order.status());
        assertEquals(2100L, order.amount());
        assertEquals(1645583167495L, order.expiresAt());
        assertEquals(List.of(Expandable.ofId("payment_test_35LxgmF5KM22XKG38BjpJg")), order.payments());
        assertFalse(order.lineItems().get(0).isExpanded());
        assertNull(order.reference(), "absent field reads as null");
        assertNull(order.discountAmount());
        assertTrue(order.metadata().isEmpty());
    }

    @Test
    void orderWithExpandedPaymentsAndLineItems() {
        Order order = SmartpayJson.read(Fixtures.text("order-expanded.json"), Order.class);
        Payment payment = order.payments().get(0).expanded();
        assertEquals(150L, payment.amount());
        assertEquals(PaymentStatus.PROCESSED, payment.status());
        assertEquals("order_test_RiYq2rthzRHrkKVGeucSwn", payment.order().id());
        assertEquals("refund_test_1", payment.refunds().get(0).id());
        OrderLineItem line = order.lineItems().get(0).expanded();
        assertEquals("Tea", line.displayName());
        assertEquals("sku-1", line.price().expanded().product().expanded().reference());
        assertEquals(175L, line.unitAmount());
        assertEquals(0L, order.discountAmount());
    }

    @Test
    void refundWithNestedExpansion() {
        Refund refund = SmartpayJson.read(Fixtures.text("refund-expanded.json"), Refund.class);
        assertEquals(RefundStatus.SUCCEEDED, refund.status());
        assertEquals(RefundReason.REQUESTED_BY_CUSTOMER.wireValue(), refund.reason());
        Payment payment = refund.payment().expanded();
        assertEquals("payment_test_35LxgmF5KM22XKG38BjpJg", refund.payment().id());
        assertEquals(OrderStatus.SUCCEEDED, payment.order().expanded().status());
    }

    @Test
    void webhookPaymentData() {
        Payment payment = SmartpayJson.read(Fixtures.text("payment-webhook-data.json"), Payment.class);
        assertEquals("order_ref_1234567", payment.reference());
        assertEquals(200L, payment.amount());
        assertTrue(payment.refunds().isEmpty());
    }

    @Test
    void collectionPage() throws Exception {
        Page<Order> page = SmartpayJson.mapper().readValue(Fixtures.text("orders-page.json"), SmartpayJson.pageOf(Order.class));
        assertEquals(2, page.results());
        assertEquals(2, page.maxResults());
        assertEquals("tok_1", page.pageToken());
        assertEquals("tok_2", page.nextPageToken());
        assertTrue(page.hasMore());
        assertEquals("order_test_B", page.data().get(1).id());

        Page<Order> last = SmartpayJson.mapper().readValue("{\"object\":\"collection\",\"nextPageToken\":\"\",\"data\":[]}",
                SmartpayJson.pageOf(Order.class));
        assertFalse(last.hasMore(), "empty nextPageToken means last page");
        assertNull(last.nextPageToken());
        assertEquals(0, last.results());
    }

    @Test
    void unknownFieldsEverywhereAreTolerated() {
        Order order = SmartpayJson.read("{\"id\":\"order_test_x\",\"status\":\"a_future_status\",\"amount\":1,\"brandNew\":{\"a\":[1]},"
                + "\"shippingInfo\":{\"address\":{\"country\":\"JP\",\"geo\":{\"lat\":1}},\"newThing\":true},\"test\":false}", Order.class);
        assertEquals("a_future_status", order.status());
        assertEquals("JP", order.shippingInfo().address().country());
        assertFalse(order.test());
    }

    @Test
    void webhookEndpointKeepsItsSecretOutOfToString() {
        WebhookEndpoint endpoint = SmartpayJson.read(Fixtures.text("webhook-endpoint.json"), WebhookEndpoint.class);
        assertEquals("gybcsjixKyBW2d4z6iNPlaYzHUMtawnodwZt3W0q", endpoint.signingSecret());
        assertTrue(endpoint.active());
        assertEquals(List.of("order.authorized", "payment.created"), endpoint.eventSubscriptions());
        assertFalse(endpoint.toString().contains(endpoint.signingSecret()), endpoint.toString());
    }

    @Test
    void requestParamsUseSmartpayWireValuesAndOmitNulls() throws Exception {
        CheckoutSessionCreateParams params = CheckoutSessionCreateParams.builder()
                .amount(400).captureMethod(CaptureMethod.AUTOMATIC)
                .successUrl("https://shop.example.jp/ok").cancelUrl("https://shop.example.jp/cancel")
                .reference("BLC-1001").locale("ja")
                .shippingInfo(ShippingInfo.builder().feeAmount(150L)
                        .address(Address.builder().line1("1-2-3").locality("Shibuya-ku").postalCode("150-0002").build()).build())
                .item(LineItem.builder().name("Matcha set").amount(250).quantity(1).kind(LineItemKind.PRODUCT).build())
                .item(LineItem.builder().name("Coupon").amount(0).kind(LineItemKind.DISCOUNT).build())
                .build();
        String json = SmartpayJson.write(params);
        assertFalse(json.contains("autommatic"));
        assertFalse(json.contains("null"), json);
        JsonNode tree = PLAIN.readTree(json);
        assertEquals("automatic", tree.get("captureMethod").asText());
        assertEquals("JPY", tree.get("currency").asText(), "currency defaults to JPY");
        assertEquals(400, tree.get("amount").asLong());
        assertEquals("JP", tree.at("/shippingInfo/address/country").asText(), "country defaults to JP");
        assertTrue(tree.get("customerInfo").isObject() && tree.get("customerInfo").isEmpty(), "customerInfo defaults to {}");
        assertEquals("product", tree.at("/items/0/kind").asText());
        assertEquals("discount", tree.at("/items/1/kind").asText());
        assertEquals("JPY", tree.at("/items/0/currency").asText());
        assertFalse(tree.at("/items/1").has("quantity"));

        String capture = SmartpayJson.write(PaymentCreateParams.builder().order("order_test_1").amount(150)
                .cancelRemainder(CancelRemainder.MANUAL).build());
        assertEquals(PLAIN.readTree("{\"order\":\"order_test_1\",\"amount\":150,\"currency\":\"JPY\",\"cancelRemainder\":\"manual\"}"),
                PLAIN.readTree(capture));
        String refund = SmartpayJson.write(RefundCreateParams.builder().payment("payment_test_1").amount(2)
                .reason(RefundReason.REQUESTED_BY_CUSTOMER).build());
        assertEquals("requested_by_customer", PLAIN.readTree(refund).get("reason").asText());
        assertEquals("fraudulent", PLAIN.readTree(SmartpayJson.write(RefundCreateParams.builder().payment("p").amount(1)
                .reason(RefundReason.FRAUDULENT).build())).get("reason").asText());
        assertEquals("{\"reference\":\"r\"}", SmartpayJson.write(ObjectUpdateParams.builder().reference("r").build()));
        assertEquals("{\"active\":false}", SmartpayJson.write(WebhookEndpointUpdateParams.builder().active(false).build()));
    }

    @Test
    void requestParamsReadBackFromJson() {
        CheckoutSessionCreateParams original = CheckoutSessionCreateParams.builder()
                .amount(1000).captureMethod(CaptureMethod.MANUAL).successUrl("s").cancelUrl("c")
                .metadata(Map.of("k", "v"))
                .customerInfo(CustomerInfo.builder().emailAddress("a@example.jp").accountAge(12).build())
                .item(LineItem.builder().name("n").amount(1000).quantity(1).build()).build();
        CheckoutSessionCreateParams parsed = SmartpayJson.read(SmartpayJson.write(original), CheckoutSessionCreateParams.class);
        assertEquals(original, parsed);
        assertEquals(original, original.toBuilder().build());
        assertNotNull(parsed.items().get(0).currency());
    }

    @Test
    void requiredParamsAreCheckedAtBuild() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PaymentCreateParams.builder().amount(1).build());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RefundCreateParams.builder().payment("p").amount(1).build());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CheckoutSessionCreateParams.builder().amount(1).successUrl("s").build());
    }

    @Test
    void enumsReadSmartpayWireValues() {
        assertEquals(CaptureMethod.AUTOMATIC, CaptureMethod.fromWireValue("automatic"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> CaptureMethod.fromWireValue("autommatic"));
        assertEquals(Expand.ALL, Expand.fromWireValue("all"));
    }
}
