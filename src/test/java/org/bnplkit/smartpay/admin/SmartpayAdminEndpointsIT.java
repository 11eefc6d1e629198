package org.bnplkit.smartpay.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
 * 2 partly captured, 3 captured, 4 partly refunded, 5 cancelled, 6 refund refused, 7 and 8 authorized (spares), 9 a
 * capture refused at shipment; and a dead-letter webhook of order 2 (the Smartpay section's Needs attention).
 */
class SmartpayAdminEndpointsIT {

    private static DemoServerProcess demo;

    @BeforeAll
    static void startDemo() {
        demo = DemoServerProcess.start("smartpay-admin-endpoints-it", AdminDemoServer.class, Map.of("demo.spareOrders", "3"));
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

    /** The request id the server issued with the form of {@code action} (refund, capture, cancel). */
    private static String formRequestId(AdminHttpSession admin, long orderId, String action) {
        HttpResponse<String> modal = admin.get("/order/" + orderId + "/smartpay/" + action);
        assertEquals(200, modal.statusCode());
        Matcher m = Pattern.compile("name=\"requestId\" value=\"([^\"]+)\"").matcher(modal.body());
        assertTrue(m.find(), "the " + action + " form carries its request id");
        return m.group(1);
    }

    /** The request id the panel gives its Retry buttons. */
    private static String retryRequestId(String panelHtml) {
        Matcher m = Pattern.compile("data-retry-request-id=\"([^\"]+)\"").matcher(panelHtml);
        assertTrue(m.find(), "the panel carries the retry request id");
        return m.group(1);
    }

    private static Map<String, String> capture(long amount, String requestId) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("amount", String.valueOf(amount));
        form.put("requestId", requestId);
        return form;
    }

    private static Map<String, String> refund(String amount, String requestId) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("amount", amount);
        form.put("reason", "requested_by_customer");
        form.put("requestId", requestId);
        return form;
    }

    /** The row of item {@code itemPrefix} (e.g. "webhook-") on the Needs attention page: [item key, order id, the Mark resolved request id]. */
    private static String[] attentionRow(String page, String itemPrefix) {
        Matcher row = Pattern.compile("<tr[^>]*smartpay-attention-item[^>]*data-item=\"(" + Pattern.quote(itemPrefix) + "\\d+)\"[^>]*>(.*?)</tr>", Pattern.DOTALL)
                .matcher(page);
        assertTrue(row.find(), itemPrefix + " row on the page");
        String tag = page.substring(row.start(), page.indexOf('>', row.start()));
        Matcher order = Pattern.compile("data-order-id=\"(\\d+)\"").matcher(tag);
        Matcher resolve = Pattern.compile("data-action=\"RESOLVE\"[^>]*data-request-id=\"([^\"]+)\"").matcher(row.group(2));
        assertTrue(resolve.find(), "Mark resolved offered with its request id");
        return new String[] {row.group(1), order.find() ? order.group(1) : "0", resolve.group(1)};
    }

    /** Whether {@code item} is a row of the list (the history below it names items too). */
    private static boolean listed(String page, String item) {
        return Pattern.compile("<tr[^>]*smartpay-attention-item[^>]*data-item=\"" + Pattern.quote(item) + "\"").matcher(page).find();
    }

    private static Map<String, String> resolve(String item, String orderId, String note, String requestId) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("item", item);
        form.put("orderId", orderId);
        form.put("action", "RESOLVE");
        form.put("note", note);
        form.put("requestId", requestId);
        return form;
    }

    @Test
    void theSmartpaySectionNeedsItsPermissionAndActsOnceOnlyOnFormsItIssued() {
        AdminHttpSession csr = loggedIn("csr", "csr");
        assertEquals(403, csr.get("/smartpay-attention").statusCode());
        assertEquals(403, csr.get("/smartpay-health").statusCode());
        assertFalse(csr.get("/order/3").body().contains("/smartpay-attention"), "no Smartpay entry in the menu");
        for (String path : new String[] {"/smartpay-attention/act", "/smartpay-health/test-connection", "/smartpay-health/reconcile"}) {
            HttpResponse<String> refused = csr.postWithCsrf(path, resolve("op-1", "1", "x", "adm-x"));
            assertEquals(403, refused.statusCode(), path);
            assertTrue(refused.body().contains("permission"), refused.body());
        }

        AdminHttpSession admin = loggedIn(AdminDemoServer.ADMIN_LOGIN, AdminDemoServer.ADMIN_PASSWORD);
        String page = admin.get("/smartpay-attention?blLocaleCode=en_US").body();
        assertTrue(page.contains("Needs attention") && page.contains("evt_demo_dead_") && page.contains("payment.declined"), page);
        String[] dead = attentionRow(page, "webhook-");
        String item = dead[0];
        String orderId = dead[1];
        String requestId = dead[2];
        assertEquals("2", orderId, "the dead letter links to the order its Smartpay order belongs to");

        assertEquals(403, admin.post("/smartpay-attention/act", resolve(item, orderId, "no token", requestId)).statusCode());
        assertEquals(422, admin.postWithCsrf("/smartpay-attention/act", resolve(item, orderId, " ", requestId)).statusCode());
        HttpResponse<String> forged = admin.postWithCsrf("/smartpay-attention/act", resolve(item, orderId, "forged", "adm-0-forged"));
        assertEquals(403, forged.statusCode(), forged.body());
        HttpResponse<String> otherOrder = admin.postWithCsrf("/smartpay-attention/act", resolve(item, "3", "other order", requestId));
        assertEquals(409, otherOrder.statusCode(), otherOrder.body());
        HttpResponse<String> otherItem = admin.postWithCsrf("/smartpay-attention/act", resolve("op-1", "1", "another item", requestId));
        assertTrue(otherItem.statusCode() == 403 || otherItem.statusCode() == 409, otherItem.body());
        assertTrue(listed(admin.get("/smartpay-attention").body(), item), "nothing changed");

        HttpResponse<String> done = admin.postWithCsrf("/smartpay-attention/act", resolve(item, orderId, "Replayed by hand", requestId));
        assertEquals(200, done.statusCode(), done.body());
        assertTrue(done.body().contains("Marked resolved"), done.body());
        HttpResponse<String> again = admin.postWithCsrf("/smartpay-attention/act", resolve(item, orderId, "Replayed by hand", requestId));
        assertEquals(200, again.statusCode(), again.body());
        assertTrue(again.body().contains("already submitted"), again.body());
        String after = admin.get("/smartpay-attention").body();
        assertFalse(listed(after, item), "resolved: off the list");
        assertEquals(1, after.split("Replayed by hand", -1).length - 1, "one resolution in the history, with its note");
        HttpResponse<String> stale = admin.postWithCsrf("/smartpay-attention/act", resolve(item, orderId, "late", "adm-1-another-tab"));
        assertEquals(409, stale.statusCode(), "already resolved: " + stale.body());
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

    /**
     * The cancel form of a partly captured order offers to release only what is not captured: the captures are kept
     * and nothing is refunded, whatever refundCaptured says. A scope the form does not offer changes nothing.
     */
    @Test
    void aPartlyCapturedOrderCanReleaseItsRemainderAndKeepItsCaptures() {
        AdminHttpSession admin = loggedIn(AdminDemoServer.ADMIN_LOGIN, AdminDemoServer.ADMIN_PASSWORD);
        HttpResponse<String> captured = admin.postWithCsrf("/order/9/smartpay/capture", capture(1_000, formRequestId(admin, 9, "capture")));
        assertEquals(200, captured.statusCode(), captured.body());
        String form = admin.get("/order/9/smartpay/cancel").body();
        assertTrue(form.contains("name=\"scope\" value=\"remainder\""), "the release choice is offered: " + form);

        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("requestId", formRequestId(admin, 9, "cancel"));
        forged.put("scope", "everything");
        HttpResponse<String> refused = admin.postWithCsrf("/order/9/smartpay/cancel", forged);
        assertEquals(422, refused.statusCode(), refused.body());
        assertNoTrace(refused);
        assertTrue(admin.get("/order/9/smartpay/panel").body().contains("requires_capture"), "nothing changed");

        Map<String, String> release = new LinkedHashMap<>();
        release.put("requestId", formRequestId(admin, 9, "cancel"));
        release.put("scope", "remainder");
        HttpResponse<String> done = admin.postWithCsrf("/order/9/smartpay/cancel", release);
        assertEquals(200, done.statusCode(), done.body());
        assertTrue(done.body().contains("the captures are kept"), done.body());
        String panel = admin.get("/order/9/smartpay/panel").body();
        assertEquals(1_000, figure(panel, "smartpay-captured"), "the capture is kept");
        assertEquals(0, figure(panel, "smartpay-refunded"), "nothing refunded");
        assertEquals(0, figure(panel, "smartpay-uncaptured"), "the rest released");
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

    @Test
    void aRequestIdTheServerDidNotIssueForThisOrderUserAndActionIsRefusedAndChangesNothing() {
        AdminHttpSession admin = loggedIn(AdminDemoServer.ADMIN_LOGIN, AdminDemoServer.ADMIN_PASSWORD);
        long refundedBefore = figure(admin.get("/order/4/smartpay/panel").body(), "smartpay-refunded");
        List<String> forgeries = new ArrayList<>(List.of("anything-goes-123", "cancel:order:4", "return:fg:1", "capture:fg:1"));
        forgeries.add(requestId(admin, 4) + "x");
        forgeries.add(requestId(admin, 3)); // another order's
        forgeries.add(formRequestId(admin, 4, "cancel")); // another action's

        for (String forged : forgeries) {
            HttpResponse<String> refused = admin.postWithCsrf("/order/4/smartpay/refund", refund("100", forged));
            assertEquals(403, refused.statusCode(), forged + ": " + refused.body());
            assertTrue(refused.body().contains("was not issued"), forged + ": " + refused.body());
        }
        long capturedBefore = figure(admin.get("/order/8/smartpay/panel").body(), "smartpay-captured");
        HttpResponse<String> noId = admin.postWithCsrf("/order/8/smartpay/capture", Map.of("amount", "100"));
        assertEquals(403, noId.statusCode(), noId.body());
        HttpResponse<String> refundId = admin.postWithCsrf("/order/8/smartpay/capture", capture(100, requestId(admin, 8)));
        assertEquals(403, refundId.statusCode(), "a refund form's id does not capture: " + refundId.body());
        assertEquals(refundedBefore, figure(admin.get("/order/4/smartpay/panel").body(), "smartpay-refunded"));
        assertEquals(capturedBefore, figure(admin.get("/order/8/smartpay/panel").body(), "smartpay-captured"));
    }

    @Test
    void theSameCaptureFormPostedTwiceCapturesOnceAndTwoStaffAtOnceEachGetTheirOwnOutcome() throws Exception {
        AdminHttpSession first = loggedIn(AdminDemoServer.ADMIN_LOGIN, AdminDemoServer.ADMIN_PASSWORD);
        String form = formRequestId(first, 7, "capture");
        HttpResponse<String> once = first.postWithCsrf("/order/7/smartpay/capture", capture(100, form));
        HttpResponse<String> twice = first.postWithCsrf("/order/7/smartpay/capture", capture(100, form));
        assertEquals(200, once.statusCode(), once.body());
        assertEquals(200, twice.statusCode(), twice.body());
        assertEquals(100, figure(first.get("/order/7/smartpay/panel").body(), "smartpay-captured"), "the double post captured once");

        AdminHttpSession second = loggedIn(AdminDemoServer.ADMIN_LOGIN, AdminDemoServer.ADMIN_PASSWORD);
        String formA = formRequestId(first, 7, "capture");
        String formB = formRequestId(second, 7, "capture");
        ExecutorService staff = Executors.newFixedThreadPool(2);
        try {
            Future<HttpResponse<String>> a = staff.submit(() -> first.postWithCsrf("/order/7/smartpay/capture", capture(200, formA)));
            Future<HttpResponse<String>> b = staff.submit(() -> second.postWithCsrf("/order/7/smartpay/capture", capture(300, formB)));
            HttpResponse<String> answerA = a.get(60, TimeUnit.SECONDS);
            HttpResponse<String> answerB = b.get(60, TimeUnit.SECONDS);
            assertEquals(200, answerA.statusCode(), answerA.body());
            assertEquals(200, answerB.statusCode(), answerB.body());
            assertTrue(answerA.body().contains("\u00a5200") && !answerA.body().contains("\u00a5300"), "A is told about A's ¥200: " + answerA.body());
            assertTrue(answerB.body().contains("\u00a5300") && !answerB.body().contains("\u00a5200"), "B is told about B's ¥300: " + answerB.body());
        } finally {
            staff.shutdownNow();
        }
        assertEquals(600, figure(first.get("/order/7/smartpay/panel").body(), "smartpay-captured"), "three captures: 100 + 200 + 300");
    }

    @Test
    void aSlowSmartpayDoesNotHoldTheAdminAndThePanelShowsTheResultWhenItSettles() {
        AdminHttpSession admin = loggedIn(AdminDemoServer.ADMIN_LOGIN, AdminDemoServer.ADMIN_PASSWORD);
        long refundedBefore = figure(admin.get("/order/4/smartpay/panel").body(), "smartpay-refunded");
        String form = requestId(admin, 4);
        sandboxFault("type=delay&delayMillis=8000&method=POST&path=/v1/refunds&times=1");

        long started = System.nanoTime();
        HttpResponse<String> answer = admin.postWithCsrf("/order/4/smartpay/refund", refund("500", form));
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertTrue(millis < 5_000, "the admin answered after " + millis + " ms");
        assertTrue(answer.statusCode() == 200 || answer.statusCode() == 202, answer.statusCode() + " " + answer.body());
        assertTrue(answer.body().contains("not confirmed it yet"), answer.body());
        assertTrue(admin.get("/order/4/smartpay/panel").body().contains("data-status=\"PENDING\""), "the journaled state");

        long deadline = System.currentTimeMillis() + 30_000;
        String panel = admin.get("/order/4/smartpay/panel").body();
        while (figure(panel, "smartpay-refunded") != refundedBefore + 500 && System.currentTimeMillis() < deadline) {
            panel = admin.get("/order/4/smartpay/panel").body(); // the panel, as the browser polls it
        }
        assertEquals(refundedBefore + 500, figure(panel, "smartpay-refunded"), "settled in the background");
        assertFalse(panel.contains("data-status=\"PENDING\""), panel);

        // Smartpay slow at everything: the capture's look at the order's live status, then the capture itself
        String captureForm = formRequestId(admin, 8, "capture");
        sandboxFault("type=delay&delayMillis=8000&method=GET&path=/v1/orders/.*&times=1");
        sandboxFault("type=delay&delayMillis=8000&method=POST&path=/v1/payments&times=1");
        started = System.nanoTime();
        HttpResponse<String> capture = admin.postWithCsrf("/order/8/smartpay/capture", capture(700, captureForm));
        millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < 5_000, "the capture was answered after " + millis + " ms");
        assertTrue(capture.body().contains("not confirmed it yet"), capture.body());
        deadline = System.currentTimeMillis() + 30_000;
        String captured = admin.get("/order/8/smartpay/panel").body();
        while (figure(captured, "smartpay-captured") != 700 && System.currentTimeMillis() < deadline) {
            captured = admin.get("/order/8/smartpay/panel?live=false").body();
        }
        assertEquals(700, figure(captured, "smartpay-captured"), "settled in the background");
    }

    private static void sandboxFault(String query) {
        try {
            HttpResponse<String> armed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(demo.sandboxRootUrl() + "/__sandbox/faults?" + query)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, armed.statusCode(), armed.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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

        String form = formRequestId(admin, 2, "capture");
        HttpResponse<String> tooMuch = admin.postWithCsrf("/order/2/smartpay/capture", capture(uncaptured + 1, form));
        assertEquals(422, tooMuch.statusCode());
        assertTrue(tooMuch.body().contains("more than what is still authorized"), tooMuch.body());

        HttpResponse<String> rest = admin.postWithCsrf("/order/2/smartpay/capture", capture(uncaptured, form));
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

        HttpResponse<String> retried = admin.postWithCsrf("/order/6/smartpay/retry",
                Map.of("operationKey", failed.group(1), "requestId", retryRequestId(panel)));

        assertEquals(200, retried.statusCode(), retried.body());
        assertTrue(retried.body().contains("\"status\":\"SUCCEEDED\""), retried.body());
        assertEquals(1_000, figure(admin.get("/order/6/smartpay/panel").body(), "smartpay-refunded"));
        String otherOrdersPanel = admin.get("/order/1/smartpay/panel").body();
        assertEquals(404, admin.postWithCsrf("/order/1/smartpay/retry",
                Map.of("operationKey", failed.group(1), "requestId", retryRequestId(otherOrdersPanel))).statusCode(),
                "another order's operation cannot be retried from this order");
        assertEquals(403, admin.postWithCsrf("/order/6/smartpay/retry",
                Map.of("operationKey", failed.group(1), "requestId", retryRequestId(otherOrdersPanel))).statusCode(),
                "nor with the retry id of another order's panel");
    }
}
