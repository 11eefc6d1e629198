package org.bnplkit.smartpay.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bnplkit.smartpay.demo.AdminDemoServer;
import org.bnplkit.smartpay.demo.AdminHttpSession;
import org.bnplkit.smartpay.demo.DemoServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module's admin endpoints in the real Broadleaf admin of the demo (its own JVM), over HTTP: the permission,
 * CSRF and validation checks on the server, and what an accepted request changes. Seeded orders: 1 authorized,
 * 2 partly captured, 3 captured, 4 partly refunded, 5 cancelled, 6 refund refused.
 */
class SmartpayAdminEndpointsIT {

    private static DemoServerProcess demo;

    @BeforeAll
    static void startDemo() {
        demo = DemoServerProcess.start("smartpay-admin-endpoints-it", AdminDemoServer.class, Map.of());
    }

    @AfterAll
    static void stopDemo() {
        if (demo != null) {
            demo.close();
        }
    }

    private static AdminHttpSession loggedIn(String user, String password) {
        AdminHttpSession session = new AdminHttpSession(demo.baseUrl() + AdminDemoServer.ADMIN_PATH);
        assertEquals(302, session.login(user, password).statusCode());
        session.get("/order/3?blLocaleCode=en_US"); // an admin page: its csrfToken, and English messages
        return session;
    }

    private static long figure(String panelHtml, String cssClass) {
        Matcher m = Pattern.compile("class=\"" + cssClass + "\">([^<]*)<").matcher(panelHtml);
        assertTrue(m.find(), cssClass + " in the panel");
        return Long.parseLong(m.group(1).replaceAll("[^0-9]", ""));
    }

    private static String requestId(AdminHttpSession admin, long orderId) {
        HttpResponse<String> modal = admin.get("/order/" + orderId + "/smartpay/refund");
        assertEquals(200, modal.statusCode());
        Matcher m = Pattern.compile("name=\"requestId\" value=\"([^\"]+)\"").matcher(modal.body());
        assertTrue(m.find(), "the refund form carries its request id");
        return m.group(1);
    }

    private static Map<String, String> refund(String amount, String requestId) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("amount", amount);
        form.put("reason", "requested_by_customer");
        form.put("requestId", requestId);
        return form;
    }

    @Test
    void theOrderScreenShowsTheButtonsThatApplyAndThePanelItsFigures() {
        AdminHttpSession admin = loggedIn(AdminDemoServer.ADMIN_LOGIN, AdminDemoServer.ADMIN_PASSWORD);

        String authorized = admin.get("/order/1").body();
        assertTrue(authorized.contains("smartpay-capture-button") && authorized.contains("smartpay-cancel-button"));
        assertFalse(authorized.contains("smartpay-refund-button"), "nothing captured yet");
        String cancelled = admin.get("/order/5").body();
        assertFalse(cancelled.contains("smartpay-capture-button") || cancelled.contains("smartpay-cancel-button")
                || cancelled.contains("smartpay-refund-button"), "a cancelled order with nothing captured: no action");

        String panel = admin.get("/order/2/smartpay/panel").body();
        assertEquals(5_000, figure(panel, "smartpay-captured"));
        assertEquals(figure(panel, "smartpay-authorized") - 5_000, figure(panel, "smartpay-uncaptured"));
        assertTrue(panel.contains("requires_capture"), "Smartpay's live status");
        assertTrue(panel.contains("smartpay-expires-at"));
        assertEquals(204, admin.get("/order/999999/smartpay/panel").statusCode(), "no such Smartpay order");
    }

    @Test
    void aRefundIsValidatedOnTheServerThenSentOnceAndShownInThePanel() {
        AdminHttpSession admin = loggedIn(AdminDemoServer.ADMIN_LOGIN, AdminDemoServer.ADMIN_PASSWORD);
        String before = admin.get("/order/3/smartpay/panel").body();
        long refundable = figure(before, "smartpay-refundable");
        String requestId = requestId(admin, 3);

        HttpResponse<String> notANumber = admin.postWithCsrf("/order/3/smartpay/refund", refund("12.5", requestId));
        assertEquals(422, notANumber.statusCode());
        assertTrue(notANumber.body().contains("\"amount\":\"Enter a whole number of yen"), notANumber.body());

        HttpResponse<String> tooMuch = admin.postWithCsrf("/order/3/smartpay/refund", refund(String.valueOf(refundable + 1), requestId));
        assertEquals(422, tooMuch.statusCode());
        assertTrue(tooMuch.body().contains("more than what can be refunded"), tooMuch.body());

        HttpResponse<String> done = admin.postWithCsrf("/order/3/smartpay/refund", refund("1,000", requestId));
        assertEquals(200, done.statusCode(), done.body());
        assertTrue(done.body().contains("\"ok\":true") && done.body().contains("Refunded ¥1,000."), done.body());

        HttpResponse<String> again = admin.postWithCsrf("/order/3/smartpay/refund", refund("1,000", requestId));
        assertEquals(200, again.statusCode(), "the same form sent twice");
        String after = admin.get("/order/3/smartpay/panel").body();
        assertEquals(figure(before, "smartpay-refunded") + 1_000, figure(after, "smartpay-refunded"), "refunded once");
        assertEquals(refundable - 1_000, figure(after, "smartpay-refundable"));
    }

    @Test
    void aPostWithoutTheCsrfTokenIsAnswered403JsonWithAMessageAndNoTraceBeforeAnythingHappens() {
        AdminHttpSession admin = loggedIn(AdminDemoServer.ADMIN_LOGIN, AdminDemoServer.ADMIN_PASSWORD);
        long refundedBefore = figure(admin.get("/order/4/smartpay/panel").body(), "smartpay-refunded");
        String requestId = requestId(admin, 4);

        for (String path : new String[] {"/order/4/smartpay/refund", "/order/4/smartpay/capture", "/order/4/smartpay/cancel",
                "/order/6/smartpay/retry", "/smartpay-webhooks/reconcile", "/smartpay-webhooks/register"}) {
            Map<String, String> form = new LinkedHashMap<>(refund("100", requestId));
            HttpResponse<String> noToken = admin.post(path, form);
            form.put("csrfToken", "WRONG");
            HttpResponse<String> wrongToken = admin.post(path, form);
            for (HttpResponse<String> refused : List.of(noToken, wrongToken)) {
                assertEquals(403, refused.statusCode(), path + ": " + refused.body());
                assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                        path + " answers JSON: " + refused.headers().firstValue("Content-Type"));
                assertTrue(refused.body().contains("\"message\":\"The form expired"), path + ": " + refused.body());
                assertNoTrace(refused);
            }
        }
        assertEquals(refundedBefore, figure(admin.get("/order/4/smartpay/panel").body(), "smartpay-refunded"));

        admin.get("/order/4?blLocaleCode=ja_JP");
        HttpResponse<String> japanese = admin.post("/order/4/smartpay/refund", refund("100", requestId));
        assertEquals(403, japanese.statusCode());
        assertTrue(japanese.body().contains("\u30d5\u30a9\u30fc\u30e0"), "in Japanese: " + japanese.body()); // フォーム
        admin.get("/order/4?blLocaleCode=en_US");
    }

    @Test
    void nothingTheModuleServesShowsAStackTrace() {
        AdminHttpSession admin = loggedIn(AdminDemoServer.ADMIN_LOGIN, AdminDemoServer.ADMIN_PASSWORD);
        for (HttpResponse<String> odd : List.of(
                admin.postWithCsrf("/order/not-a-number/smartpay/refund", refund("100", "x")),
                admin.get("/order/99999999999999999999/smartpay/panel"),
                admin.postWithCsrf("/order/4/smartpay/retry", Map.of()),
                admin.postWithCsrf("/smartpay-webhooks/events/no-such-event/reprocess", Map.of()))) {
            assertTrue(odd.statusCode() >= 400 && odd.statusCode() < 500, odd.uri() + ": " + odd.statusCode() + " " + odd.body());
            assertNoTrace(odd);
        }
    }

    private static void assertNoTrace(HttpResponse<String> response) {
        String body = response.body();
        assertFalse(body.contains("Exception") || body.contains("\tat ") || body.contains("at org.") || body.contains("at java."),
                response.uri() + " shows internals: " + body);
    }

    @Test
    void anAdminWithoutTheSmartpayPermissionsSeesThePanelButNoButtonAndIsRefused() {
        AdminHttpSession csr = loggedIn("csr", "csr");

        String order = csr.get("/order/2").body();
        assertFalse(order.contains("smartpay-refund-button") || order.contains("smartpay-capture-button")
                || order.contains("smartpay-cancel-button"));
        assertEquals(200, csr.get("/order/2/smartpay/panel").statusCode(), "viewing needs only the order permission");
        assertEquals(403, csr.get("/order/2/smartpay/refund").statusCode());
        assertEquals(403, csr.postWithCsrf("/order/2/smartpay/refund", refund("100", "admin-2-csr-probe-1")).statusCode());
        assertEquals(403, csr.postWithCsrf("/order/2/smartpay/capture", Map.of("amount", "100")).statusCode());
        assertEquals(403, csr.postWithCsrf("/order/2/smartpay/cancel", Map.of()).statusCode());
        assertFalse(csr.get("/order/6/smartpay/panel").body().contains("smartpay-retry-button"));
    }

    @Test
    void captureIsLimitedToWhatIsStillAuthorized() {
        AdminHttpSession admin = loggedIn(AdminDemoServer.ADMIN_LOGIN, AdminDemoServer.ADMIN_PASSWORD);
        long uncaptured = figure(admin.get("/order/2/smartpay/panel").body(), "smartpay-uncaptured");

        HttpResponse<String> tooMuch = admin.postWithCsrf("/order/2/smartpay/capture", Map.of("amount", String.valueOf(uncaptured + 1)));
        assertEquals(422, tooMuch.statusCode());
        assertTrue(tooMuch.body().contains("more than what is still authorized"), tooMuch.body());

        HttpResponse<String> rest = admin.postWithCsrf("/order/2/smartpay/capture", Map.of("amount", String.valueOf(uncaptured)));
        assertEquals(200, rest.statusCode(), rest.body());
        String panel = admin.get("/order/2/smartpay/panel").body();
        assertEquals(0, figure(panel, "smartpay-uncaptured"));
        assertTrue(panel.contains("succeeded"), "Smartpay closed the order: everything captured");
    }

    @Test
    void aRefusedRefundIsRetriedFromThePanel() {
        AdminHttpSession admin = loggedIn(AdminDemoServer.ADMIN_LOGIN, AdminDemoServer.ADMIN_PASSWORD);
        String panel = admin.get("/order/6/smartpay/panel").body();
        Matcher failed = Pattern.compile("data-operation-key=\"([^\"]+)\" data-status=\"FAILED\"").matcher(panel);
        assertTrue(failed.find(), panel);

        HttpResponse<String> retried = admin.postWithCsrf("/order/6/smartpay/retry", Map.of("operationKey", failed.group(1)));

        assertEquals(200, retried.statusCode(), retried.body());
        assertTrue(retried.body().contains("\"status\":\"SUCCEEDED\""), retried.body());
        assertEquals(1_000, figure(admin.get("/order/6/smartpay/panel").body(), "smartpay-refunded"));
        assertEquals(404, admin.postWithCsrf("/order/1/smartpay/retry", Map.of("operationKey", failed.group(1))).statusCode(),
                "another order's operation cannot be retried from this order");
    }
}
