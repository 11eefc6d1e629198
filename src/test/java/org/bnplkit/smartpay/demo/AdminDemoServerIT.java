package org.bnplkit.smartpay.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo's real Broadleaf admin, started in its own JVM on a free port, driven over HTTP like a browser. */
class AdminDemoServerIT {

    private static DemoServerProcess demo;

    @BeforeAll
    static void startDemo() {
        demo = DemoServerProcess.start("admin-demo-server-it", AdminDemoServer.class, Map.of());
    }

    @AfterAll
    static void stopDemo() {
        if (demo != null) {
            demo.close();
        }
    }

    private static AdminHttpSession session() {
        return new AdminHttpSession(demo.baseUrl() + AdminDemoServer.ADMIN_PATH);
    }

    @Test
    void adminLogsInWithTheCsrfTokenAndSeesTheOrderList() {
        AdminHttpSession admin = session();

        HttpResponse<String> login = admin.login(AdminDemoServer.ADMIN_LOGIN, AdminDemoServer.ADMIN_PASSWORD);
        assertEquals(302, login.statusCode(), "login answer");
        String target = login.headers().firstValue("Location").orElse("");
        assertTrue(target.endsWith("/admin/loginSuccess"), "login redirects to loginSuccess, was " + target);

        HttpResponse<String> orders = admin.get("/order");
        assertEquals(200, orders.statusCode());
        assertTrue(orders.body().contains("listGrid"), "the order page renders Broadleaf's list grid");
        assertTrue(orders.body().contains("/admin/order"), "the order page links order rows under /admin/order");
    }

    @Test
    void aWrongPasswordIsSentBackToTheLoginPage() {
        HttpResponse<String> login = session().login(AdminDemoServer.ADMIN_LOGIN, "not-the-password");

        assertEquals(302, login.statusCode());
        assertTrue(login.headers().firstValue("Location").orElse("").contains("/admin/login?login_error=true"));
    }

    @Test
    void pagesNeedALogin() {
        HttpResponse<String> orders = session().get("/order");

        assertEquals(302, orders.statusCode());
        assertTrue(orders.headers().firstValue("Location").orElse("").endsWith("/admin/login"));
    }

    @Test
    void aLoginWithoutTheCsrfTokenIsRefused() {
        AdminHttpSession admin = session();
        admin.get("/login");

        HttpResponse<String> login = admin.post("/login_admin_post",
                Map.of("j_username", AdminDemoServer.ADMIN_LOGIN, "j_password", AdminDemoServer.ADMIN_PASSWORD));

        String target = login.headers().firstValue("Location").orElse("");
        assertTrue(!target.endsWith("/admin/loginSuccess"), "no session without the CSRF token; went to " + target);
        assertEquals(302, admin.get("/order").statusCode(), "still logged out");
    }

    @Test
    void aShopperPaysWithSmartpayOnTheHostedPageAndTheAdminFindsTheOrder() {
        AdminHttpSession shopper = new AdminHttpSession(demo.baseUrl());
        HttpResponse<String> catalog = shopper.get("/");
        assertEquals(200, catalog.statusCode());
        assertTrue(catalog.body().contains("Nambu cast-iron kettle"), "the seeded JPY catalog is listed");

        Matcher addLink = Pattern.compile("action=\"/cart/add/(\\d+)\"").matcher(catalog.body());
        assertTrue(addLink.find());
        assertEquals(302, shopper.post("/cart/add/" + addLink.group(1), Map.of("quantity", "2")).statusCode());
        assertEquals(302, shopper.post("/cart/checkout",
                Map.of("email", "hanako@example.jp", "lastName", "山田", "firstName", "花子")).statusCode());
        HttpResponse<String> review = shopper.get("/checkout");
        // 2 × ¥3,300 + ¥660 shipping + 10 % tax on the goods
        assertTrue(review.body().contains("&yen;7,920"), review.body());

        HttpResponse<String> start = shopper.post("/smartpay/start", Map.of());
        assertEquals(302, start.statusCode());
        String hostedPage = location(start);
        assertTrue(hostedPage.startsWith(demo.sandboxRootUrl() + "/checkout/"), hostedPage);
        HttpResponse<String> approved = shopper.post(hostedPage + "/approve", Map.of());
        assertEquals(303, approved.statusCode(), "the sandbox's Approve button");

        HttpResponse<String> returned = shopper.get(location(approved));
        assertEquals(302, returned.statusCode());
        String confirmationPath = location(returned).replace(demo.baseUrl(), "");
        assertTrue(confirmationPath.startsWith("/confirmation/"), confirmationPath);
        String orderNumber = confirmationPath.substring("/confirmation/".length());
        HttpResponse<String> confirmation = shopper.get(confirmationPath);
        assertTrue(confirmation.body().contains("is confirmed (SUBMITTED)"), confirmation.body());

        AdminHttpSession admin = session();
        admin.login(AdminDemoServer.ADMIN_LOGIN, AdminDemoServer.ADMIN_PASSWORD);
        assertTrue(admin.get("/order").body().contains(orderNumber), "the admin's order list shows " + orderNumber);
    }

    /**
     * The demo is wired end to end: on start-up the module registered the storefront's webhook URL at the sandbox
     * (gateway.smartpay.storefrontBaseUrl), so the sandbox's signed deliveries for the seeded orders reach the demo
     * and are verified and accepted (200), none refused for want of a registered endpoint (503).
     */
    @Test
    void theSandboxsSignedWebhooksReachTheDemoAndAreAccepted() throws Exception {
        String webhookUrl = demo.baseUrl() + "/smartpay/webhook";
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 120_000;
        JsonNode deliveries = null;
        boolean accepted = false;
        while (!accepted && System.currentTimeMillis() < deadline) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                    URI.create(demo.sandboxRootUrl() + "/__sandbox/webhook-deliveries")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
            deliveries = new ObjectMapper().readTree(answer.body()).get("data");
            for (JsonNode d : deliveries) {
                accepted |= webhookUrl.equals(d.get("url").asText()) && d.get("statusCode").asInt() == 200;
            }
            if (!accepted) {
                Thread.sleep(200);
            }
        }
        assertTrue(accepted, "a signed delivery to " + webhookUrl + " answered 200: " + deliveries);
        for (JsonNode d : deliveries) {
            assertTrue(d.get("statusCode").asInt() != 503, "no delivery refused for want of an endpoint: " + d);
        }
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location header"));
    }
}
