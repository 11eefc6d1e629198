package org.bnplkit.smartpay.demo62;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import org.bnplkit.smartpay.browser.HeadlessChromium;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * Broadleaf 6.2's own admin (the DemoSite's, with the module installed by the guide) in headless Chromium: an order
 * paid on the DemoSite's storefront shows the Smartpay panel on its Order screen, and a capture through the panel's
 * form reaches Smartpay and shows in the panel, in English and in Japanese. Shares the DemoSite with DemoSiteIT.
 */
class DemoSiteBrowserIT {

    private static SmartpayDemoSite demo;

    @BeforeAll
    static void startDemoSite() {
        demo = SharedDemoSite.get();
    }

    @Test
    void anAdminCapturesAnOrderFromTheSmartpayPanelOnTheOrderScreen() {
        SmartpayDemoSite.PaidOrder paid = demo.buyWithSmartpay(3);
        String order = paid.broadleafOrderId();
        long amount = 3 * 499 + 500;

        try (HeadlessChromium browser = HeadlessChromium.startAcceptingLocalCertificates()) {
            browser.open(demo.ports().admin() + "/login");
            browser.waitForVisible("#username", 60).sendKeys("admin");
            browser.find("#password").sendKeys("admin");
            browser.find("input[type=submit]").click();
            browser.waitUntil("the admin's home after login", 60, () -> !browser.driver().getCurrentUrl().contains("/login"));

            browser.open(demo.ports().admin() + "/order/" + order + "?blLocaleCode=en_US");
            browser.waitForVisible("#smartpay-panel-slot .smartpay-panel", 60);
            assertEquals(amount, yen(browser.find(".smartpay-authorized").getText()));
            assertEquals(0, yen(browser.find(".smartpay-captured").getText()));
            browser.screenshot("62-10-order-with-smartpay-panel");

            // 6.2 lists an entity form's actions in a drop-down: the script finds the button by its class
            WebElement capture = browser.find(".smartpay-capture-button");
            ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].click();", capture);
            WebElement field = browser.waitForVisible("form.smartpay-capture-form input[name=amount]", 30);
            assertEquals(String.valueOf(amount), field.getAttribute("value"), "defaults to everything capturable");
            browser.screenshot("62-11-capture-modal");
            browser.find("form.smartpay-capture-form button.smartpay-submit").click();
            browser.waitUntil("the panel shows the capture", 60, () -> yen(browser.find(".smartpay-captured").getText()) == amount);
            assertEquals(amount, demo.sandbox().order(paid.sandboxOrderId()).captured(), "the capture reached Smartpay");
            browser.screenshot("62-12-panel-after-capture");

            browser.open(demo.ports().admin() + "/order/" + order + "?blLocaleCode=ja_JP");
            browser.waitForVisible("#smartpay-panel-slot .smartpay-panel", 60);
            assertTrue(browser.find("#smartpay-panel-slot").getText().contains("売上確定"),
                    "the panel in Japanese: " + browser.find("#smartpay-panel-slot").getText());
            browser.screenshot("62-13-panel-japanese");
        }
    }

    private static long yen(String text) {
        String digits = text.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? 0 : Long.parseLong(digits);
    }
}
