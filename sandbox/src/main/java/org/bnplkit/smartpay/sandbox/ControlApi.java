package org.bnplkit.smartpay.sandbox;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Test controls over HTTP under {@code /__sandbox}, mirroring the Java ones on {@link SmartpaySandbox}.
 * Parameters come from the query string or a JSON body. No authentication: the sandbox listens on loopback only.
 */
final class ControlApi {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final SmartpaySandbox sandbox;

    ControlApi(SmartpaySandbox sandbox) {
        this.sandbox = sandbox;
    }

    ApiResponse handle(ApiRequest req) {
        String what = req.segment(1);
        String id = req.segment(2);
        String action = req.segment(3);
        String method = req.method;
        if (what == null) {
            return ApiResponse.ok(index());
        }
        switch (what) {
            case "reset":
                requireMethod(req, "POST");
                sandbox.reset();
                return ApiResponse.ok(F.objectNode().put("reset", true));
            case "orders":
                if (id == null) {
                    break;
                }
                if (action == null) {
                    requireMethod(req, "GET");
                    return ApiResponse.ok(orderJson(sandbox.orderControls().snapshot(id)));
                }
                requireMethod(req, "POST");
                return ApiResponse.ok(orderJson(orderAction(req, id, action)));
            case "tokens":
                if (id == null || !("approve".equals(action) || "reject".equals(action))) {
                    break;
                }
                requireMethod(req, "POST");
                return ApiResponse.ok(JsonViews.token(sandbox.orderControls().decideToken(id, "approve".equals(action))));
            case "clock":
                if ("advance".equals(id)) {
                    requireMethod(req, "POST");
                    sandbox.advanceClock(duration(req));
                } else if (id != null) {
                    break;
                } else {
                    requireMethod(req, "GET");
                }
                return ApiResponse.ok(F.objectNode().put("now", sandbox.now())
                        .put("offsetMillis", sandbox.clock().offsetMillis()));
            case "faults":
                if (id != null) {
                    break;
                }
                if ("POST".equals(method)) {
                    SandboxFault fault = fault(req);
                    sandbox.injectFault(fault);
                    return ApiResponse.ok(faultJson(fault, fault.times()));
                }
                if ("DELETE".equals(method)) {
                    sandbox.clearFaults();
                    return ApiResponse.noContent();
                }
                requireMethod(req, "GET");
                ArrayNode faults = F.arrayNode();
                for (Object[] armed : sandbox.faults().list()) {
                    faults.add(faultJson((SandboxFault) armed[0], (Integer) armed[1]));
                }
                return ApiResponse.ok(F.objectNode().set("data", faults));
            case "webhook-deliveries":
                if ("withhold".equals(id)) {
                    requireMethod(req, "POST");
                    sandbox.withholdWebhooks();
                    return ApiResponse.ok(F.objectNode().put("withholding", true));
                }
                if ("deliver".equals(id)) {
                    requireMethod(req, "POST");
                    return ApiResponse.ok(F.objectNode().put("delivered", sandbox.deliverWebhooks()));
                }
                if (id != null) {
                    break;
                }
                requireMethod(req, "GET");
                return ApiResponse.ok(deliveries(req));
            case "webhook-retries":
                if ("PUT".equals(method) || "POST".equals(method)) {
                    WebhookDispatcher d = sandbox.dispatcher();
                    sandbox.webhookRetries((int) number(req, "maxAttempts", d.maxAttempts()),
                            Duration.ofMillis(number(req, "initialBackoffMillis", d.initialBackoffMillis())),
                            Duration.ofMillis(number(req, "maxBackoffMillis", d.maxBackoffMillis())));
                } else {
                    requireMethod(req, "GET");
                }
                WebhookDispatcher d = sandbox.dispatcher();
                return ApiResponse.ok(F.objectNode().put("maxAttempts", d.maxAttempts())
                        .put("initialBackoffMillis", d.initialBackoffMillis())
                        .put("maxBackoffMillis", d.maxBackoffMillis()));
            case "idempotency":
                if ("PUT".equals(method) || "POST".equals(method)) {
                    try {
                        sandbox.idempotencyKeyInUse(IdempotencyKeyInUse.parse(text(req, "keyInUse", null)));
                    } catch (IllegalArgumentException e) {
                        throw ApiException.invalid("keyInUse", "must be conflict or wait");
                    }
                } else {
                    requireMethod(req, "GET");
                }
                return ApiResponse.ok(F.objectNode().put("keyInUse",
                        sandbox.idempotencyKeyInUse() == IdempotencyKeyInUse.CONFLICT ? "conflict" : "wait"));
            case "requests":
                requireMethod(req, "GET");
                String countMethod = text(req, "method", "*");
                String path = text(req, "path", ".*");
                try {
                    return ApiResponse.ok(F.objectNode().put("method", countMethod).put("path", path)
                            .put("count", sandbox.requestCount(countMethod, path)));
                } catch (PatternSyntaxException e) {
                    throw ApiException.invalid("path", "is not a valid regex: " + e.getDescription());
                }
            default:
                break;
        }
        throw MerchantApi.routeNotFound(req);
    }

    private SandboxOrder orderAction(ApiRequest req, String orderId, String action) {
        switch (action) {
            case "approve":
                return sandbox.orderControls().approveOrder(orderId, text(req, "promotionCode", null));
            case "decline":
                return sandbox.orderControls().declineOrder(orderId, !"false".equals(text(req, "hard", "true")));
            case "expire":
                return sandbox.orderControls().expireOrder(orderId);
            case "authorize": {
                String outcome = text(req, "outcome", "approve");
                switch (outcome) {
                    case "approve":
                        return sandbox.orderControls().approveOrder(orderId);
                    case "soft_decline":
                        return sandbox.orderControls().declineOrder(orderId, false);
                    case "hard_decline":
                        return sandbox.orderControls().declineOrder(orderId, true);
                    default:
                        throw ApiException.invalid("outcome", "must be approve, soft_decline or hard_decline");
                }
            }
            default:
                throw MerchantApi.routeNotFound(req);
        }
    }

    private static void requireMethod(ApiRequest req, String method) {
        if (!method.equals(req.method)) {
            throw new ApiException(405, "request.method-not-allowed",
                    req.method + " is not allowed on " + req.path + " (allowed: " + method + ")");
        }
    }

    /** A parameter from the query string, else from the JSON body, else the default. */
    private static String text(ApiRequest req, String name, String defaultValue) {
        String value = req.queryParam(name);
        if (value != null) {
            return value;
        }
        JsonNode body = req.json();
        JsonNode field = body.get(name);
        return field == null || field.isNull() ? defaultValue : field.asText();
    }

    private static long number(ApiRequest req, String name, long defaultValue) {
        String text = text(req, name, null);
        if (text == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name, "must be an integer");
        }
    }

    /** millis, seconds, minutes, hours and days add up; or duration as ISO-8601 (PT36H, P7D). */
    private static Duration duration(ApiRequest req) {
        Duration total = Duration.ofMillis(number(req, "millis", 0))
                .plusSeconds(number(req, "seconds", 0))
                .plusMinutes(number(req, "minutes", 0))
                .plusHours(number(req, "hours", 0))
                .plusDays(number(req, "days", 0));
        String iso = text(req, "duration", null);
        if (iso != null) {
            try {
                total = total.plus(Duration.parse(iso));
            } catch (DateTimeParseException e) {
                throw ApiException.invalid("duration", "must be an ISO-8601 duration such as PT36H or P7D");
            }
        }
        if (total.isNegative()) {
            throw ApiException.invalid("duration", "the sandbox clock only moves forward");
        }
        return total;
    }

    /**
     * {"type":"status","status":503,"retryAfterSeconds":1} | {"type":"delay","delayMillis":40000} |
     * {"type":"dropBeforeCommit"} | {"type":"dropAfterCommit"}, each with optional method, path (regex), times.
     */
    private static SandboxFault fault(ApiRequest req) {
        String type = text(req, "type", null);
        if (type == null) {
            type = text(req, "status", null) != null ? "status" : text(req, "delayMillis", null) != null ? "delay" : null;
        }
        SandboxFault fault;
        try {
            if ("status".equals(type)) {
                fault = SandboxFault.status((int) number(req, "status", 503));
                if (text(req, "retryAfterSeconds", null) != null) {
                    fault = fault.retryAfterSeconds((int) number(req, "retryAfterSeconds", 0));
                }
                if (text(req, "errorCode", null) != null) {
                    fault = fault.errorCode(text(req, "errorCode", null));
                }
            } else if ("delay".equals(type)) {
                fault = SandboxFault.delay(Duration.ofMillis(number(req, "delayMillis", 0)));
            } else if ("dropBeforeCommit".equals(type) || "drop_before_commit".equals(type)) {
                fault = SandboxFault.dropBeforeCommit();
            } else if ("dropAfterCommit".equals(type) || "drop_after_commit".equals(type)) {
                fault = SandboxFault.dropAfterCommit();
            } else {
                throw ApiException.invalid("type", "must be status, delay, dropBeforeCommit or dropAfterCommit");
            }
            return fault.times((int) number(req, "times", 1)).on(text(req, "method", "*"), text(req, "path", ".*"));
        } catch (PatternSyntaxException e) {
            throw ApiException.invalid("path", "is not a valid regex: " + e.getDescription());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw ApiException.invalid("fault", e.getMessage());
        }
    }

    private static ObjectNode faultJson(SandboxFault fault, int remaining) {
        ObjectNode node = F.objectNode();
        node.put("type", fault.kind().name());
        if (fault.kind() == SandboxFault.Kind.STATUS) {
            node.put("status", fault.httpStatus());
            node.put("errorCode", fault.errorCode());
            if (fault.retryAfterSeconds() != null) {
                node.put("retryAfterSeconds", fault.retryAfterSeconds());
            }
        }
        if (fault.delay() != null) {
            node.put("delayMillis", fault.delay().toMillis());
        }
        node.put("method", fault.method());
        node.put("path", fault.pathRegex());
        node.put("remaining", remaining);
        return node;
    }

    private ObjectNode deliveries(ApiRequest req) {
        String eventId = req.queryParam("eventId");
        String type = req.queryParam("type");
        ArrayNode data = F.arrayNode();
        for (WebhookDelivery delivery : sandbox.webhookDeliveries()) {
            if ((eventId != null && !eventId.equals(delivery.eventId())) || (type != null && !type.equals(delivery.type()))) {
                continue;
            }
            ObjectNode node = data.addObject();
            node.put("eventId", delivery.eventId());
            node.put("type", delivery.type());
            node.put("url", delivery.url());
            node.put("subscriptionId", delivery.subscriptionId());
            node.put("statusCode", delivery.statusCode());
            node.put("attempt", delivery.attempt());
            node.put("signature", delivery.signature());
            node.put("signatureTimestamp", delivery.signatureTimestamp());
            node.put("deliveredAt", delivery.deliveredAt());
            if (delivery.error() != null) {
                node.put("error", delivery.error());
            }
            node.put("body", delivery.body());
        }
        return F.objectNode().set("data", data);
    }

    static ObjectNode orderJson(SandboxOrder order) {
        ObjectNode node = F.objectNode();
        node.put("id", order.id());
        node.put("status", order.status());
        node.put("amount", order.amount());
        node.put("discountAmount", order.discountAmount());
        node.put("currency", order.currency());
        node.put("captureMethod", order.captureMethod());
        node.put("captured", order.captured());
        node.put("refunded", order.refunded());
        node.put("capturable", order.capturable());
        node.put("remainderReleased", order.remainderReleased());
        if (order.authorizedAt() != null) {
            node.put("authorizedAt", order.authorizedAt());
        }
        if (order.expiresAt() != null) {
            node.put("expiresAt", order.expiresAt());
        }
        if (order.reference() != null) {
            node.put("reference", order.reference());
        }
        node.put("test", order.test());
        ArrayNode payments = node.putArray("payments");
        for (SandboxPayment payment : order.payments()) {
            ObjectNode p = payments.addObject();
            p.put("id", payment.id());
            p.put("amount", payment.amount());
            p.put("refunded", payment.refunded());
            p.put("status", payment.status());
        }
        ObjectNode metadata = node.putObject("metadata");
        for (Map.Entry<String, String> entry : order.metadata().entrySet()) {
            metadata.put(entry.getKey(), entry.getValue());
        }
        return node;
    }

    private static ObjectNode index() {
        ObjectNode node = F.objectNode();
        node.put("object", "sandboxControls");
        ArrayNode routes = node.putArray("routes");
        List<String> all = java.util.Arrays.asList(
                "POST /__sandbox/reset",
                "GET  /__sandbox/orders/{id}",
                "POST /__sandbox/orders/{id}/approve?promotionCode=",
                "POST /__sandbox/orders/{id}/decline?hard=true|false",
                "POST /__sandbox/orders/{id}/authorize?outcome=approve|soft_decline|hard_decline",
                "POST /__sandbox/orders/{id}/expire",
                "POST /__sandbox/tokens/{id}/approve | reject",
                "GET  /__sandbox/clock ; POST /__sandbox/clock/advance?seconds=|minutes=|hours=|days=|millis=|duration=",
                "GET|POST|DELETE /__sandbox/faults",
                "GET  /__sandbox/webhook-deliveries?eventId=&type=",
                "POST /__sandbox/webhook-deliveries/withhold | deliver",
                "GET|PUT /__sandbox/webhook-retries",
                "GET|PUT /__sandbox/idempotency {keyInUse: conflict|wait}",
                "GET  /__sandbox/requests?method=&path=");
        for (String route : all) {
            routes.add(route);
        }
        return node;
    }
}
