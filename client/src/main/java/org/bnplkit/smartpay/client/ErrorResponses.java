package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Turns a non-2xx answer into the typed exception. Smartpay errors look like
 * {@code {statusCode, errorCode, message, details[]}}; 401 looks like {@code {statusCode, scheme, realm}};
 * anything that is not JSON becomes {@code unexpected_error} with a short, secret-masked snippet.
 */
final class ErrorResponses {

    static final String UNEXPECTED_ERROR = "unexpected_error";
    /**
     * 409 while another request with the same Idempotency-Key is still being processed: retried like a 503, with the
     * same key, so that the retry gets the first request's answer. Other 409s (order.cannot-capture, ...) are final.
     */
    static final String IDEMPOTENCY_KEY_IN_USE = "idempotency-key.in-use";
    private static final int SNIPPET_LENGTH = 200;

    private ErrorResponses() {
    }

    static boolean isRetryableStatus(int status) {
        return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    static SmartpayApiException toException(int status, byte[] body, String contentType, Duration retryAfter) {
        JsonNode json = parseObject(body);
        String errorCode = null;
        String message;
        List<Object> details = Collections.emptyList();
        if (json != null) {
            errorCode = text(json, "errorCode");
            message = text(json, "message");
            if (message == null) {
                message = text(json, "error");
            }
            details = details(json.get("details"));
            if (status == 401 && message == null) {
                message = "Unauthorized: the secret key is missing, wrong, revoked or of the other mode";
                String scheme = text(json, "scheme");
                if (scheme != null) {
                    message += " (scheme " + scheme + ")";
                }
            }
            if (message == null) {
                message = "HTTP " + status + " without a message";
            }
        } else {
            if (status != 401) {
                errorCode = UNEXPECTED_ERROR;
            }
            message = "Unexpected " + (body == null || body.length == 0 ? "empty" : "non-JSON")
                    + " response (Content-Type " + (contentType == null ? "none" : contentType) + ")"
                    + snippet(body);
        }
        message = SecretKeys.maskSecrets(message);
        if (status == 401) {
            return new SmartpayAuthenticationException(errorCode, message);
        }
        if (status == 429) {
            return new SmartpayRateLimitException(errorCode, message, details, retryAfter);
        }
        boolean keyInUse = status == 409 && IDEMPOTENCY_KEY_IN_USE.equals(errorCode);
        return new SmartpayApiException(status, errorCode, message, details, isRetryableStatus(status) || keyInUse);
    }

    private static JsonNode parseObject(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode node = SmartpayJson.mapper().readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString();
    }

    private static List<Object> details(JsonNode node) {
        if (node == null || node.isNull()) {
            return Collections.emptyList();
        }
        List<Object> result = new ArrayList<Object>();
        if (node.isArray()) {
            for (JsonNode item : node) {
                result.add(SmartpayJson.mapper().convertValue(item, Object.class));
            }
        } else {
            result.add(SmartpayJson.mapper().convertValue(node, Object.class));
        }
        return result;
    }

    private static String snippet(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, 0, Math.min(body.length, SNIPPET_LENGTH * 4), StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ").trim();
        if (text.length() > SNIPPET_LENGTH) {
            text = text.substring(0, SNIPPET_LENGTH) + "...";
        }
        return ": " + SecretKeys.maskSecrets(text);
    }
}
