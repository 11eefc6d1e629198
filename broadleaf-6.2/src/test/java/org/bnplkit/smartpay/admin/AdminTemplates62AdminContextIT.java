package org.bnplkit.smartpay.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.context.support.GenericWebApplicationContext;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring5.ISpringTemplateEngine;
import org.thymeleaf.spring5.expression.ThymeleafEvaluationContext;

/**
 * The module's admin templates rendered by Broadleaf 6.2's own admin engine ({@code blAdminWebTemplateEngine}: Thymeleaf 3
 * through Broadleaf's presentation layer, its template resolvers and the admin's merged message source), as the admin
 * renders them inside its views; the same checks as 3.1's AdminTemplatesTest, plus the Smartpay section's form tokens,
 * which differ per line (views/smartpay/formTokens.html).
 */
class AdminTemplates62AdminContextIT {

    private static GenericWebApplicationContext root;
    private static ISpringTemplateEngine engine;
    private MockHttpSession session;

    @BeforeAll
    static void engine() {
        root = Admin62Contexts.root();
        engine = root.getBean("blAdminWebTemplateEngine", ISpringTemplateEngine.class);
    }

    /** A request of the admin, as the DispatcherServlet binds it while a view renders. */
    @BeforeEach
    void request() {
        session = new MockHttpSession();
        session.setAttribute("stateVersionToken", "STATE-1");
        MockHttpServletRequest request = new MockHttpServletRequest(root.getServletContext(), "GET", "/order/42");
        request.setSession(session);
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    }

    @AfterEach
    void release() {
        RequestContextHolder.resetRequestAttributes();
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
        // what Spring's Thymeleaf view adds: @bean references resolve in the admin's context
        context.setVariable(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
                new ThymeleafEvaluationContext(root, null));
        return engine.process(template, context);
    }

    @Test
    void thePanelShowsTheAmountsAndTheSmartpayOrderLinkedToTheDashboard() {
        String html = render("views/smartpay/panel", Locale.ENGLISH, Map.of("panel", panel().build(), "retryRequestId", "adm-r"));

        assertTrue(html.contains("href=\"https://dashboard.smartpay.co/orders/order_test_abc123\""), html);
        assertEquals("¥12,000", cell(html, "smartpay-authorized"));
        assertEquals("¥8,000", cell(html, "smartpay-captured"));
        assertEquals("¥4,000", cell(html, "smartpay-uncaptured"));
        assertEquals("¥1,000", cell(html, "smartpay-refunded"));
        assertEquals("¥7,000", cell(html, "smartpay-refundable"));
        assertTrue(html.contains("Authorized, awaiting capture"), html);
        assertTrue(html.contains("Manual (on shipment)"));
        assertTrue(html.contains(">Test<"));
        assertTrue(html.contains("data-order-id=\"42\"") && html.contains("data-retry-request-id=\"adm-r\""), html);
        assertFalse(html.contains("smartpay-expiring"), "no warning while the authorization is far from expiry");
        assertFalse(html.contains("th:"), "every th: attribute processed");
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
                .operation(new SmartpayOrderPanel.OperationRow("refund:rma-9", "REFUND_REQUEST", "SUCCEEDED", 1_100, 0, null,
                        "2026-11-22 12:00", false, "42/rma-9", "Teacup <blue> \u00d72"))
                .build();

        String html = render("views/smartpay/panel", Locale.ENGLISH, Map.of("panel", p));

        assertFalse(html.contains("<script>alert(1)</script>"), "error text is escaped");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
        assertEquals(1, count(html, "smartpay-retry-button"), "Retry only on the failed row");
        assertTrue(html.contains("data-operation-key=\"refund:admin:1:x\""));
        assertTrue(html.contains(">Failed<") && html.contains(">Succeeded<"));
        assertTrue(html.contains("Smartpay reference</span>: <span>42/rma-9"), html);
        assertTrue(html.contains("Items</span>: <span>Teacup &lt;blue&gt; \u00d72"), html);
    }

    @Test
    void theRefundFormOffersEverythingRefundableAndTheItems() {
        SmartpayOrderPanel p = panel()
                .item(new SmartpayOrderPanel.RefundableItem(11, "Tea set <deluxe>", 2, 1))
                .item(new SmartpayOrderPanel.RefundableItem(12, "Cup", 1, 1))
                .build();

        String html = render("views/smartpay/refundForm", Locale.ENGLISH, Map.of("panel", p, "requestId", "admin:42:abcdef12",
                "formAction", "/admin/order/42/smartpay/refund", "csrfToken", "TOKEN-1"));

        assertTrue(html.contains("action=\"/admin/order/42/smartpay/refund\""), html);
        assertTrue(html.contains("name=\"csrfToken\" value=\"TOKEN-1\""));
        assertTrue(html.contains("name=\"requestId\" value=\"admin:42:abcdef12\""));
        assertTrue(html.contains("name=\"amount\"") && html.contains("value=\"7000\""), html);
        assertTrue(html.contains("At most ¥7,000."));
        assertTrue(html.contains("Tea set &lt;deluxe&gt;"));
        assertTrue(html.contains("name=\"quantity-11\"") && html.contains("max=\"1\""), html);
        assertTrue(html.contains("value=\"requested_by_customer\"") && html.contains("value=\"fraudulent\""));
    }

    @Test
    void captureAndCancelAskForConfirmationWithTheAmountsInBothLanguages() {
        Map<String, Object> model = Map.of("panel", panel().build(), "formAction", "/x", "csrfToken", "T", "refundsCaptured", true);

        assertTrue(render("views/smartpay/captureForm", Locale.ENGLISH, model).contains("Capture ¥4,000 now?"));
        String cancel = render("views/smartpay/cancelForm", Locale.JAPANESE, model);
        assertTrue(cancel.contains("未確定分（¥4,000）"), cancel);
        assertTrue(cancel.contains("売上確定済みの金額（¥7,000）も返金されます"));
        assertTrue(cancel.contains("name=\"scope\" value=\"remainder\""), "the choice to release only the rest");
    }

    /** 6.2's admin checks the page's state version token on every POST; the section's forms carry the session's. */
    @Test
    void theSectionsFormsCarryTheCsrfAndTheStateVersionTokens() {
        Map<String, Object> model = new HashMap<>();
        model.put("csrfToken", "CSRF-1");

        String html = render("views/smartpay/formTokens", Locale.ENGLISH, model);

        assertTrue(html.contains("name=\"csrfToken\" value=\"CSRF-1\""), html);
        assertTrue(html.contains("name=\"stateVersionToken\" value=\"STATE-1\""), html);
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
