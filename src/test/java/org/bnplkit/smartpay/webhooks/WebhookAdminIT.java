package org.bnplkit.smartpay.webhooks;

import static org.bnplkit.smartpay.webhooks.WebhookTestSupport.client;
import static org.bnplkit.smartpay.webhooks.WebhookTestSupport.ctx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.servlet.ServletException;

import org.bnplkit.smartpay.client.ListParams;
import org.bnplkit.smartpay.client.WebhookEndpoint;
import org.bnplkit.smartpay.journal.SmartpayWebhookEndpoint;
import org.bnplkit.smartpay.journal.WebhookEndpoints;
import org.bnplkit.smartpay.admin.web.SmartpayWebhookAdminController;
import org.broadleafcommerce.common.encryption.EncryptionModule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockServletConfig;
import org.springframework.mock.web.MockServletContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.support.XmlWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Registration at Smartpay, the connection test and the admin JSON API, through a DispatcherServlet over the module's
 * admin servlet XML: permission and CSRF token checked server-side, no signing secret in any answer.
 */
class WebhookAdminIT {

    private static DispatcherServlet admin;
    private static WebhookTestSupport.Receiver receiver;

    @BeforeAll
    static void registerTheStore() {
        receiver = WebhookTestSupport.registeredReceiver();
    }

    @AfterAll
    static void unregisterTheStore() {
        WebhookTestSupport.unregisterReceiver();
    }
    private final MockHttpSession session = new MockHttpSession();

    @BeforeEach
    void settings() {
        WebhookTestSupport.baseline();
        receiver.paused.set(false);
        session.setAttribute("csrfToken", "token-" + System.nanoTime());
    }

    @AfterEach
    void restore() {
        SecurityContextHolder.clearContext();
        receiver.paused.set(false);
        WebhookTestSupport.baseline();
    }

    @Test
    void theConnectionTestChecksTheKeyTheEndpointAndASignedDeliveryToTheStore() throws Exception {
        signIn(SmartpayWebhookAdminController.PERMISSION);
        JsonNode ok = json(post("/smartpay-webhooks/test-connection", true));
        assertTrue(ok.get("ok").asBoolean(), ok.toString());
        assertEquals(3, ok.get("checks").size(), ok.toString());

        receiver.paused.set(true); // the store's endpoint does not answer 200
        JsonNode failed = json(post("/smartpay-webhooks/test-connection", true));
        assertFalse(failed.get("ok").asBoolean(), failed.toString());
        JsonNode delivery = failed.get("checks").get(2);
        assertEquals("test delivery", delivery.get("check").asText());
        assertTrue(delivery.get("detail").asText().contains("503"), delivery.toString());
    }

    @Test
    void registeringAgainReplacesTheEndpointAtSmartpayAndKeepsDeliveriesVerified() throws Exception {
        WebhookEndpoints endpoints = ctx.bean("blSmartpayWebhookEndpoints", WebhookEndpoints.class);
        String before = endpoints.active().get(0).getEndpointId();
        signIn(SmartpayWebhookAdminController.PERMISSION);

        MockHttpServletResponse response = post("/smartpay-webhooks/register?url=" + receiver.url(), true);
        assertEquals(200, response.getStatus(), text(response));
        JsonNode registered = json(response);
        String after = registered.get("endpointId").asText();
        assertNotEquals(before, after);
        assertEquals(5, registered.get("events").size());
        assertEquals(List.of(after), endpoints.active().stream().map(SmartpayWebhookEndpoint::getEndpointId).toList());
        List<String> atSmartpay = client().listWebhookEndpoints(ListParams.builder().maxResults(100).build()).data().stream()
                .map(WebhookEndpoint::id).toList();
        assertTrue(atSmartpay.contains(after));
        assertFalse(atSmartpay.contains(before), "the replaced endpoint was deleted at Smartpay");

        String secret = secretOf(endpoints.active().get(0));
        assertFalse(text(response).contains(secret), "no signing secret in the answer");
        assertFalse(text(get("/smartpay-webhooks")).contains(secret), "no signing secret in the status");
        assertFalse(endpoints.active().get(0).toString().contains(secret));

        JsonNode check = json(post("/smartpay-webhooks/test-connection", true));
        assertTrue(check.get("ok").asBoolean(), "deliveries signed with the new secret are accepted: " + check);
    }

    @Test
    void onlyTheStoresOwnUrlOrAnAllowedOneIsRegistered() throws Exception {
        WebhookEndpoints endpoints = ctx.bean("blSmartpayWebhookEndpoints", WebhookEndpoints.class);
        String before = endpoints.active().get(0).getEndpointId();
        int atSmartpayBefore = client().listWebhookEndpoints(ListParams.builder().maxResults(100).build()).data().size();
        signIn(SmartpayWebhookAdminController.PERMISSION);

        for (String elsewhere : new String[] {"https://attacker.example/collect", "http://127.0.0.1:9/smartpay/webhook",
                receiver.url() + "/elsewhere", receiver.url().replace("http://", "http://user:pw@"), "ftp://127.0.0.1/x",
                "javascript:alert(1)"}) {
            MockHttpServletResponse refused = post("/smartpay-webhooks/register?url=" + elsewhere, true);
            assertEquals(400, refused.getStatus(), elsewhere + ": " + text(refused));
            assertTrue(text(refused).contains("Not registered"), text(refused));
        }
        assertEquals(before, endpoints.active().get(0).getEndpointId(), "the store's endpoint is unchanged");
        assertEquals(atSmartpayBefore, client().listWebhookEndpoints(ListParams.builder().maxResults(100).build()).data().size(),
                "nothing was created at Smartpay");
    }

    @Test
    void theConnectionTestSendsNoSignedEventToAUrlThatIsNotAllowed() throws Exception {
        signIn(SmartpayWebhookAdminController.PERMISSION);
        ctx.properties().set(SmartpayWebhookSettings.ALLOWED_URLS, "https://shop.example.jp/smartpay/webhook");
        int received = receiver.received.get();

        JsonNode check = json(post("/smartpay-webhooks/test-connection", true));

        assertFalse(check.get("ok").asBoolean(), check.toString());
        JsonNode delivery = check.get("checks").get(2);
        assertFalse(delivery.get("ok").asBoolean(), delivery.toString());
        assertTrue(delivery.get("detail").asText().contains("not sent"), delivery.toString());
        assertEquals(received, receiver.received.get(), "no signed event left the store");
    }

    @Test
    void actionsNeedThePermissionAndTheCsrfToken() throws Exception {
        WebhookEndpoints endpoints = ctx.bean("blSmartpayWebhookEndpoints", WebhookEndpoints.class);
        String before = endpoints.active().get(0).getEndpointId();

        signIn("PERMISSION_OTHER_DEFAULT");
        MockHttpServletResponse noPermission = post("/smartpay-webhooks/register?url=" + receiver.url(), true);
        assertEquals(403, noPermission.getStatus());

        signIn(SmartpayWebhookAdminController.PERMISSION);
        MockHttpServletResponse noToken = post("/smartpay-webhooks/register?url=" + receiver.url(), false);
        assertEquals(403, noToken.getStatus());
        assertTrue(text(noToken).contains("CSRF"), text(noToken));
        assertEquals(before, endpoints.active().get(0).getEndpointId(), "nothing was registered");

        SecurityContextHolder.clearContext();
        assertEquals(403, get("/smartpay-webhooks").getStatus(), "signed-out users see nothing");
    }

    @Test
    void theStatusShowsTheInboxNoticesAndTheLastPass() throws Exception {
        signIn("PERMISSION_OTHER_DEFAULT");
        assertEquals(403, get("/smartpay-webhooks").getStatus(), "notices only for the Smartpay section's users");
        signIn(org.bnplkit.smartpay.admin.AdminPermissions.SECTION);
        MockHttpServletResponse response = get("/smartpay-webhooks");
        assertEquals(200, response.getStatus());
        JsonNode status = json(response);
        assertTrue(status.get("events").has("PROCESSED"), status.toString());
        assertTrue(status.has("openNotices"));
        assertTrue(status.has("deadLetters"));
        assertTrue(status.get("endpoints").size() >= 1, status.toString());
        assertTrue(status.has("reconciliation"));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static void signIn(String... authorities) {
        List<SimpleGrantedAuthority> granted = java.util.Arrays.stream(authorities).map(SimpleGrantedAuthority::new).toList();
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("admin", "n/a", granted));
    }

    private MockHttpServletResponse post(String pathAndQuery, boolean withToken) throws Exception {
        return perform("POST", pathAndQuery, withToken);
    }

    private MockHttpServletResponse get(String path) throws Exception {
        return perform("GET", path, false);
    }

    private MockHttpServletResponse perform(String method, String pathAndQuery, boolean withToken) throws Exception {
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setServletPath(path);
        request.setSession(session);
        if (pathAndQuery.contains("?")) {
            for (String pair : pathAndQuery.substring(pathAndQuery.indexOf('?') + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                request.addParameter(kv[0], kv[1]);
            }
        }
        if (withToken) {
            request.addParameter("csrfToken", (String) session.getAttribute("csrfToken"));
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        adminServlet().service(request, response);
        return response;
    }

    private static synchronized DispatcherServlet adminServlet() throws ServletException {
        if (admin == null) {
            XmlWebApplicationContext servlet = new XmlWebApplicationContext();
            servlet.setParent(ctx.root());
            servlet.setServletContext(new MockServletContext());
            servlet.setConfigLocations(new String[]{"classpath:/bl-smartpay-admin-applicationContext-servlet.xml",
                    "classpath:/bl-smartpay-test-servlet.xml"});
            servlet.refresh();
            admin = new DispatcherServlet(servlet);
            admin.init(new MockServletConfig(servlet.getServletContext(), "admin"));
        }
        return admin;
    }

    private static String secretOf(SmartpayWebhookEndpoint endpoint) {
        return ctx.bean("blEncryptionModule", EncryptionModule.class).decrypt(endpoint.getEncryptedSigningSecret());
    }

    private static String text(MockHttpServletResponse response) {
        return new String(response.getContentAsByteArray(), StandardCharsets.UTF_8);
    }

    private static JsonNode json(MockHttpServletResponse response) throws Exception {
        return new ObjectMapper().readTree(response.getContentAsByteArray());
    }
}
