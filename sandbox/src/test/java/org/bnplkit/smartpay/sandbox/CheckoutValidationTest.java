package org.bnplkit.smartpay.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.bnplkit.smartpay.sandbox.junit.SmartpaySandboxTest;
import org.junit.jupiter.api.Test;

/** Checkout-session validation as Smartpay does it; each failure names the field. */
@SmartpaySandboxTest
class CheckoutValidationTest {

    static SmartpaySandbox sandbox;
    static SandboxHttp merchant;

    @BeforeAll
    static void start(SmartpaySandbox started) {
        sandbox = started;
        merchant = new SandboxHttp(sandbox, "sk_test_validation");
    }


    /** Posts a valid payload changed by {@code change}; asserts 400 request.invalid naming {@code field}. */
    static void assertRejected(String field, Consumer<ObjectNode> change) {
        ObjectNode body = SandboxHttp.checkout("manual", 1000, 2, 500);
        change.accept(body);
        var reply = merchant.post("/checkout-sessions", body);
        assertEquals(400, reply.status(), reply::toString);
        assertEquals("request.invalid", reply.errorCode());
        assertTrue(reply.json().path("details").toString().contains("\"field\":\"" + field + "\""),
                () -> "details should name " + field + ": " + reply);
    }

    @Test
    void aValidPayloadIsAccepted() {
        assertEquals(200, merchant.post("/checkout-sessions", SandboxHttp.checkout("manual", 1000, 2, 500)).status());
    }

    @Test
    void amountMustEqualItemsMinusDiscountsPlusTaxPlusShipping() {
        assertRejected("amount", b -> b.put("amount", 2499));
        ObjectNode body = SandboxHttp.checkout("manual", 1000, 2, 500);
        ArrayNode items = (ArrayNode) body.get("items");
        items.addObject().put("name", "Coupon").put("amount", 300).put("currency", "JPY").put("kind", "discount");
        items.addObject().put("name", "Consumption tax").put("amount", 200).put("currency", "JPY").put("kind", "tax");
        body.put("amount", 2000 - 300 + 200 + 500);
        assertEquals(200, merchant.post("/checkout-sessions", body).status(), "2000 - 300 + 200 + 500 = 2400");
        body.put("amount", 2500);
        assertEquals(400, merchant.post("/checkout-sessions", body).status());
    }

    @Test
    void onlyJpyInAnyCase() {
        assertRejected("currency", b -> b.put("currency", "USD"));
        assertRejected("items[0].currency", b -> ((ObjectNode) b.get("items").get(0)).put("currency", "EUR"));
        assertRejected("shippingInfo.feeCurrency", b -> ((ObjectNode) b.get("shippingInfo")).put("feeCurrency", "USD"));
        ObjectNode lower = SandboxHttp.checkout("manual", 1000, 2, 500);
        lower.put("currency", "jpy");
        ((ObjectNode) lower.get("items").get(0)).put("currency", "Jpy");
        var reply = merchant.post("/checkout-sessions", lower);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("JPY", reply.json().path("order").path("currency").asText(), "echoed in upper case");
        assertEquals("JPY", reply.json().path("order").path("lineItems").get(0).path("currency").asText());
    }

    /**
     * Smartpay's PHP SDK integration test (tests/Integrations/OrderLifeCycleTest.php, testLineItems) sends this body
     * unchanged: a customer address with line1 "", lowercase country and fee currency, a discount and a tax line.
     */
    @Test
    void theBodyOfThePhpSdksLineItemsTestIsAcceptedAndNormalised() {
        String body = """
                {"amount":601,"currency":"JPY",
                 "successUrl":"https://docs.smartpay.co/en/example-pages/checkout-successful/",
                 "cancelUrl":"https://docs.smartpay.co/en/example-pages/checkout-canceled/","captureMethod":"automatic",
                 "items":[{"currency":"JPY","amount":500,"name":"Merchant special discount","kind":"discount"},
                          {"currency":"JPY","amount":100,"name":"explicit taxes","kind":"tax"},
                          {"currency":"JPY","amount":1000,"name":"ice cream","quantity":1}],
                 "customerInfo":{"emailAddress":"john@smartpay.co","firstName":"John","lastName":"Doe",
                   "firstNameKana":"ジョン","lastNameKana":"ドエ","phoneNumber":"+818000000000","dateOfBirth":"2000-01-01",
                   "legalGender":"male","accountAge":30,
                   "address":{"line1":"","line2":"800","locality":"世田谷区","administrativeArea":"東京都",
                              "postalCode":"155-0031","country":"jp"}},
                 "shippingInfo":{"address":{"line1":"1-2-3","line2":"12","locality":"locality","postalCode":"12345678",
                                            "country":"jp"},
                                 "feeAmount":1,"feeCurrency":"jpy"}}""";
        var reply = merchant.post("/checkout-sessions", body);
        assertEquals(200, reply.status(), reply::toString);
        var order = reply.json().path("order");
        assertEquals(601, order.path("amount").asLong());
        assertEquals("JP", order.path("shippingInfo").path("address").path("country").asText());
        assertEquals("JPY", order.path("shippingInfo").path("feeCurrency").asText());
        assertEquals("JP", reply.json().path("customerInfo").path("address").path("country").asText());
        var lineItems = merchant.get("/orders/" + order.path("id").asText() + "?expand=all").json().path("lineItems");
        assertEquals("discount", lineItems.get(0).path("kind").asText());
        assertEquals("tax", lineItems.get(1).path("kind").asText());
        assertEquals("product", lineItems.get(2).path("kind").asText());
    }

    /**
     * The PHP SDK's request classes send every field they know, null when the caller left it out, and its lifecycle
     * test sends {@code subLocality: ""}: nulls are absent fields, and are not echoed.
     */
    @Test
    void explicitNullsAndEmptyOptionalStringsAreAbsentFields() {
        String address = """
                {"line1":"北青山 3-6-7","line2":"青山パラシオタワー 11階","line3":null,"line4":null,"line5":null,
                 "subLocality":"","locality":"港区","administrativeArea":"東京都","postalCode":"107-0061","country":"JP"}""";
        String body = """
                {"customerInfo":{"accountAge":20,"emailAddress":"merchant-support@smartpay.co","firstName":"田中",
                   "lastName":"太郎","firstNameKana":"たなか","lastNameKana":"たろう","address":%s,"phoneNumber":null,
                   "dateOfBirth":"1985-06-30","legalGender":"male","reference":null},
                 "amount":400,"currency":"JPY","captureMethod":"manual",
                 "shippingInfo":{"address":%s,"addressType":null,"feeAmount":150,"feeCurrency":"JPY"},
                 "items":[{"quantity":1,"label":null,"brand":null,"name":"オリジナルス STAN SMITH","amount":250,
                   "currency":"JPY","categories":null,"gtin":null,"images":null,"reference":null,"url":null,
                   "description":null,"priceDescription":null,"productDescription":null,"metadata":null,
                   "priceMetadata":null,"productMetadata":null,"kind":null}],
                 "reference":"order_ref_1234567","metadata":null,
                 "successUrl":"https://docs.smartpay.co/example-pages/checkout-successful",
                 "cancelUrl":"https://docs.smartpay.co/example-pages/checkout-canceled"}""".formatted(address, address);
        var reply = merchant.post("/checkout-sessions", body);
        assertEquals(200, reply.status(), reply::toString);
        var order = reply.json().path("order");
        assertTrue(order.path("shippingInfo").path("address").path("line3").isMissingNode(), "nulls are not echoed");
        assertTrue(order.path("shippingInfo").path("addressType").isMissingNode());
        assertTrue(reply.json().path("customerInfo").path("phoneNumber").isMissingNode());
        var item = order.path("lineItems").get(0);
        assertEquals(1, item.path("quantity").asInt(), "quantity null = the default 1");
        assertTrue(item.path("price").path("product").path("images").isArray(), "images null = []");
        assertTrue(item.path("metadata").isObject(), "metadata null = {}");

        // what is required stays required: an empty string is not a value there
        assertRejected("shippingInfo.address.line1",
                b -> ((ObjectNode) b.get("shippingInfo").get("address")).put("line1", ""));
        assertRejected("successUrl", b -> b.put("successUrl", ""));
        assertRejected("shippingInfo.address.country",
                b -> ((ObjectNode) b.get("shippingInfo").get("address")).put("country", "JPN"));
        assertRejected("customerInfo.address.country",
                b -> ((ObjectNode) b.get("customerInfo")).putObject("address").put("country", "J1"));
    }

    @Test
    void oneToFiftyItemsWithAtLeastOneProduct() {
        assertRejected("items", b -> b.putArray("items"));
        assertRejected("items", b -> {
            ArrayNode items = b.putArray("items");
            for (int i = 0; i < 51; i++) {
                items.addObject().put("name", "Item " + i).put("amount", 10).put("currency", "JPY");
            }
            b.put("amount", 510 + 500);
        });
        ObjectNode fifty = SandboxHttp.checkout("manual", 1000, 2, 500);
        ArrayNode items = fifty.putArray("items");
        for (int i = 0; i < 50; i++) {
            items.addObject().put("name", "Item " + i).put("amount", 10).put("currency", "JPY");
        }
        fifty.put("amount", 500 + 500);
        assertEquals(200, merchant.post("/checkout-sessions", fifty).status(), "50 items are fine");
        assertRejected("items", b -> {
            ((ObjectNode) b.get("items").get(0)).put("kind", "tax");
        });
    }

    @Test
    void requiredFields() {
        assertRejected("successUrl", b -> b.remove("successUrl"));
        assertRejected("cancelUrl", b -> b.remove("cancelUrl"));
        assertRejected("currency", b -> b.remove("currency"));
        assertRejected("amount", b -> b.remove("amount"));
        assertRejected("items", b -> b.remove("items"));
        assertRejected("customerInfo", b -> b.remove("customerInfo"));
        assertRejected("shippingInfo", b -> b.remove("shippingInfo"));
        assertRejected("shippingInfo.address", b -> ((ObjectNode) b.get("shippingInfo")).remove("address"));
        for (String field : new String[] {"line1", "locality", "postalCode", "country"}) {
            assertRejected("shippingInfo.address." + field,
                    b -> ((ObjectNode) b.get("shippingInfo").get("address")).remove(field));
        }
        assertRejected("items[0].name", b -> ((ObjectNode) b.get("items").get(0)).remove("name"));
        assertRejected("items[0].amount", b -> ((ObjectNode) b.get("items").get(0)).remove("amount"));
    }

    @Test
    void lengthsAndMetadata() {
        assertRejected("description", b -> b.put("description", "d".repeat(81)));
        assertRejected("reference", b -> b.put("reference", "r".repeat(41)));
        assertRejected("shippingInfo.address.locality",
                b -> ((ObjectNode) b.get("shippingInfo").get("address")).put("locality", "l".repeat(81)));
        assertRejected("metadata", b -> {
            ObjectNode metadata = b.putObject("metadata");
            for (int i = 0; i < 21; i++) {
                metadata.put("k" + i, "v");
            }
        });
        ObjectNode ok = SandboxHttp.checkout("manual", 1000, 2, 500);
        ok.put("description", "d".repeat(80)).put("reference", "r".repeat(40));
        ObjectNode metadata = ok.putObject("metadata");
        for (int i = 0; i < 20; i++) {
            metadata.put("k" + i, "v");
        }
        assertEquals(200, merchant.post("/checkout-sessions", ok).status(), "the limits themselves are allowed");
    }

    @Test
    void enumsAndTypes() {
        assertRejected("captureMethod", b -> b.put("captureMethod", "autommatic"));
        assertRejected("items[0].kind", b -> ((ObjectNode) b.get("items").get(0)).put("kind", "shipping"));
        assertRejected("items[0].quantity", b -> ((ObjectNode) b.get("items").get(0)).put("quantity", 0));
        assertRejected("amount", b -> b.put("amount", "2500"));
        assertRejected("locale", b -> b.put("locale", "fr"));
    }

    @Test
    void paymentAndRefundPayloads() {
        String orderId = merchant.authorizedOrder(1000);
        var negative = merchant.capture(orderId, -1, "manual");
        assertEquals(400, negative.status());
        assertTrue(negative.json().path("details").toString().contains("amount"));
        var fraction = merchant.post("/payments", SandboxHttp.JSON.createObjectNode().put("order", orderId)
                .put("amount", 10.5).put("currency", "JPY"));
        assertEquals("request.invalid", fraction.errorCode());
        var usd = merchant.post("/payments", SandboxHttp.JSON.createObjectNode().put("order", orderId)
                .put("amount", 10).put("currency", "USD"));
        assertEquals("request.invalid", usd.errorCode());
        var remainder = merchant.post("/payments", SandboxHttp.JSON.createObjectNode().put("order", orderId)
                .put("amount", 10).put("currency", "JPY").put("cancelRemainder", "autommatic"));
        assertEquals("request.invalid", remainder.errorCode());
        String paymentId = merchant.capture(orderId, 1000, null).text("id");
        var noReason = merchant.post("/refunds", SandboxHttp.JSON.createObjectNode().put("payment", paymentId)
                .put("amount", 10).put("currency", "JPY"));
        assertEquals("request.invalid", noReason.errorCode());
        assertTrue(noReason.json().path("details").toString().contains("reason"));
        assertEquals(0, sandbox.order(orderId).refunded());
    }
}
