package org.bnplkit.smartpay.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring3.SpringTemplateEngine;
import org.thymeleaf.spring3.messageresolver.SpringMessageResolver;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders the module's admin templates with the engine family and message source the Broadleaf admin uses
 * (Thymeleaf 2.1 + Spring, properties read as ISO-8859-1), from the classpath locations the admin resolves.
 */
class AdminTemplatesTest {

    private static SpringTemplateEngine engine;

    @BeforeAll
    static void engine() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("open_admin_style/templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode("HTML5");
        resolver.setCharacterEncoding("UTF-8");
        ReloadableResourceBundleMessageSource messages = new ReloadableResourceBundleMessageSource();
        messages.setBasename("classpath:/messages/SmartpayAdminMessages");
        messages.setFallbackToSystemLocale(false);
        engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        SpringMessageResolver messageResolver = new SpringMessageResolver();
        messageResolver.setMessageSource(messages);
        engine.setMessageResolver(messageResolver);
    }

    private static SmartpayOrderPanel.Builder panel() {
        return SmartpayOrderPanel.builder()
                .orderId(42).smartpayOrderId("order_test_abc123").dashboardUrl("https://dashboard.smartpay.co/orders/order_test_abc123")
                .live(false).captureMethod("manual").smartpayStatus("requires_capture")
                .authorized(12_000).captured(8_000).uncaptured(4_000).refunded(1_000).refundable(7_000)
                .expiresAt("2026-11-29 10:00").cancellable(true)
                .permissions(new AdminPermissions(true, true));
    }

    private static String render(String template, Locale locale, Map<String, Object> model) {
        Context context = new Context(locale);
        context.setVariables(model);
        return engine.process(template, context);
    }

    @Test
    void thePanelShowsTheAmountsAndTheSmartpayOrderLinkedToTheDashboard() {
        String html = render("views/smartpay/panel", Locale.ENGLISH, Map.of("panel", panel().build()));

        assertTrue(html.contains("href=\"https://dashboard.smartpay.co/orders/order_test_abc123\""), html);
        assertEquals("¥12,000", cell(html, "smartpay-authorized"));
        assertEquals("¥8,000", cell(html, "smartpay-captured"));
        assertEquals("¥4,000", cell(html, "smartpay-uncaptured"));
        assertEquals("¥1,000", cell(html, "smartpay-refunded"));
        assertEquals("¥7,000", cell(html, "smartpay-refundable"));
        assertTrue(html.contains("Authorized, awaiting capture"));
        assertTrue(html.contains("Manual (on shipment)"));
        assertTrue(html.contains(">Test<"));
        assertFalse(html.contains("smartpay-expiring"), "no warning while the authorization is far from expiry");
    }

    @Test
    void thePanelSpeaksJapanese() {
        String html = render("views/smartpay/panel", Locale.JAPANESE, Map.of("panel", panel().expiringSoon(true).build()));

        assertTrue(html.contains("返金可能額"), html);
        assertTrue(html.contains("与信済み・売上確定待ち"));
        assertTrue(html.contains("有効期限まで2日を切っています"));
    }

    @Test
    void operationsShowStatusAttemptsAndTheLastErrorEscaped() {
        SmartpayOrderPanel p = panel()
                .operation(new SmartpayOrderPanel.OperationRow("capture:fg:7", "CAPTURE", "SUCCEEDED", 8_000, 1, null, "2026-11-22 10:00", false))
                .operation(new SmartpayOrderPanel.OperationRow("refund:admin:1:x", "REFUND", "FAILED", 1_000, 3,
                        "payment.excessive-amount: <script>alert(1)</script>", "2026-11-22 11:00", true))
                .build();

        String html = render("views/smartpay/panel", Locale.ENGLISH, Map.of("panel", p));

        assertFalse(html.contains("<script>alert(1)</script>"), "error text is escaped");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertEquals(1, count(html, "smartpay-retry-button"), "Retry only on the failed row");
        assertTrue(html.contains("data-operation-key=\"refund:admin:1:x\""));
        assertTrue(html.contains(">Failed<") && html.contains(">Succeeded<"));
    }

    @Test
    void operationsShowTheSmartpayReferenceAndTheRefundedItemsInBothLanguages() {
        SmartpayOrderPanel p = panel()
                .operation(new SmartpayOrderPanel.OperationRow("refund:rma-9", "REFUND_REQUEST", "SUCCEEDED", 1_100, 0, null,
                        "2026-11-22 12:00", false, "42/rma-9", "Teacup <blue> \u00d72"))
                .operation(new SmartpayOrderPanel.OperationRow("cancel:order:42", "CANCEL", "SUCCEEDED", 0, 1, null,
                        "2026-11-22 13:00", false, null, null))
                .build();

        String english = render("views/smartpay/panel", Locale.ENGLISH, Map.of("panel", p));
        assertTrue(english.contains("Smartpay reference</span>: <span>42/rma-9"), english);
        assertTrue(english.contains("Items</span>: <span>Teacup &lt;blue&gt; \u00d72"), english);
        assertEquals(1, count(english, "smartpay-op-reference"), "no reference line for the cancel");
        String japanese = render("views/smartpay/panel", Locale.JAPANESE, Map.of("panel", p));
        assertTrue(japanese.contains("Smartpay \u53c2\u7167\u756a\u53f7"), japanese);
        assertTrue(japanese.contains("\u5546\u54c1</span>"), japanese);
    }

    @Test
    void theRefundFormOffersEverythingRefundableAndTheItems() {
        SmartpayOrderPanel p = panel()
                .item(new SmartpayOrderPanel.RefundableItem(11, "Tea set <deluxe>", 2, 1))
                .item(new SmartpayOrderPanel.RefundableItem(12, "Cup", 1, 1))
                .build();

        String html = render("views/smartpay/refundForm", Locale.ENGLISH, Map.of("panel", p, "requestId", "admin:42:abcdef12",
                "formAction", "/admin/order/42/smartpay/refund", "csrfToken", "TOKEN-1"));

        assertTrue(html.contains("action=\"/admin/order/42/smartpay/refund\""));
        assertTrue(html.contains("name=\"csrfToken\" value=\"TOKEN-1\""));
        assertTrue(html.contains("name=\"requestId\" value=\"admin:42:abcdef12\""));
        assertTrue(html.contains("name=\"amount\"") && html.contains("value=\"7000\""), html);
        assertTrue(html.contains("At most ¥7,000."));
        assertTrue(html.contains("Tea set &lt;deluxe&gt;"));
        assertTrue(html.contains("name=\"quantity-11\"") && html.contains("max=\"1\""));
        assertTrue(html.contains("value=\"requested_by_customer\"") && html.contains("value=\"fraudulent\""));
    }

    @Test
    void captureAndCancelAskForConfirmationWithTheAmounts() {
        Map<String, Object> model = Map.of("panel", panel().build(), "formAction", "/x", "csrfToken", "T", "refundsCaptured", true);

        assertTrue(render("views/smartpay/captureForm", Locale.ENGLISH, model).contains("Capture ¥4,000 now?"));
        String cancel = render("views/smartpay/cancelForm", Locale.JAPANESE, model);
        assertTrue(cancel.contains("未確定分（¥4,000）"), cancel);
        assertTrue(cancel.contains("売上確定済みの金額（¥7,000）も返金されます"));
    }

    private static String cell(String html, String cssClass) {
        Matcher m = Pattern.compile("class=\"" + cssClass + "\">([^<]*)<").matcher(html);
        return m.find() ? m.group(1) : null;
    }

    private static int count(String html, String needle) {
        int n = 0;
        for (int i = html.indexOf(needle); i >= 0; i = html.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
