package org.bnplkit.smartpay.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.annotation.Resource;

import org.bnplkit.smartpay.client.ListParams;
import org.bnplkit.smartpay.client.SmartpayAuthenticationException;
import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.client.SmartpayException;
import org.bnplkit.smartpay.client.SmartpayMode;
import org.bnplkit.smartpay.client.WebhookEndpoint;
import org.bnplkit.smartpay.client.WebhookEndpointCreateParams;
import org.bnplkit.smartpay.client.webhook.SmartpayHeaders;
import org.bnplkit.smartpay.client.webhook.WebhookEventType;
import org.bnplkit.smartpay.config.SmartpayClientProvider;
import org.bnplkit.smartpay.config.SmartpaySettings;
import org.bnplkit.smartpay.journal.SmartpayWebhookEndpoint;
import org.bnplkit.smartpay.journal.WebhookEndpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Registers the store's webhook URL at Smartpay ({@code POST /webhook-endpoints}, subscribed to the five events the
 * module handles), keeps the endpoint id and signing secret ({@link SmartpayWebhookSecrets}), retires the endpoint
 * it replaces, and checks the connection end to end. Only the store's own URL or one of
 * gateway.smartpay.webhook.allowedUrls is registered or sent the test delivery ({@link WebhookUrlAllowList}). Triggered from the admin (Smartpay webhooks screen, or
 * {@code POST /smartpay-webhooks/register} and {@code /test} — docs/webhooks.md).
 */
@Component("blSmartpayWebhookRegistration")
public class SmartpayWebhookRegistration {

    /** The metadata this module gives the endpoints it registers, so that it can tell them from others. */
    static final String MODULE_KEY = "module";
    static final String MODULE = "broadleaf-smartpay";

    private static final Logger LOG = LoggerFactory.getLogger(SmartpayWebhookRegistration.class);

    /** The events the module handles. */
    public static final List<String> EVENTS = Collections.unmodifiableList(Arrays.asList(
            WebhookEventType.ORDER_AUTHORIZED, WebhookEventType.ORDER_REJECTED, WebhookEventType.ORDER_CANCELED,
            WebhookEventType.PAYMENT_CREATED, WebhookEventType.REFUND_CREATED));

    @Resource(name = "blSmartpayClientProvider")
    protected SmartpayClientProvider clientProvider;

    @Resource(name = "blSmartpayWebhookSecrets")
    protected SmartpayWebhookSecrets secrets;

    @Resource(name = "blSmartpayWebhookEndpoints")
    protected WebhookEndpoints endpoints;

    @Resource(name = "blSmartpayWebhookSettings")
    protected SmartpayWebhookSettings settings;

    @Resource(name = "blSmartpaySettings")
    protected SmartpaySettings smartpaySettings;

    /** The URL Smartpay should deliver to: gateway.smartpay.webhook.url, else storefront base URL + path; null if neither. */
    public String webhookUrl() {
        String configured = settings.url();
        if (!configured.isEmpty()) {
            return configured;
        }
        String base = smartpaySettings.storefrontBaseUrl();
        if (base == null || base.trim().isEmpty()) {
            return null;
        }
        return base.replaceAll("/+$", "") + settings.path();
    }

    /**
     * Registers {@code url} (null: {@link #webhookUrl()}) at Smartpay for the current key's mode, stores the new
     * endpoint as the active one and deletes the endpoint it replaces at Smartpay. The answer never holds the secret.
     */
    public Registered register(String url) {
        String target = url == null || url.trim().isEmpty() ? webhookUrl() : url.trim();
        if (target == null) {
            throw new IllegalArgumentException("A webhook URL is needed (absolute http(s)); set "
                    + SmartpayWebhookSettings.URL + " or gateway.smartpay.storefrontBaseUrl");
        }
        SmartpayClient client = clientProvider.client();
        String refused = allowList().problem(target, client.mode() == SmartpayMode.TEST);
        if (refused != null) {
            LOG.warn("Smartpay webhook registration of {} refused: {}", target, refused);
            throw new IllegalArgumentException("Not registered: " + refused);
        }
        String mode = client.mode().name().toLowerCase(Locale.ROOT);
        List<SmartpayWebhookEndpoint> previous = new ArrayList<>();
        for (SmartpayWebhookEndpoint e : endpoints.active()) {
            if (mode.equals(e.getMode())) {
                previous.add(e);
            }
        }
        Map<String, String> metadata = new HashMap<>();
        metadata.put(MODULE_KEY, MODULE);
        WebhookEndpoint created = client.createWebhookEndpoint(WebhookEndpointCreateParams.builder()
                .url(target)
                .eventSubscriptions(EVENTS)
                .description("Broadleaf Commerce store (Smartpay for Broadleaf)")
                .metadata(metadata)
                .build(), null);
        SmartpayWebhookEndpoint stored = secrets.store(created, mode);
        LOG.info("Registered Smartpay webhook endpoint {} for {} ({} mode); signing secret stored", created.id(), target, mode);
        for (SmartpayWebhookEndpoint old : previous) {
            try {
                client.deleteWebhookEndpoint(old.getEndpointId(), null);
                LOG.info("Deleted the replaced Smartpay webhook endpoint {} ({})", old.getEndpointId(), old.getUrl());
            } catch (SmartpayException e) {
                LOG.warn("Could not delete the replaced Smartpay webhook endpoint {}: {}. Delete it in Smartpay's dashboard;"
                        + " its deliveries are refused (401) meanwhile.", old.getEndpointId(), e.getMessage());
            }
        }
        deleteOrphans(client, target, created.id());
        return new Registered(stored.getEndpointId(), stored.getUrl(), mode, EVENTS);
    }

    /**
     * Deletes the endpoints this module registered earlier for the same URL whose signing secret the store no longer
     * holds (its database was recreated, as a development store's is on every start): their deliveries could never be
     * verified, and each would be one more refused (401) delivery per event. Endpoints without this module's metadata
     * are someone else's and stay.
     */
    private void deleteOrphans(SmartpayClient client, String url, String keep) {
        try {
            List<String> orphans = new ArrayList<>();
            for (WebhookEndpoint e : client.listAllWebhookEndpoints(null)) {
                boolean ours = e.metadata() != null && MODULE.equals(e.metadata().get(MODULE_KEY));
                if (ours && url.equals(e.url()) && !e.id().equals(keep)) {
                    orphans.add(e.id());
                }
            }
            for (String id : orphans) {
                client.deleteWebhookEndpoint(id, null);
                LOG.info("Deleted Smartpay webhook endpoint {} for {}: registered earlier by this module, with a signing"
                        + " secret this store no longer holds", id, url);
            }
        } catch (SmartpayException e) {
            LOG.warn("Could not look for earlier Smartpay webhook endpoints for {}: {}. Delete any you no longer use in"
                    + " Smartpay's dashboard; their deliveries are refused (401).", url, e.getMessage());
        }
    }

    /**
     * Checks, in order: the secret key (Smartpay answers {@code GET /orders}), the registered endpoint (known and
     * active at Smartpay, same URL), and a signed test event POSTed to the store's own endpoint (reachable from this
     * server, excluded from CSRF, verified with the stored secret: expects 200).
     */
    public ConnectionCheck testConnection() {
        List<Check> checks = new ArrayList<>();
        SmartpayClient client;
        try {
            client = clientProvider.client();
            client.listOrders(ListParams.builder().maxResults(1).build());
            checks.add(new Check("secret key", true, client.mode().name().toLowerCase(Locale.ROOT) + " key accepted by Smartpay"));
        } catch (SmartpayAuthenticationException e) {
            checks.add(new Check("secret key", false, "Smartpay refused the secret key (401)"));
            return new ConnectionCheck(checks);
        } catch (RuntimeException e) {
            checks.add(new Check("secret key", false, "Smartpay could not be asked: " + e.getMessage()));
            return new ConnectionCheck(checks);
        }
        String mode = client.mode().name().toLowerCase(Locale.ROOT);
        SmartpayWebhookEndpoint endpoint = null;
        for (SmartpayWebhookEndpoint e : endpoints.active()) {
            if (mode.equals(e.getMode())) {
                endpoint = e;
                break;
            }
        }
        if (endpoint == null) {
            checks.add(new Check("webhook endpoint", false, "no endpoint registered for " + mode + " mode: register one"));
        } else {
            try {
                WebhookEndpoint atSmartpay = client.getWebhookEndpoint(endpoint.getEndpointId());
                boolean ok = atSmartpay.active() && endpoint.getUrl().equals(atSmartpay.url());
                checks.add(new Check("webhook endpoint", ok, endpoint.getEndpointId() + " -> " + atSmartpay.url()
                        + (atSmartpay.active() ? " (active)" : " (INACTIVE at Smartpay)")
                        + (endpoint.getUrl().equals(atSmartpay.url()) ? "" : "; registered URL was " + endpoint.getUrl())));
            } catch (SmartpayException e) {
                checks.add(new Check("webhook endpoint", false, "Smartpay does not know endpoint " + endpoint.getEndpointId()
                        + ": " + e.getMessage()));
            }
        }
        String url = endpoint != null ? endpoint.getUrl() : webhookUrl();
        if (url == null) {
            checks.add(new Check("test delivery", false, "no webhook URL configured"));
        } else if (!secrets.hasSecret()) {
            checks.add(new Check("test delivery", false, "no signing secret: register the endpoint first"));
        } else if (allowList().problem(url, "test".equals(mode)) != null) {
            checks.add(new Check("test delivery", false, "not sent to " + url + ": " + allowList().problem(url, "test".equals(mode))
                    + "; register the store's own URL"));
        } else {
            checks.add(sendTestEvent(url, endpoint == null ? null : endpoint.getEndpointId(), mode));
        }
        return new ConnectionCheck(checks);
    }

    private WebhookUrlAllowList allowList() {
        return new WebhookUrlAllowList(webhookUrl(), settings.allowedUrls());
    }

    private Check sendTestEvent(String url, String subscriptionId, String mode) {
        String eventId = "evt_broadleaf_test_" + UUID.randomUUID().toString().replace("-", "");
        byte[] body = ("{\"id\":\"" + eventId + "\",\"object\":\"event\",\"createdAt\":" + System.currentTimeMillis()
                + ",\"test\":" + "test".equals(mode) + ",\"eventData\":{\"type\":\"" + SmartpayWebhookHandlers.CONNECTION_TEST
                + "\",\"version\":\"2022-02-18\",\"data\":{\"id\":\"" + eventId + "\",\"object\":\"test\"}}}")
                .getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(System.currentTimeMillis());
        try {
            String signature = secrets.signWithActiveSecret(timestamp, body);
            HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
            try {
                c.setRequestMethod("POST");
                c.setConnectTimeout(10_000);
                c.setReadTimeout(10_000);
                c.setInstanceFollowRedirects(false);
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", "application/json");
                c.setRequestProperty(SmartpayHeaders.SIGNATURE, signature);
                c.setRequestProperty(SmartpayHeaders.SIGNATURE_TIMESTAMP, timestamp);
                c.setRequestProperty(SmartpayHeaders.EVENT_ID, eventId);
                if (subscriptionId != null) {
                    c.setRequestProperty(SmartpayHeaders.SUBSCRIPTION_ID, subscriptionId);
                }
                try (OutputStream out = c.getOutputStream()) {
                    out.write(body);
                }
                int status = c.getResponseCode();
                InputStream answer = status >= 400 ? c.getErrorStream() : c.getInputStream();
                if (answer != null) {
                    answer.close();
                }
                return new Check("test delivery", status == 200, "POST " + url + " answered " + status + (status == 200 ? ""
                        : status == 403 ? " (is the path excluded from blCsrfFilter?)"
                        : status == 401 ? " (the endpoint does not accept the stored signing secret)" : ""));
            } finally {
                c.disconnect();
            }
        } catch (IOException | RuntimeException e) {
            return new Check("test delivery", false, "POST " + url + " failed: " + e.getMessage());
        }
    }

    /** A registration's result: no secret in it. */
    public static final class Registered {
        private final String endpointId;
        private final String url;
        private final String mode;
        private final List<String> events;

        Registered(String endpointId, String url, String mode, List<String> events) {
            this.endpointId = endpointId;
            this.url = url;
            this.mode = mode;
            this.events = events;
        }

        public String endpointId() { return endpointId; }

        public String url() { return url; }

        public String mode() { return mode; }

        public List<String> events() { return events; }

        @Override
        public String toString() {
            return "Registered{" + endpointId + ", " + url + ", " + mode + ", " + events + "}";
        }
    }

    /** One step of the connection test. */
    public static final class Check {
        private final String name;
        private final boolean ok;
        private final String detail;

        Check(String name, boolean ok, String detail) {
            this.name = name;
            this.ok = ok;
            this.detail = detail;
        }

        public String name() { return name; }

        public boolean ok() { return ok; }

        public String detail() { return detail; }

        @Override
        public String toString() {
            return (ok ? "OK   " : "FAIL ") + name + ": " + detail;
        }
    }

    /** All steps of the connection test. */
    public static final class ConnectionCheck {
        private final List<Check> checks;

        ConnectionCheck(List<Check> checks) {
            this.checks = Collections.unmodifiableList(new ArrayList<>(checks));
        }

        public List<Check> checks() { return checks; }

        public boolean ok() {
            for (Check c : checks) {
                if (!c.ok()) {
                    return false;
                }
            }
            return !checks.isEmpty();
        }

        @Override
        public String toString() {
            return checks.toString();
        }
    }
}
