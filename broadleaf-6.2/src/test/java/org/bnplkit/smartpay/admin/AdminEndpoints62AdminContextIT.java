package org.bnplkit.smartpay.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;

import org.bnplkit.smartpay.admin.web.SmartpayAdminCsrfGuard;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.AbstractFilterRegistrationBean;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.boot.web.servlet.ServletContextInitializerBeans;
import org.springframework.context.MessageSource;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.DefaultMockMvcBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.support.GenericWebApplicationContext;
import org.springframework.web.filter.GenericFilterBean;

/**
 * The module's admin endpoints on Broadleaf 6.2's admin, through the servlet filters a 6.x admin's container runs
 * (found the Spring Boot way, {@link ServletContextInitializerBeans}, in their order: the module's CSRF guard, Spring
 * MVC's request context, the store's Spring Security chain with Broadleaf's {@code blAdminCsrfFilter}) and 6.2's admin
 * DispatcherServlet, views and all: the checks {@code SmartpayAdminEndpointsIT} makes on 3.1 (CSRF, permission,
 * request ids, validation) and the screens as 6.2 renders them. Orders: {@link Admin62Orders}.
 */
class AdminEndpoints62AdminContextIT {

    private static final String CSRF = "CSRF-1";
    private static final String STATE = "STATE-1";
    private static final String EVERYTHING = AdminPermissions.REFUND + "," + AdminPermissions.CAPTURE_AND_CANCEL + ","
            + AdminPermissions.SECTION;
    private static final String[] MODULE_POSTS = {"/order/%d/smartpay/refund", "/order/%d/smartpay/capture",
            "/order/%d/smartpay/cancel", "/order/%d/smartpay/retry", "/smartpay-attention/act",
            "/smartpay-health/test-connection", "/smartpay-health/reconcile", "/smartpay-webhooks/events/evt_1/reprocess"};

    private static GenericWebApplicationContext root;
    private static MockMvc mvc;
    private static MessageSource messages;
    private static long smartpayOrder;
    private static long otherOrder;

    @BeforeAll
    static void admin() {
        root = Admin62Contexts.root();
        messages = root.getBean("messageSource", MessageSource.class);
        DefaultMockMvcBuilder builder = MockMvcBuilders.webAppContextSetup(Admin62Contexts.servlet());
        // a container's first filter finds no request bound to the thread (MockMvc binds one before its filters)
        builder.addFilter(new GenericFilterBean() {
            @Override
            public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
                RequestContextHolder.resetRequestAttributes();
                chain.doFilter(request, response);
            }
        });
        for (AbstractFilterRegistrationBean<?> registration : preSecurityChain()) {
            builder.addFilter(registration.getFilter(), registration.getUrlPatterns().toArray(new String[0]));
        }
        mvc = builder.build();
        Admin62Orders orders = new Admin62Orders(root);
        smartpayOrder = orders.smartpayOrder(5_000, "order_test_admin62");
        otherOrder = orders.orderWithoutSmartpay();
    }

    /** The enabled filter registrations of the admin up to and with Spring Security's chain, in the container's order. */
    private static List<AbstractFilterRegistrationBean<?>> preSecurityChain() {
        List<AbstractFilterRegistrationBean<?>> chain = new ArrayList<>();
        for (ServletContextInitializer initializer : new ServletContextInitializerBeans(root)) {
            if (initializer instanceof AbstractFilterRegistrationBean<?> registration && registration.isEnabled()
                    && registration.getOrder() <= SecurityProperties.DEFAULT_FILTER_ORDER) {
                chain.add(registration);
            }
        }
        return chain;
    }

    /** A logged-in admin's session with {@code authorities}, its CSRF and state version tokens. */
    private static MockHttpSession admin(String authorities) {
        return Admin62Orders.adminSession("admin", authorities, CSRF, STATE);
    }

    private static MockHttpServletRequestBuilder postWith(String path, MockHttpSession session, String csrf, String state) {
        MockHttpServletRequestBuilder request = post(path).session(session).locale(Locale.ENGLISH)
                .param("requestId", "adm-x").param("operationKey", "op-1").param("item", "op-1").param("action", "RETRY");
        if (csrf != null) {
            request.param("csrfToken", csrf);
        }
        return state == null ? request : request.param("stateVersionToken", state);
    }

    private static MockHttpServletResponse perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    private static String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    @Test
    void theGuardIsAServletFilterOfTheAdminAheadOfSpringSecurity() {
        SmartpayAdminCsrfGuard guard = root.getBean(SmartpayAdminCsrfGuard.class);
        List<AbstractFilterRegistrationBean<?>> chain = preSecurityChain();
        int guardAt = -1;
        int securityAt = -1;
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i).getFilter() == guard) {
                guardAt = i;
            } else if (chain.get(i) instanceof DelegatingFilterProxyRegistrationBean) { // Spring Security's chain
                securityAt = i;
            }
        }
        assertTrue(guardAt >= 0 && securityAt > guardAt, "guard at " + guardAt + ", Spring Security at " + securityAt);
    }

    @Test
    void aMissingOrWrongCsrfTokenOnTheModulesEndpointsGets403JsonInTheAdminsLanguage() throws Exception {
        for (String path : MODULE_POSTS) {
            String url = String.format(path, smartpayOrder);
            for (String token : new String[]{null, "WRONG"}) {
                MockHttpServletResponse refused = perform(postWith(url, admin(EVERYTHING), token, STATE));
                assertEquals(403, refused.getStatus(), url + " token " + token);
                assertTrue(refused.getContentType().startsWith("application/json"), url + ": " + refused.getContentType());
                assertTrue(refused.getContentAsString().contains(text("smartpay.admin.error.csrf", Locale.ENGLISH)),
                        url + ": " + refused.getContentAsString());
            }
        }
        MockHttpServletResponse japanese = perform(postWith(String.format(MODULE_POSTS[0], smartpayOrder), admin(EVERYTHING), "WRONG", STATE)
                .locale(Locale.JAPANESE));
        assertEquals(403, japanese.getStatus());
        assertTrue(japanese.getContentAsString().contains(text("smartpay.admin.error.csrf", Locale.JAPANESE)), japanese.getContentAsString());
    }

    /** Broadleaf's own filter still guards everything else; the guard lets good tokens through to it and the controllers. */
    @Test
    void otherPathsAndGoodTokensGoOnToBroadleafsOwnChecks() throws Exception {
        MockHttpServletResponse broadleafs = perform(postWith("/order/" + smartpayOrder, admin(EVERYTHING), "WRONG", STATE));
        assertEquals(403, broadleafs.getStatus(), "Broadleaf's blAdminCsrfFilter answers paths of its own");
        assertFalse(broadleafs.getContentAsString().contains(text("smartpay.admin.error.csrf", Locale.ENGLISH)));

        MockHttpServletResponse stale = perform(postWith("/smartpay-health/reconcile", admin(EVERYTHING), CSRF, "OLD-PAGE"));
        assertEquals(409, stale.getStatus(), "6.2 refuses a page of an older state: the section's forms send its token");

        MockHttpServletResponse forbidden = perform(postWith("/smartpay-health/reconcile", admin(AdminPermissions.REFUND), CSRF, STATE));
        assertEquals(403, forbidden.getStatus(), "past both filters, the controller checks the permission");
        assertTrue(forbidden.getContentAsString().contains(text("smartpay.admin.error.forbidden", Locale.ENGLISH)),
                forbidden.getContentAsString());
    }

    @Test
    void withoutTheSmartpayPermissionsTheScreensAndActionsAreRefused() throws Exception {
        MockHttpSession csr = admin("PERMISSION_READ_ORDER");
        assertEquals(403, perform(get("/smartpay-attention").session(csr)).getStatus());
        assertEquals(403, perform(get("/smartpay-health").session(csr)).getStatus());
        assertEquals(403, perform(get("/order/" + smartpayOrder + "/smartpay/refund").session(csr)).getStatus());
        for (String path : MODULE_POSTS) {
            String url = String.format(path, smartpayOrder);
            MockHttpServletResponse refused = perform(postWith(url, csr, CSRF, STATE));
            assertEquals(403, refused.getStatus(), url);
            assertTrue(url.startsWith("/smartpay-webhooks") // that JSON API answers in English, for scripts
                    || url.endsWith("/retry") // no Retry id is issued without a permission: refused as not issued
                    || refused.getContentAsString().contains(text("smartpay.admin.error.forbidden", Locale.ENGLISH)),
                    url + ": " + refused.getContentAsString());
        }
    }

    @Test
    void thePanelAndTheActionFormsRenderInSixTwosAdmin() throws Exception {
        MockHttpSession session = admin(EVERYTHING);
        MockHttpServletResponse panel = perform(ajax(get("/order/" + smartpayOrder + "/smartpay/panel").param("live", "false"), session));
        assertEquals(200, panel.getStatus());
        String html = panel.getContentAsString();
        assertTrue(html.contains("class=\"smartpay-panel\"") && html.contains("order_test_admin62"), html);
        assertTrue(html.contains("¥5,000") && html.contains("data-retry-request-id=\"adm-"), html);
        assertFalse(html.contains("th:"), html);

        assertEquals(204, perform(ajax(get("/order/" + otherOrder + "/smartpay/panel"), session)).getStatus(),
                "an order not paid with Smartpay has no panel");

        for (String action : new String[]{"refund", "capture", "cancel"}) {
            MockHttpServletResponse modal = perform(ajax(get("/order/" + smartpayOrder + "/smartpay/" + action), session));
            assertEquals(200, modal.getStatus(), action);
            String form = modal.getContentAsString();
            assertTrue(form.startsWith("<div class=\"modal hide\""), "6.2's modalContainer, which BLCAdmin.showLinkAsModal shows: " + form);
            assertTrue(form.contains(text("smartpay.admin." + action + ".title", Locale.ENGLISH)), form);
            assertTrue(form.contains("smartpay-" + action + "-form") && form.contains("name=\"csrfToken\" value=\"" + CSRF + "\""), form);
        }
    }

    @Test
    void anActionNeedsARequestIdIssuedForItAndAValidForm() throws Exception {
        MockHttpSession session = admin(EVERYTHING);
        String refundId = requestId(session, "refund");
        String captureId = requestId(session, "capture");
        String url = "/order/" + smartpayOrder + "/smartpay/refund";

        MockHttpServletResponse notANumber = perform(post(url).session(session).param("csrfToken", CSRF)
                .param("stateVersionToken", STATE).param("requestId", refundId).param("amount", "abc").param("reason", "requested_by_customer"));
        assertEquals(422, notANumber.getStatus(), notANumber.getContentAsString());
        assertTrue(notANumber.getContentAsString().contains("\"amount\""), notANumber.getContentAsString());

        MockHttpServletResponse tooMuch = perform(post(url).session(session).param("csrfToken", CSRF)
                .param("stateVersionToken", STATE).param("requestId", refundId).param("amount", "5001").param("reason", "requested_by_customer"));
        assertEquals(422, tooMuch.getStatus(), "nothing is captured yet: " + tooMuch.getContentAsString());

        MockHttpServletResponse otherForm = perform(post(url).session(session).param("csrfToken", CSRF)
                .param("stateVersionToken", STATE).param("requestId", captureId).param("amount", "100").param("reason", "requested_by_customer"));
        assertEquals(403, otherForm.getStatus(), "a capture form's id does not refund: " + otherForm.getContentAsString());
    }

    @Test
    void theSmartpaySectionsPagesRenderWithTheTokensSixTwoChecks() throws Exception {
        MockHttpSession session = admin(EVERYTHING);
        for (String[] page : new String[][]{{"/smartpay-attention", "smartpay.attention.title"}, {"/smartpay-health", "smartpay.health.title"}}) {
            MockHttpServletResponse response = perform(ajax(get(page[0]), session));
            assertEquals(200, response.getStatus(), page[0]);
            String html = response.getContentAsString();
            assertTrue(html.contains(text(page[1], Locale.ENGLISH)), html);
            assertFalse(html.contains("th:"), html);
            if (page[0].endsWith("health")) {
                assertTrue(html.contains("name=\"stateVersionToken\" value=\"" + STATE + "\"")
                        && html.contains("name=\"csrfToken\" value=\"" + CSRF + "\""), html);
            }
        }
    }

    /** As jQuery asks (X-Requested-With): Broadleaf's view resolver renders the view without the page layout. */
    private static MockHttpServletRequestBuilder ajax(MockHttpServletRequestBuilder request, MockHttpSession session) {
        return request.session(session).locale(Locale.ENGLISH).header("X-Requested-With", "XMLHttpRequest");
    }

    private static String requestId(MockHttpSession session, String action) throws Exception {
        String form = perform(ajax(get("/order/" + smartpayOrder + "/smartpay/" + action), session)).getContentAsString();
        Matcher m = Pattern.compile("name=\"requestId\" value=\"([^\"]+)\"").matcher(form);
        assertTrue(m.find(), form);
        assertNotNull(m.group(1));
        return m.group(1);
    }
}
