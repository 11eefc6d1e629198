package org.bnplkit.smartpay.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

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
 * The Smartpay panel and actions in the real Broadleaf admin, driven in headless Chromium against the demo (its
 * seeded orders: 1 authorized, 2 partly captured, 3 captured, 4 partly refunded, 5 cancelled, 6 refund refused).
 * Screenshots go to target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SmartpayAdminBrowserIT {

    private static final long AUTHORIZED = 1;
    private static final long PARTLY_REFUNDED = 4;
    private static final long REFUND_REFUSED = 6;

    private static DemoServerProcess demo;

    @BeforeAll
    static void startDemo() {
        if (HeadlessChromium.available()) {
            demo = DemoServerProcess.start("smartpay-admin-browser-it", AdminDemoServer.class, Map.of());
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

    /** Opens an order and waits for the Smartpay panel the module's script loads into it. */
    private static WebElement openOrder(HeadlessChromium browser, long orderId, String query) {
        browser.open(admin() + "/order/" + orderId + query);
        return browser.waitForVisible("#smartpay-panel-slot .smartpay-panel", 30);
    }

    private static String text(HeadlessChromium browser, String css) {
        return browser.find(css).getText().trim();
    }

    private static long yen(String text) {
        return Long.parseLong(text.replaceAll("[^0-9]", ""));
    }

    private static int operationRows(HeadlessChromium browser) {
        return browser.driver().findElements(By.cssSelector("#smartpay-panel-slot tr.smartpay-operation")).size();
    }

    @Test
    @Order(1)
    void anAdminRefundsPartOfAnOrderAndThePanelAndTheTransactionsFollow() {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            login(browser, AdminDemoServer.ADMIN_LOGIN, AdminDemoServer.ADMIN_PASSWORD);
            openOrder(browser, PARTLY_REFUNDED, "?blLocaleCode=en_US");
            long refundedBefore = yen(text(browser, ".smartpay-refunded"));
            long refundableBefore = yen(text(browser, ".smartpay-refundable"));
            int rowsBefore = operationRows(browser);
            assertTrue(refundableBefore > 1000, "a captured order with money left to refund");
            browser.screenshot("10-order-with-smartpay-panel");

            browser.find("button.smartpay-refund-button").click();
            WebElement amount = browser.waitForVisible("form.smartpay-refund-form input[name=amount]", 30);
            assertEquals(String.valueOf(refundableBefore), amount.getAttribute("value"), "defaults to everything refundable");
            browser.screenshot("11-refund-modal");

            // a non-numeric amount: an error in the form, nothing sent
            amount.clear();
            amount.sendKeys("abc");
            browser.find("form.smartpay-refund-form button.smartpay-submit").click();
            WebElement amountError = browser.waitForVisible(".smartpay-field-error[data-field=amount]", 15);
            assertTrue(amountError.getText().contains("whole number of yen"), amountError.getText());

            // more than refundable: an error naming the limit, nothing sent
            amount.clear();
            amount.sendKeys(String.valueOf(refundableBefore + 1));
            browser.find("form.smartpay-refund-form button.smartpay-submit").click();
            browser.waitUntil("the over-refund error", 15,
                    () -> browser.find(".smartpay-field-error[data-field=amount]").getText().contains("more than what can be refunded"));
            browser.screenshot("12-refund-over-refund-error");

            // a valid partial refund
            amount.clear();
            amount.sendKeys("500");
            browser.find("form.smartpay-refund-form input[name=description]").sendKeys("Scratched lid");
            browser.find("form.smartpay-refund-form button.smartpay-submit").click();
            browser.waitUntil("the panel shows the refund", 30,
                    () -> yen(text(browser, ".smartpay-refunded")) == refundedBefore + 500);
            assertEquals(refundableBefore - 500, yen(text(browser, ".smartpay-refundable")));
            assertTrue(text(browser, ".smartpay-flash").contains("Refunded ¥500"), text(browser, ".smartpay-flash"));
            // the two refused attempts left no journal row; the refund left a request row and its slice
            assertEquals(rowsBefore + 2, operationRows(browser));
            assertTrue(browser.driver().getCurrentUrl().endsWith("/order/" + PARTLY_REFUNDED + "?blLocaleCode=en_US"),
                    "no full page reload");
            browser.screenshot("13-panel-after-refund");

            // Broadleaf's own record: a REFUND transaction of ¥500 under the order's Smartpay payment
            browser.find("a[href='#tab4']").click();
            browser.waitForVisible("tr[data-link*='/payments/']", 15).click(); // selects the row
            browser.waitForVisible("button.sub-list-grid-view:not([disabled])", 15).click();
            browser.waitUntil("the payment's Log tab", 30, () -> {
                for (WebElement tab : browser.driver().findElements(By.cssSelector(".modal .tabs a"))) {
                    if (tab.isDisplayed() && "Log".equals(tab.getText().trim())) {
                        tab.click();
                        return true;
                    }
                }
                return false;
            });
            browser.waitUntil("the payment's transactions", 30, () -> browser.driver().findElements(
                    By.cssSelector(".modal tr[data-link*='/transactions/']")).stream().filter(WebElement::isDisplayed).count() >= 4);
            List<WebElement> transactions = browser.driver().findElements(By.cssSelector(".modal tr[data-link*='/transactions/']"));
            boolean refundOf500 = transactions.stream().map(row -> row.getAttribute("textContent"))
                    .anyMatch(text -> text.contains("Refund") && text.contains("¥500"));
            browser.screenshot("14-broadleaf-payment-transactions");
            assertTrue(refundOf500, "a Refund ¥500 transaction among " + transactions.size() + " rows");
        }
    }

    @Test
    @Order(2)
    void aPostWithoutTheCsrfTokenIsRefusedAndSendsNothing() {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            login(browser, AdminDemoServer.ADMIN_LOGIN, AdminDemoServer.ADMIN_PASSWORD);
            openOrder(browser, PARTLY_REFUNDED, "");
            int rowsBefore = operationRows(browser);

            Object status = ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                    "var done = arguments[arguments.length - 1];"
                    + "fetch(arguments[0], {method: 'POST', credentials: 'same-origin',"
                    + " headers: {'Content-Type': 'application/x-www-form-urlencoded'},"
                    + " body: 'amount=100&reason=requested_by_customer&requestId=admin-csrf-probe-0001'})"
                    + ".then(function (r) { done(r.status); }, function (e) { done(String(e)); });",
                    admin() + "/order/" + PARTLY_REFUNDED + "/smartpay/refund");

            assertTrue(status instanceof Number && ((Number) status).intValue() == 403, "refused with 403: " + status);
            openOrder(browser, PARTLY_REFUNDED, "?blLocaleCode=en_US");
            assertEquals(rowsBefore, operationRows(browser), "nothing journaled");

            // a form left open until its token went stale: the module's guard refuses it (403 JSON, before Broadleaf's
            // filter would answer with the container's 500 page) and the modal shows its message
            long refundedBefore = yen(text(browser, ".smartpay-refunded"));
            browser.find("button.smartpay-refund-button").click();
            WebElement amount = browser.waitForVisible("form.smartpay-refund-form input[name=amount]", 30);
            amount.clear();
            amount.sendKeys("100");
            ((JavascriptExecutor) browser.driver()).executeScript(
                    "$('input[name=csrfToken]').val('stale-token-of-an-expired-session');");
            browser.find("form.smartpay-refund-form button.smartpay-submit").click();
            browser.waitUntil("the stale-form message", 15, () -> browser.find(".smartpay-field-error[data-field=_form]")
                    .getText().contains("The form expired"));
            String message = browser.find(".smartpay-field-error[data-field=_form]").getText();
            assertTrue(message.contains("reload the page"), message);
            browser.screenshot("15-stale-form");
            openOrder(browser, PARTLY_REFUNDED, "?blLocaleCode=en_US");
            assertEquals(rowsBefore, operationRows(browser), "nothing journaled");
            assertEquals(refundedBefore, yen(text(browser, ".smartpay-refunded")), "nothing refunded");
        }
    }

    @Test
    @Order(3)
    void anAdminWithoutThePermissionSeesNoButtonAndIsRefusedByTheEndpoint() {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            login(browser, "csr", "csr");
            openOrder(browser, PARTLY_REFUNDED, "?blLocaleCode=en_US");
            assertTrue(browser.driver().findElements(By.cssSelector("button.smartpay-refund-button")).isEmpty());
            assertTrue(browser.driver().findElements(By.cssSelector("button.smartpay-capture-button, button.smartpay-cancel-button")).isEmpty());
            browser.screenshot("20-csr-sees-the-panel-but-no-buttons");

            Object status = ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                    "var done = arguments[arguments.length - 1];"
                    + "var token = document.querySelector('input[name=csrfToken]').value;"
                    + "fetch(arguments[0], {method: 'POST', credentials: 'same-origin',"
                    + " headers: {'Content-Type': 'application/x-www-form-urlencoded'},"
                    + " body: 'amount=100&reason=requested_by_customer&requestId=admin-csr-probe-0001&csrfToken=' + encodeURIComponent(token)})"
                    + ".then(function (r) { done(r.status); }, function (e) { done(String(e)); });",
                    admin() + "/order/" + PARTLY_REFUNDED + "/smartpay/refund");
            assertEquals(403L, ((Number) status).longValue());
        }
    }

    @Test
    @Order(4)
    void captureAndCancelAskForConfirmation() {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            login(browser, AdminDemoServer.ADMIN_LOGIN, AdminDemoServer.ADMIN_PASSWORD);
            openOrder(browser, AUTHORIZED, "?blLocaleCode=en_US");
            long uncaptured = yen(text(browser, ".smartpay-uncaptured"));

            browser.find("button.smartpay-capture-button").click();
            WebElement question = browser.waitForVisible("form.smartpay-capture-form .smartpay-confirm-text", 30);
            assertTrue(question.getText().contains("Capture ¥"), question.getText());
            browser.screenshot("30-capture-confirmation");
            browser.find("form.smartpay-capture-form button.smartpay-dismiss").click();
            browser.waitUntil("the modal closed", 15, () -> browser.driver().findElements(By.cssSelector("form.smartpay-capture-form")).stream().noneMatch(WebElement::isDisplayed));
            assertEquals(uncaptured, yen(text(browser, ".smartpay-uncaptured")), "Keep it sends nothing");

            browser.find("button.smartpay-capture-button").click();
            WebElement amount = browser.waitForVisible("form.smartpay-capture-form input[name=amount]", 30);
            amount.clear();
            amount.sendKeys("3000");
            browser.find("form.smartpay-capture-form button.smartpay-submit").click();
            browser.waitUntil("the capture in the panel", 30, () -> yen(text(browser, ".smartpay-captured")) == 3000);

            openOrder(browser, AUTHORIZED, "");
            browser.find("button.smartpay-cancel-button").click();
            WebElement cancelQuestion = browser.waitForVisible("form.smartpay-cancel-form .smartpay-confirm-text", 30);
            assertTrue(cancelQuestion.getText().contains("cannot be undone"), cancelQuestion.getText());
            browser.screenshot("31-cancel-confirmation");
            browser.find("form.smartpay-cancel-form button.smartpay-submit").click();
            browser.waitUntil("nothing left uncaptured", 30, () -> yen(text(browser, ".smartpay-uncaptured")) == 0);
            browser.screenshot("32-panel-after-cancel");
        }
    }

    @Test
    @Order(5)
    void aRefusedRefundIsSentAgainWithRetry() {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            login(browser, AdminDemoServer.ADMIN_LOGIN, AdminDemoServer.ADMIN_PASSWORD);
            openOrder(browser, REFUND_REFUSED, "?blLocaleCode=en_US");
            WebElement failed = browser.find("tr.smartpay-operation[data-status=FAILED]");
            assertTrue(failed.getText().contains("request.invalid"), failed.getText());
            browser.screenshot("40-failed-refund-with-retry");
            failed.findElement(By.cssSelector("button.smartpay-retry-button")).click();
            browser.waitUntil("the retried refund recorded", 60, () -> {
                if (yen(text(browser, ".smartpay-refunded")) == 1000) {
                    return true;
                }
                browser.find("button.smartpay-refresh").click(); // Refresh re-reads the journal and Smartpay
                return false;
            });
            assertTrue(browser.driver().findElements(By.cssSelector("tr.smartpay-operation[data-status=FAILED]")).isEmpty());
            browser.screenshot("41-refund-retried");
        }
    }

    @Test
    @Order(6)
    void thePanelInJapanese() {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            login(browser, AdminDemoServer.ADMIN_LOGIN, AdminDemoServer.ADMIN_PASSWORD);
            WebElement panel = openOrder(browser, 2, "?blLocaleCode=ja_JP");
            assertTrue(panel.getText().contains("返金可能額"), panel.getText());
            browser.screenshot("50-panel-japanese");
            browser.find("button.smartpay-refund-button").click();
            browser.waitForVisible("form.smartpay-refund-form", 30);
            browser.screenshot("51-refund-modal-japanese");
            openOrder(browser, 2, "?blLocaleCode=en_US"); // the locale sticks to the session: back to English
        }
    }

    @Test
    @Order(7)
    void aShopperPaysOnTheHostedCheckoutAndTheAdminFindsTheOrder() {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.open(demo.baseUrl() + "/");
            browser.screenshot("60-storefront");
            browser.find("button.add-to-cart").click();
            browser.waitForVisible("button.checkout", 30);
            browser.find("button.checkout").click();
            browser.waitForVisible("button.pay-with-smartpay", 30);
            browser.screenshot("61-storefront-checkout");
            browser.find("button.pay-with-smartpay").click();
            browser.waitForVisible("#approve", 30);
            assertTrue(browser.driver().getCurrentUrl().startsWith(demo.sandboxRootUrl() + "/checkout/"));
            browser.screenshot("62-smartpay-hosted-checkout");
            browser.find("#approve").click();
            String orderNumber = browser.waitForVisible(".order-number", 30).getText().trim();
            browser.screenshot("63-storefront-confirmation");

            login(browser, AdminDemoServer.ADMIN_LOGIN, AdminDemoServer.ADMIN_PASSWORD);
            browser.open(admin() + "/order");
            browser.waitUntil("order " + orderNumber + " in the admin's list", 30,
                    () -> browser.driver().getPageSource().contains(orderNumber));
            String link = browser.driver().findElements(By.cssSelector("tr[data-link^='/admin/order/']")).stream()
                    .filter(row -> row.getAttribute("textContent").contains(orderNumber)).findFirst().orElseThrow()
                    .getAttribute("data-link");
            browser.open(demo.baseUrl() + link);
            WebElement panel = browser.waitForVisible("#smartpay-panel-slot .smartpay-panel", 30);
            assertTrue(panel.getText().contains("requires_capture"), panel.getText());
            assertFalse(browser.driver().findElements(By.cssSelector("button.smartpay-capture-button")).isEmpty());
            browser.screenshot("64-admin-finds-the-storefront-order");
        }
    }
}
