package org.bnplkit.smartpay.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.bnplkit.smartpay.sandbox.junit.SmartpaySandboxTest;
import org.junit.jupiter.api.Test;

@SmartpaySandboxTest
class HostedCheckoutAndConsumerFlowTest {

    static SmartpaySandbox sandbox;
    static SandboxHttp merchant;
    static SandboxHttp browser;

    @BeforeAll
    static void start(SmartpaySandbox started) {
        sandbox = started;
        merchant = new SandboxHttp(sandbox, "sk_test_hosted");
        browser = new SandboxHttp(sandbox, null);
    }


    static JsonNode session(String locale, String itemName) {
        ObjectNode body = SandboxHttp.checkout("manual", 1500, 2, 400);
        ((ObjectNode) body.get("items").get(0)).put("name", itemName);
        if (locale != null) {
            body.put("locale", locale);
        }
        return merchant.post("/checkout-sessions", body).json();
    }

    @Test
    void pageShowsItemsAndTotalEscaped() {
        JsonNode session = session(null, "Tea <script>alert(1)</script> & cake");
        var page = browser.get(session.path("url").asText());
        assertEquals(200, page.status());
        assertTrue(page.header("Content-Type").startsWith("text/html"));
        assertTrue(page.body().contains("Tea &lt;script&gt;alert(1)&lt;/script&gt; &amp; cake"), page.body());
        assertFalse(page.body().contains("<script>alert(1)"));
        assertTrue(page.body().contains("¥3,400"), "total = 1,500 x 2 + 400");
        assertTrue(page.body().contains("Approve"));
        assertTrue(page.body().contains("Decline"));
    }

    @Test
    void pageSpeaksJapaneseOnRequestOrBySessionLocale() {
        JsonNode english = session(null, "Matcha");
        var ja = browser.get(english.path("url").asText() + "?locale=ja");
        assertTrue(ja.body().contains("承認する"), ja.body());
        assertTrue(ja.body().contains("合計"));
        assertTrue(ja.body().contains("lang=\"ja\""));
        JsonNode japanese = session("ja", "抹茶");
        var byLocale = browser.get(japanese.path("url").asText());
        assertTrue(byLocale.body().contains("拒否する"));
        assertTrue(byLocale.body().contains("抹茶"));
        assertTrue(browser.get(japanese.path("url").asText() + "?locale=en").body().contains("Approve"));
    }

    @Test
    void approveRedirectsToSuccessUrlUnchanged() {
        JsonNode session = session(null, "Matcha");
        String orderId = session.path("order").path("id").asText();
        var approved = browser.send("POST", session.path("url").asText() + "/approve", null, Map.of());
        assertEquals(303, approved.status());
        assertEquals("https://shop.example/smartpay/return?order=42", approved.header("Location"));
        assertEquals("requires_capture", sandbox.order(orderId).status());
        var again = browser.send("POST", session.path("url").asText() + "/approve", null, Map.of());
        assertEquals(303, again.status(), "a double click is harmless");
        assertEquals("requires_capture", sandbox.order(orderId).status());
    }

    @Test
    void declineRejectsAndRedirectsToCancelUrlUnchanged() {
        JsonNode session = session(null, "Matcha");
        String orderId = session.path("order").path("id").asText();
        var declined = browser.send("POST", session.path("url").asText() + "/decline", null, Map.of());
        assertEquals(303, declined.status());
        assertEquals("https://shop.example/smartpay/cancel?order=42", declined.header("Location"));
        assertEquals("rejected", sandbox.order(orderId).status());
        assertEquals(409, browser.send("POST", session.path("url").asText() + "/approve", null, Map.of()).status());
    }

    @Test
    void returningToTheShopChangesNothing() {
        JsonNode session = session(null, "Matcha");
        var back = browser.send("POST", session.path("url").asText() + "/cancel", null, Map.of());
        assertEquals(303, back.status());
        assertEquals("https://shop.example/smartpay/cancel?order=42", back.header("Location"));
        assertEquals("requires_authorization", sandbox.order(session.path("order").path("id").asText()).status());
    }

    @Test
    void unknownSessionIsAnHtml404() {
        var page = browser.get(sandbox.rootUrl() + "/checkout/checkout_test_nothing00000000000000");
        assertEquals(404, page.status());
        assertTrue(page.header("Content-Type").startsWith("text/html"));
    }

    @Test
    void consumerFlowAuthorizesLikeTheSdkIntegrationTests() {
        var login = browser.post("/consumers/auth/login", Map.of("emailAddress", "anyone@example.jp", "password", "x"));
        assertEquals(200, login.status(), login::toString);
        String accessToken = login.text("accessToken");
        assertNotNull(accessToken);
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + accessToken);

        String approvedOrder = merchant.createOrder("manual", 700);
        var approved = browser.send("POST", "/orders/" + approvedOrder + "/authorizations",
                Map.of("paymentMethod", "pm_test_visaApproved", "paymentPlan", "pay_in_three"), bearer);
        assertEquals(200, approved.status(), approved::toString);
        assertEquals("requires_capture", sandbox.order(approvedOrder).status());

        String declinedOrder = merchant.createOrder("manual", 700);
        browser.send("POST", "/orders/" + declinedOrder + "/authorizations",
                Map.of("paymentMethod", "pm_test_visaDeclined", "paymentPlan", "pay_in_three"), bearer);
        assertEquals("rejected", sandbox.order(declinedOrder).status());

        String unauthenticated = merchant.createOrder("manual", 700);
        var noToken = browser.send("POST", "/orders/" + unauthenticated + "/authorizations",
                Map.of("paymentMethod", "pm_test_visaApproved"), Map.of("Authorization", "Bearer nope"));
        assertEquals(401, noToken.status());
        assertEquals("Bearer", noToken.json().path("scheme").asText());
        assertEquals("requires_authorization", sandbox.order(unauthenticated).status());
        var badMethod = browser.send("POST", "/orders/" + unauthenticated + "/authorizations",
                Map.of("paymentMethod", "pm_test_mastercard"), bearer);
        assertEquals("request.invalid", badMethod.errorCode());
    }

    @Test
    void tokenModeCheckoutThenTokenOrders() {
        JsonNode session = merchant.post("/checkout-sessions", ErrorResponsesTest.tokenSession()).json();
        assertEquals("token", session.path("mode").asText());
        String tokenId = session.path("token").path("id").asText();
        assertTrue(tokenId.matches("paytok_test_[A-Za-z0-9]{22}"), session.toString());
        assertEquals("requires_authorization", merchant.get("/tokens/" + tokenId).text("status"));

        String accessToken = browser.post("/consumers/auth/login", Map.of()).text("accessToken");
        var approve = browser.send("PUT", "/tokens/" + tokenId + "/approve", null,
                Map.of("Authorization", "Bearer " + accessToken));
        assertEquals(200, approve.status(), approve::toString);
        assertEquals("active", merchant.get("/tokens/" + tokenId).text("status"));

        ObjectNode orderBody = SandboxHttp.checkout("manual", 1000, 1, 0);
        orderBody.remove("successUrl");
        orderBody.remove("cancelUrl");
        orderBody.put("token", tokenId);
        var order = merchant.post("/orders", orderBody);
        assertEquals(200, order.status(), order::toString);
        assertEquals(tokenId, order.text("tokenId"));
        assertEquals("requires_capture", order.text("status"), "charged to the token: authorized at once");
        assertEquals("lineItem", order.json().path("lineItems").get(0).path("object").asText(), "expanded");

        assertEquals(200, merchant.put("/tokens/" + tokenId + "/disable").status());
        assertEquals("", merchant.put("/tokens/" + tokenId + "/disable").body(), "empty 200 body");
        assertEquals("token.invalid", merchant.post("/orders", orderBody).errorCode());
        assertEquals(200, merchant.put("/tokens/" + tokenId + "/enable").status());
        assertEquals(200, merchant.post("/orders", orderBody).status());
        assertEquals(204, merchant.delete("/tokens/" + tokenId).status());
        assertEquals("token.not-found", merchant.get("/tokens/" + tokenId).errorCode());
    }

    @Test
    void hostedPageApprovesATokenToo() {
        JsonNode session = merchant.post("/checkout-sessions", ErrorResponsesTest.tokenSession()).json();
        var approved = browser.send("POST", session.path("url").asText() + "/approve", null, Map.of());
        assertEquals(303, approved.status());
        assertEquals("https://shop.example/ok", approved.header("Location"));
        assertEquals("active", merchant.get("/tokens/" + session.path("token").path("id").asText()).text("status"));
    }
}
