package org.bnplkit.smartpay.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.bnplkit.smartpay.demo.AdminDemoServer;
import org.bnplkit.smartpay.demo.DemoServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Headless Chromium logs in to the demo's real Broadleaf admin and opens the order list. */
class AdminLoginBrowserIT {

    private static DemoServerProcess demo;

    @BeforeAll
    static void startDemo() {
        if (HeadlessChromium.available()) {
            demo = DemoServerProcess.start("admin-login-browser-it", AdminDemoServer.class, Map.of());
        }
    }

    @AfterAll
    static void stopDemo() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void anAdminLogsInAndSeesTheOrders() {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            String admin = demo.baseUrl() + AdminDemoServer.ADMIN_PATH;
            browser.open(admin + "/login");
            browser.find("#username").sendKeys(AdminDemoServer.ADMIN_LOGIN);
            browser.find("#password").sendKeys(AdminDemoServer.ADMIN_PASSWORD);
            browser.screenshot("01-admin-login");
            browser.find("input[type=submit]").click();
            browser.waitUntil("the admin home after login", 30, () -> !browser.driver().getCurrentUrl().contains("/login"));

            browser.open(admin + "/order");
            browser.waitForVisible("table", 30);
            browser.screenshot("02-admin-orders");
            assertTrue(browser.driver().getPageSource().contains("listGrid"), "Broadleaf's order list grid is on the page");
        }
    }
}
