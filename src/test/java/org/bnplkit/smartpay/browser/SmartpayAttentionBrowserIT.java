package org.bnplkit.smartpay.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bnplkit.smartpay.demo.AdminDemoServer;
import org.bnplkit.smartpay.demo.DemoServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The admin menu's Smartpay section in the real Broadleaf admin, in headless Chromium, against the demo: its seeded
 * orders (1 authorized, 2 partly captured, ...) plus a capture Smartpay refused when an order shipped and a webhook in
 * the dead letter. Authorizations count as expiring within 400 days here, so a reconciliation pass raises
 * "authorization expiring" for every order with money left to capture. Screenshots go to target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SmartpayAttentionBrowserIT {

    private static final long AUTHORIZED = 1;
    private static final long PARTLY_CAPTURED = 2;

    private static DemoServerProcess demo;

    @BeforeAll
    static void startDemo() {
        if (HeadlessChromium.available()) {
            demo = DemoServerProcess.start("smartpay-attention-browser-it", AdminDemoServer.class,
                    Map.of("gateway.smartpay.reconcile.expiring.days", "400"));
        }
    }

    @AfterAll
    static void stopDemo() {
        if (demo != null) {
            demo.close();
        }
    }

    private static String admin() {
        return demo.baseUrl() + AdminDemoServer.ADMIN_PATH;
    }

    private static void login(HeadlessChromium browser, String user, String password) {
        browser.open(admin() + "/login");
        browser.find("#username").sendKeys(user);
        browser.find("#password").sendKeys(password);
        browser.find("input[type=submit]").click();
        browser.waitUntil("logged in as " + user, 30, () -> !browser.driver().getCurrentUrl().contains("/login"));
    }

    private static void openAttention(HeadlessChromium browser, String query) {
        browser.open(admin() + "/smartpay-attention" + query);
        browser.waitForVisible(".smartpay-attention", 30);
    }

    private static List<WebElement> rows(HeadlessChromium browser) {
        return browser.driver().findElements(By.cssSelector("tr.smartpay-attention-item"));
    }

    private static Optional<WebElement> row(HeadlessChromium browser, String kind, String... texts) {
        return rows(browser).stream().filter(r -> kind.equals(r.getAttribute("data-kind"))).filter(r -> {
            String text = r.getAttribute("textContent");
            for (String t : texts) {
                if (!text.contains(t)) {
                    return false;
                }
            }
            return true;
        }).findFirst();
    }

    private static String messageOf(HeadlessChromium browser, WebElement row) {
        WebElement message = row.findElement(By.cssSelector(".smartpay-attention-message"));
        browser.waitUntil("the action's answer", 60, () -> !message.getText().trim().isEmpty());
        return message.getText().trim();
    }

    /** POSTs form fields from the page (same session) and returns [status, body]. */
    @SuppressWarnings("unchecked")
    private static List<Object> post(HeadlessChromium browser, String path, String body) {
        return (List<Object>) ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {method: 'POST', credentials: 'same-origin',"
                + " headers: {'Content-Type': 'application/x-www-form-urlencoded'}, body: arguments[1]})"
                + ".then(function (r) { return r.text().then(function (t) { done([r.status, t]); }); },"
                + " function (e) { done([0, String(e)]); });", admin() + path, body);
    }

    private static long status(List<Object> answer) {
        return ((Number) answer.get(0)).longValue();
    }

    private static long get(HeadlessChromium browser, String path) {
        Object status = ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {credentials: 'same-origin'}).then(function (r) { done(r.status); },"
                + " function (e) { done(0); });", admin() + path);
        return ((Number) status).longValue();
    }

    private static String csrf(HeadlessChromium browser) {
        return (String) ((JavascriptExecutor) browser.driver()).executeScript(
                "var i = document.querySelector('input[name=csrfToken]'); return i ? i.value : '';");
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static long yen(String text) {
        return Long.parseLong(text.replaceAll("[^0-9]", ""));
    }

    @Test
    @Order(1)
    void aCaptureRefusedAtShipmentIsListedAndSettledFromNeedsAttention() {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            login(browser, AdminDemoServer.ADMIN_LOGIN, AdminDemoServer.ADMIN_PASSWORD);
            openAttention(browser, "?blLocaleCode=en_US");
            assertFalse(browser.driver().findElements(By.cssSelector("#sideMenu a[href$='/smartpay-attention']")).isEmpty(),
                    "the menu has the Smartpay section");
            assertTrue(browser.find(".smartpay-attention-total").getText().contains("need attention"));
            WebElement failed = row(browser, "FAILED", "Capture", "payment.declined").orElseThrow(
                    () -> new AssertionError("the refused shipment capture is listed: " + browser.find(".smartpay-attention").getText()));
            long orderId = Long.parseLong(failed.getAttribute("data-order-id"));
            assertTrue(failed.findElement(By.cssSelector("a.smartpay-attention-order")).getAttribute("href").endsWith("/admin/order/" + orderId));
            browser.screenshot("70-needs-attention");

            failed.findElement(By.cssSelector("button.smartpay-action-retry")).click();
            String message = messageOf(browser, failed);
            assertTrue(message.startsWith("Sent again"), message);
            browser.screenshot("71-needs-attention-retried");

            openAttention(browser, "");
            assertFalse(row(browser, "FAILED", "Capture", "payment.declined").isPresent(), "settled: off the list");
            WebElement history = browser.find("tr.smartpay-history-row[data-action=RETRY]");
            assertTrue(history.getText().contains("admin"), history.getText());

            browser.open(admin() + "/order/" + orderId);
            browser.waitForVisible("#smartpay-panel-slot .smartpay-panel", 30);
            assertTrue(yen(browser.find(".smartpay-captured").getText()) > 0, "the capture is recorded");
        }
    }

    @Test
    @Order(2)
    void aDeadLetterWebhookIsReprocessed() {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            login(browser, AdminDemoServer.ADMIN_LOGIN, AdminDemoServer.ADMIN_PASSWORD);
            openAttention(browser, "?kind=WEBHOOK&blLocaleCode=en_US");
            assertTrue(rows(browser).stream().allMatch(r -> "WEBHOOK".equals(r.getAttribute("data-kind"))), "filtered by kind");
            WebElement dead = row(browser, "WEBHOOK", "evt_demo_dead_").orElseThrow(() -> new AssertionError("the dead letter is listed"));
            browser.screenshot("72-needs-attention-dead-letter");
            dead.findElement(By.cssSelector("button.smartpay-action-reprocess")).click();
            String message = messageOf(browser, dead);
            assertTrue(message.startsWith("Re-processed: PROCESSED"), message);
            assertTrue(message.contains("order " + PARTLY_CAPTURED), "what processing found: " + message);

            openAttention(browser, "?kind=WEBHOOK");
            assertFalse(row(browser, "WEBHOOK", "evt_demo_dead_").isPresent());
            browser.open(admin() + "/smartpay-health");
            assertEquals("0", browser.waitForVisible(".smartpay-health-dead-letters a", 30).getText().trim());
        }
    }

    @Test
    @Order(3)
    void anExpiringAuthorizationShowsItsAmountsAndIsSettledFromTheList() {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            login(browser, AdminDemoServer.ADMIN_LOGIN, AdminDemoServer.ADMIN_PASSWORD);
            browser.open(admin() + "/smartpay-health?blLocaleCode=en_US");
            browser.waitForVisible(".smartpay-health", 30);
            assertTrue(browser.find(".smartpay-health-config").getText().contains("Configured: test mode"),
                    browser.find(".smartpay-health-config").getText());
            browser.find("button.smartpay-reconcile-now").click();
            browser.waitUntil("the reconciliation pass", 120,
                    () -> browser.find(".smartpay-health-message").getText().contains("Reconciliation pass done"));
            browser.find("button.smartpay-test-connection").click();
            browser.waitUntil("the connection test", 60, () -> !browser.find(".smartpay-health-message").getText().contains("Reconciliation"));
            browser.waitUntil("the connection test's checks", 60,
                    () -> !browser.driver().findElements(By.cssSelector(".smartpay-health-checks li")).isEmpty());
            assertTrue(browser.find(".smartpay-health-checks").getText().contains("secret key: test key accepted"),
                    browser.find(".smartpay-health-checks").getText());
            browser.screenshot("73-health");

            openAttention(browser, "?kind=NOTICE");
            WebElement partly = row(browser, "NOTICE", "Authorization expiring", "Order " + PARTLY_CAPTURED + "\n")
                    .or(() -> rows(browser).stream().filter(r -> String.valueOf(PARTLY_CAPTURED).equals(r.getAttribute("data-order-id"))
                            && r.getAttribute("textContent").contains("Authorization expiring")).findFirst())
                    .orElseThrow(() -> new AssertionError("order 2's expiring authorization is listed"));
            String amounts = partly.findElement(By.cssSelector(".smartpay-attention-amounts")).getText();
            assertTrue(amounts.contains("Captured ¥5,000"), amounts);
            assertTrue(amounts.contains("not captured ¥"), amounts);
            browser.screenshot("74-needs-attention-expiring");

            // Mark resolved needs a note; the note stays in the history
            partly.findElement(By.cssSelector("button.smartpay-action-resolve")).click();
            partly.findElement(By.cssSelector("button.smartpay-attention-resolve-confirm")).click();
            assertTrue(messageOf(browser, partly).contains("Write a note"));
            partly.findElement(By.cssSelector("textarea[name=note]")).sendKeys("Called the customer: the rest ships next week");
            partly.findElement(By.cssSelector("button.smartpay-attention-resolve-confirm")).click();
            browser.waitUntil("resolved", 30, () -> messageOf(browser, partly).startsWith("Marked resolved"));

            // Capture now on the authorized order: everything still authorized
            WebElement authorized = rows(browser).stream()
                    .filter(r -> String.valueOf(AUTHORIZED).equals(r.getAttribute("data-order-id"))).findFirst()
                    .orElseThrow(() -> new AssertionError("order 1's expiring authorization is listed"));
            long uncaptured = yen(authorized.findElement(By.cssSelector(".smartpay-attention-amounts")).getText().split("/")[1]);
            authorized.findElement(By.cssSelector("button.smartpay-action-capture")).click();
            String captured = messageOf(browser, authorized);
            assertTrue(captured.startsWith("Captured ¥"), captured);
            assertEquals(uncaptured, yen(captured));

            openAttention(browser, "?kind=NOTICE");
            assertTrue(rows(browser).stream().noneMatch(r -> String.valueOf(PARTLY_CAPTURED).equals(r.getAttribute("data-order-id"))
                    && r.getAttribute("textContent").contains("Authorization expiring")), "resolved: off the list");
            assertTrue(browser.find("table.smartpay-attention-history").getText().contains("Called the customer"));
            browser.screenshot("75-needs-attention-history");
        }
    }

    @Test
    @Order(4)
    void forgedStaleRepeatedOrMisdirectedFormsChangeNothing() {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            login(browser, AdminDemoServer.ADMIN_LOGIN, AdminDemoServer.ADMIN_PASSWORD);
            openAttention(browser, "?blLocaleCode=en_US");
            WebElement target = rows(browser).stream().filter(r -> !r.findElements(By.cssSelector("button.smartpay-action-resolve")).isEmpty())
                    .findFirst().orElseThrow(() -> new AssertionError("something to resolve"));
            String item = target.getAttribute("data-item");
            String order = Optional.ofNullable(target.getAttribute("data-order-id")).orElse("0");
            String requestId = target.findElement(By.cssSelector("button.smartpay-attention-resolve-confirm")).getAttribute("data-request-id");
            String token = csrf(browser);
            String base = "item=" + enc(item) + "&action=RESOLVE&note=" + enc("probe") + "&csrfToken=" + enc(token);
            int before = rows(browser).size();

            List<Object> noToken = post(browser, "/smartpay-attention/act", "item=" + enc(item) + "&orderId=" + order
                    + "&action=RESOLVE&note=x&requestId=" + enc(requestId));
            assertEquals(403, status(noToken), "no CSRF token: " + noToken);
            List<Object> forged = post(browser, "/smartpay-attention/act", base + "&orderId=" + order + "&requestId=adm-forged-0001");
            assertEquals(403, status(forged), forged.toString());
            assertTrue(String.valueOf(forged.get(1)).contains("not issued for this item"), forged.toString());
            List<Object> otherOrder = post(browser, "/smartpay-attention/act", base + "&orderId=" + (Long.parseLong(order) + 1000)
                    + "&requestId=" + enc(requestId));
            assertEquals(409, status(otherOrder), otherOrder.toString());
            assertTrue(String.valueOf(otherOrder.get(1)).contains("another order"), otherOrder.toString());
            List<Object> otherAction = post(browser, "/smartpay-attention/act", "item=" + enc(item) + "&orderId=" + order
                    + "&action=REPROCESS&csrfToken=" + enc(token) + "&requestId=" + enc(requestId));
            assertEquals(403, status(otherAction), otherAction.toString());
            List<Object> noSuchItem = post(browser, "/smartpay-attention/act", "item=op-999999&orderId=" + order
                    + "&action=RESOLVE&note=x&csrfToken=" + enc(token) + "&requestId=" + enc(requestId));
            assertEquals(409, status(noSuchItem), noSuchItem.toString());
            openAttention(browser, "");
            assertEquals(before, rows(browser).size(), "nothing changed");

            // the genuine form, twice: resolved once; the second answer says so and changes nothing
            List<Object> first = post(browser, "/smartpay-attention/act", base + "&orderId=" + order + "&requestId=" + enc(requestId));
            assertEquals(200, status(first), first.toString());
            List<Object> again = post(browser, "/smartpay-attention/act", base + "&orderId=" + order + "&requestId=" + enc(requestId));
            assertEquals(200, status(again), again.toString());
            assertTrue(String.valueOf(again.get(1)).contains("already submitted"), again.toString());
            openAttention(browser, "");
            assertEquals(before - 1, rows(browser).size());
            assertEquals(1, browser.driver().findElements(By.cssSelector("tr.smartpay-history-row[data-item='" + item + "'][data-action=RESOLVE]")).size(),
                    "resolved once, in the history");

            // a form of an item resolved meanwhile: refused, nothing changed
            List<Object> resolvedAlready = post(browser, "/smartpay-attention/act", base + "&orderId=" + order
                    + "&requestId=adm-another-form-of-the-page");
            assertEquals(409, status(resolvedAlready), resolvedAlready.toString());
            assertTrue(String.valueOf(resolvedAlready.get(1)).contains("no longer needs attention"), resolvedAlready.toString());
        }
    }

    @Test
    @Order(5)
    void anAdminWithoutThePermissionSeesNoSectionAndIsRefusedEverywhere() {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            login(browser, "csr", "csr");
            browser.open(admin() + "/order/" + PARTLY_CAPTURED + "?blLocaleCode=en_US"); // a page with the CSRF token
            browser.waitForVisible("#sideMenu", 30);
            browser.waitForVisible("#smartpay-panel-slot .smartpay-panel", 30);
            assertTrue(browser.driver().findElements(By.cssSelector("#sideMenu a[href*='/smartpay-']")).isEmpty(), "no Smartpay section");
            assertFalse(browser.find("#sideMenu").getAttribute("textContent").contains("Needs attention"));
            browser.screenshot("76-csr-menu-without-smartpay");
            String token = csrf(browser);
            assertEquals(403, get(browser, "/smartpay-attention"));
            assertEquals(403, get(browser, "/smartpay-health"));
            for (String path : List.of("/smartpay-attention/act", "/smartpay-health/test-connection", "/smartpay-health/reconcile")) {
                List<Object> answer = post(browser, path, "item=op-1&orderId=1&action=RETRY&requestId=x&csrfToken=" + enc(token));
                assertEquals(403, status(answer), path + ": " + answer);
                assertTrue(String.valueOf(answer.get(1)).contains("permission"), answer.toString());
            }
        }
    }

    @Test
    @Order(0) // first, while the demo's problems are still listed
    void theSectionInJapanese() {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            login(browser, AdminDemoServer.ADMIN_LOGIN, AdminDemoServer.ADMIN_PASSWORD);
            openAttention(browser, "?blLocaleCode=ja_JP");
            String page = browser.find(".smartpay-attention").getText();
            assertTrue(page.contains("要対応"), page);
            assertTrue(page.contains("再実行"), "the rows' actions in Japanese: " + page);
            assertTrue(browser.find("#sideMenu").getText().contains("稼働状況"), browser.find("#sideMenu").getText());
            browser.screenshot("77-needs-attention-japanese");
            browser.open(admin() + "/smartpay-health");
            assertTrue(browser.waitForVisible(".smartpay-health", 30).getText().contains("接続テスト"));
            browser.screenshot("78-health-japanese");
            browser.open(admin() + "/smartpay-health?blLocaleCode=en_US");
        }
    }
}
