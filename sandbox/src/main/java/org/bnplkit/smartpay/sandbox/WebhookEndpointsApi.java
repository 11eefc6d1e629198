package org.bnplkit.smartpay.sandbox;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The merchant API's webhook endpoints ({@code /v1/webhook-endpoints}), routed by {@link MerchantApi}. */
final class WebhookEndpointsApi {

    static final List<String> EVENT_TYPES = Collections.unmodifiableList(Arrays.asList(
            "order.authorized", "order.rejected", "order.canceled", "payment.created", "refund.created",
            "token.created", "token.approved", "token.rejected", "token.deleted", "token.disabled",
            "token.enabled", "token.used", "coupon.created", "coupon.updated", "promotion_code.created",
            "promotion_code.updated", "merchant_user.created", "merchant_user.password_reset",
            "payout.generated", "payout.paid"));

    private final SandboxClock clock;

    WebhookEndpointsApi(SandboxClock clock) {
        this.clock = clock;
    }

    private static String webhookUrl(PayloadReader in, ObjectNode body, boolean required) {
        String url = in.string(body, "url", "", required, 0);
        if (url != null) {
            try {
                URI uri = new URI(url);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null) {
                    in.errors.add("url", "must be an absolute http or https URL");
                    return null;
                }
            } catch (URISyntaxException e) {
                in.errors.add("url", "must be an absolute http or https URL");
                return null;
            }
        }
        return url;
    }

    private static List<String> eventSubscriptions(PayloadReader in, ObjectNode body) {
        List<String> events = in.stringList(body, "eventSubscriptions", "", 0);
        if (events != null) {
            for (int i = 0; i < events.size(); i++) {
                if (!EVENT_TYPES.contains(events.get(i))) {
                    in.errors.add("eventSubscriptions[" + i + "]", "is not a Smartpay event type");
                }
            }
        }
        return events;
    }

    ApiResponse createWebhookEndpoint(ApiRequest req, Merchant m) {
        ObjectNode body = req.jsonObject();
        FieldErrors errors = new FieldErrors();
        PayloadReader in = new PayloadReader(errors);
        String url = webhookUrl(in, body, true);
        List<String> events = eventSubscriptions(in, body);
        String description = in.string(body, "description", "", false, 0);
        ObjectNode metadata = in.metadata(body, "metadata", "");
        errors.throwIfAny();
        long now = clock.now();
        synchronized (m) {
            WebhookEndpointRecord endpoint = new WebhookEndpointRecord(m.test, now, url,
                    events == null ? Collections.<String>emptyList() : events, description, metadata);
            m.webhookEndpoints.add(endpoint);
            return ApiResponse.ok(JsonViews.webhookEndpoint(endpoint));
        }
    }

    private WebhookEndpointRecord webhookEndpoint(Merchant m, String id) {
        WebhookEndpointRecord endpoint = m.webhookEndpoints.get(id);
        if (endpoint == null) {
            throw ApiException.notFound("webhook-endpoint.not-found", id);
        }
        return endpoint;
    }

    ApiResponse getWebhookEndpoint(Merchant m, String id) {
        synchronized (m) {
            return ApiResponse.ok(JsonViews.webhookEndpoint(webhookEndpoint(m, id)));
        }
    }

    ApiResponse updateWebhookEndpoint(ApiRequest req, Merchant m, String id) {
        ObjectNode body = req.jsonObject();
        FieldErrors errors = new FieldErrors();
        PayloadReader in = new PayloadReader(errors);
        String url = webhookUrl(in, body, false);
        List<String> events = eventSubscriptions(in, body);
        String description = in.string(body, "description", "", false, 0);
        ObjectNode metadata = in.present(body, "metadata") ? in.metadata(body, "metadata", "") : null;
        Boolean active = in.bool(body, "active", "");
        errors.throwIfAny();
        long now = clock.now();
        synchronized (m) {
            WebhookEndpointRecord endpoint = webhookEndpoint(m, id);
            if (url != null) {
                endpoint.url = url;
            }
            if (events != null) {
                endpoint.eventSubscriptions = events;
            }
            if (description != null) {
                endpoint.description = description;
            }
            if (metadata != null) {
                endpoint.metadata = metadata;
            }
            if (active != null) {
                endpoint.active = active;
            }
            endpoint.updatedAt = now;
            return ApiResponse.ok(JsonViews.webhookEndpoint(endpoint));
        }
    }

    ApiResponse deleteWebhookEndpoint(Merchant m, String id) {
        synchronized (m) {
            WebhookEndpointRecord endpoint = webhookEndpoint(m, id);
            endpoint.deleted = true;
            endpoint.updatedAt = clock.now();
            return ApiResponse.noContent();
        }
    }

    ApiResponse listWebhookEndpoints(ApiRequest req, Merchant m) {
        return MerchantApi.listPage(req, m, m.webhookEndpoints, endpoint -> JsonViews.webhookEndpoint(endpoint));
    }
}
