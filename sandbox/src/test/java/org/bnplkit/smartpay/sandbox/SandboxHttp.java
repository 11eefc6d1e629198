package org.bnplkit.smartpay.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Talks to the sandbox over real HTTP with the JDK client, as one merchant (one secret key). */
final class SandboxHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    final SmartpaySandbox sandbox;
    final String secretKey;

    SandboxHttp(SmartpaySandbox sandbox, String secretKey) {
        this.sandbox = sandbox;
        this.secretKey = secretKey;
    }

    record Reply(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        String text(String field) {
            return json().path(field).asText(null);
        }

        String errorCode() {
            return json().path("errorCode").asText(null);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    Reply get(String path) {
        return send("GET", path, null, Map.of());
    }

    Reply post(String path, Object body) {
        return send("POST", path, body, Map.of());
    }

    Reply post(String path, Object body, String idempotencyKey) {
        return send("POST", path, body, Map.of("Idempotency-Key", idempotencyKey));
    }

    Reply put(String path) {
        return send("PUT", path, null, Map.of());
    }

    Reply patch(String path, Object body) {
        return send("PATCH", path, body, Map.of());
    }

    Reply delete(String path) {
        return send("DELETE", path, null, Map.of());
    }

    /** path is relative to /v1 unless it starts with "http". */
    Reply send(String method, String path, Object body, Map<String, String> headers) {
        return send(method, path, body, headers, Duration.ofSeconds(30));
    }

    Reply send(String method, String path, Object body, Map<String, String> headers, Duration timeout) {
        String url = path.startsWith("http") ? path : sandbox.baseUrl() + path;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Accept", "application/json");
        if (secretKey != null) {
            request.header("Authorization", "Basic " + secretKey);
        }
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : write(body)));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------ payloads and shortcuts

    /** A valid checkout session: one product line (unit × qty) + shipping fee, amount = their sum. */
    static ObjectNode checkout(String captureMethod, long unitAmount, int quantity, long shippingFee) {
        ObjectNode body = JSON.createObjectNode();
        body.put("amount", unitAmount * quantity + shippingFee);
        body.put("currency", "JPY");
        if (captureMethod != null) {
            body.put("captureMethod", captureMethod);
        }
        body.put("successUrl", "https://shop.example/smartpay/return?order=42");
        body.put("cancelUrl", "https://shop.example/smartpay/cancel?order=42");
        body.put("reference", "order-42");
        body.putObject("customerInfo").put("emailAddress", "taro@example.jp");
        ObjectNode shipping = body.putObject("shippingInfo");
        ObjectNode address = shipping.putObject("address");
        address.put("line1", "1-2-3 Shibuya");
        address.put("locality", "Shibuya-ku");
        address.put("administrativeArea", "Tokyo");
        address.put("postalCode", "150-0002");
        address.put("country", "JP");
        shipping.put("feeAmount", shippingFee);
        shipping.put("feeCurrency", "JPY");
        ObjectNode item = body.putArray("items").addObject();
        item.put("name", "Matcha");
        item.put("amount", unitAmount);
        item.put("currency", "JPY");
        item.put("quantity", quantity);
        return body;
    }

    /** Creates a checkout session and returns its (expanded) order id. */
    String createOrder(String captureMethod, long amount) {
        Reply reply = post("/checkout-sessions", checkout(captureMethod, amount, 1, 0));
        if (reply.status() != 200) {
            throw new AssertionError("checkout session not created: " + reply);
        }
        return reply.json().path("order").path("id").asText();
    }

    /** An order approved with manual capture: requires_capture for the whole amount. */
    String authorizedOrder(long amount) {
        String orderId = createOrder("manual", amount);
        sandbox.approve(orderId);
        return orderId;
    }

    Reply capture(String orderId, long amount, String cancelRemainder) {
        ObjectNode body = JSON.createObjectNode().put("order", orderId).put("amount", amount).put("currency", "JPY");
        if (cancelRemainder != null) {
            body.put("cancelRemainder", cancelRemainder);
        }
        return post("/payments", body);
    }

    Reply refund(String paymentId, long amount) {
        return post("/refunds", JSON.createObjectNode().put("payment", paymentId).put("amount", amount)
                .put("currency", "JPY").put("reason", "requested_by_customer"));
    }
}
