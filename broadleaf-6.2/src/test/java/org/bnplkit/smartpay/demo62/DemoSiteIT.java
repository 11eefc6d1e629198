package org.bnplkit.smartpay.demo62;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bnplkit.smartpay.sandbox.SandboxOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module installed into Broadleaf's own 6.2 DemoSite exactly as docs/installation-6.2.md says (three edited files),
 * built with Maven and run as Broadleaf runs it (site and admin, Spring Boot, their own JVMs), against the sandbox over
 * HTTP: what the demo shows, checked. A shopper buys on the DemoSite's own storefront (its cart, checkout and
 * templates); the sandbox's signed webhooks reach the site and are processed; the admin has the module's pages.
 * Runs with -Pdemosite (.ci/run's last stage): it builds and boots the DemoSite, which takes minutes.
 */
class DemoSiteIT {

    private static SmartpayDemoSite demo;

    @BeforeAll
    static void startDemoSite() {
        demo = SharedDemoSite.get();
    }

    @Test
    void theStoreSellsInYenAndShowsTheButtonOnceTheCartCanBePaid() {
        HeatClinicShopper shopper = new HeatClinicShopper(demo.ports().storefront());
        HttpResponse<String> catalog = shopper.get("/hot-sauces");
        assertEquals(200, catalog.statusCode());
        assertTrue(catalog.body().contains("¥499"), "the demo's overlay prices the catalog in yen");

        shopper.addToCart(HeatClinicShopper.PRODUCT, 1);
        String withoutAddress = shopper.checkoutPage();
        assertTrue(withoutAddress.contains("Pay with Smartpay"), "the guide's template line is on the checkout page");
        assertNull(HeatClinicShopper.smartpayLink(withoutAddress), "no link before the cart has a shipping address");

        String withAddress = shopper.checkoutPageWithTokyoAddress();
        assertEquals("/smartpay/start", HeatClinicShopper.smartpayLink(withAddress));
    }

    @Test
    void aShopperPaysThroughTheHostedCheckoutAndTheWebhookIsProcessed() {
        SmartpayDemoSite.PaidOrder paid = demo.buyWithSmartpay(2);
        assertFalse(paid.orderNumber().isEmpty());
        assertEquals(demo.ports().webhook(), paid.authorized().url());
        assertEquals(200, paid.authorized().statusCode(), "the site verified and accepted the signed delivery: " + paid.authorized());

        SandboxOrder order = demo.sandbox().order(paid.sandboxOrderId());
        assertEquals(2 * 499 + 500, order.amount(), "two sauces at ¥499 and ¥500 standard shipping");
        assertEquals("JPY", order.currency());
        assertEquals(0, order.captured(), "manual capture: nothing captured before shipment");
    }

    @Test
    void aShopperShippingAbroadGetsNoButton() {
        HeatClinicShopper shopper = new HeatClinicShopper(demo.ports().storefront());
        shopper.addToCart(HeatClinicShopper.PRODUCT, 1);
        String page = shopper.checkoutPageWithAddressIn("US", "CA");
        assertTrue(page.contains("Pay with Smartpay"));
        assertNull(HeatClinicShopper.smartpayLink(page), "Smartpay ships only to Japan");
    }

    @Test
    void aForgedDeliveryIsRefusedOverHttpAndHttps() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> plain = http.send(forged(demo.ports().webhook()), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, plain.statusCode(), "the module's filter answers ahead of the store's HTTPS redirect: " + plain.body());
        assertFalse(plain.headers().firstValue("Set-Cookie").isPresent(), "a delivery gets no session");

        DemoSiteSession secure = new DemoSiteSession(demo.ports().storefront());
        HttpResponse<String> https = secure.post("/smartpay/webhook", Map.of("id", "evt_forged"), "Smartpay-Signature", "forged");
        assertEquals(401, https.statusCode(), https.body());
        assertFalse(https.body().contains("Exception"), https.body());
    }

    @Test
    void theAdminHasTheSmartpaySection() {
        DemoSiteSession admin = loggedInAdmin();
        HttpResponse<String> health = admin.follow("/smartpay-health");
        assertEquals(200, health.statusCode());
        assertTrue(health.body().contains(demo.ports().webhook()), "Health lists the endpoint the site registered");
        HttpResponse<String> orders = admin.follow("/order");
        assertEquals(200, orders.statusCode());
    }

    /**
     * The admin side of an order paid on the DemoSite's storefront: the 6.2 order screen carries the module's panel, and
     * a capture from the panel's form reaches Smartpay (manual capture: the merchant captures at shipment).
     */
    @Test
    void theAdminOrderScreenHasTheSmartpayPanelAndItsCaptureReachesSmartpay() {
        SmartpayDemoSite.PaidOrder paid = demo.buyWithSmartpay(1);
        String broadleafOrder = paid.broadleafOrderId();

        DemoSiteSession admin = loggedInAdmin();
        HttpResponse<String> screen = admin.get("/order/" + broadleafOrder);
        assertEquals(200, screen.statusCode());
        assertTrue(screen.body().contains("smartpay-capture-button"), "the order screen offers the module's Capture");
        HttpResponse<String> panel = admin.get("/order/" + broadleafOrder + "/smartpay/panel");
        assertEquals(200, panel.statusCode());
        assertTrue(panel.body().contains("999"), "the panel shows the authorized ¥999: " + panel.body());

        HttpResponse<String> form = admin.get("/order/" + broadleafOrder + "/smartpay/capture");
        assertEquals(200, form.statusCode());
        Matcher requestId = Pattern.compile("name=\"requestId\" value=\"([^\"]+)\"").matcher(form.body());
        assertTrue(requestId.find(), "the capture form carries its request id: " + form.body());
        HttpResponse<String> captured = admin.postWithCsrf("/order/" + broadleafOrder + "/smartpay/capture",
                Map.of("amount", "999", "requestId", requestId.group(1)));
        assertEquals(200, captured.statusCode(), captured.body());
        assertEquals(999, demo.sandbox().order(paid.sandboxOrderId()).captured(), "the capture reached Smartpay");
    }

    private static DemoSiteSession loggedInAdmin() {
        DemoSiteSession admin = new DemoSiteSession(demo.ports().admin());
        assertEquals(200, admin.get("/login").statusCode());
        HttpResponse<String> login = admin.postWithCsrf("/login_admin_post", Map.of("username", "admin", "password", "admin"));
        assertEquals(302, login.statusCode());
        assertFalse(login.headers().firstValue("Location").orElse("").contains("error"), "admin/admin logs in");
        return admin;
    }

    private static HttpRequest forged(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Smartpay-Signature", "forged")
                .header("Smartpay-Signature-Timestamp", String.valueOf(System.currentTimeMillis() / 1000))
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"evt_forged\",\"eventData\":{}}")).build();
    }

}
