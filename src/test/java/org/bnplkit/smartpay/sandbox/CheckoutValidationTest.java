package org.bnplkit.smartpay.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checkout-session validation as Smartpay does it; each failure names the field. */
class CheckoutValidationTest {

    static SmartpaySandbox sandbox;
    static SandboxHttp merchant;

    @BeforeAll
    static void start() {
        sandbox = SmartpaySandbox.start();
        merchant = new SandboxHttp(sandbox, "sk_test_validation");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
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
    void onlyUppercaseJpy() {
        assertRejected("currency", b -> b.put("currency", "USD"));
        assertRejected("currency", b -> b.put("currency", "jpy"));
        assertRejected("items[0].currency", b -> ((ObjectNode) b.get("items").get(0)).put("currency", "EUR"));
        assertRejected("shippingInfo.feeCurrency", b -> ((ObjectNode) b.get("shippingInfo")).put("feeCurrency", "USD"));
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
        var zero = merchant.capture(orderId, 0, "manual");
        assertEquals(400, zero.status());
        assertTrue(zero.json().path("details").toString().contains("amount"));
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
