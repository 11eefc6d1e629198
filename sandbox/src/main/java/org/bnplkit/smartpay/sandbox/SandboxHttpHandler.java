package org.bnplkit.smartpay.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Every request goes through here: count it, apply an armed fault, route it (test controls, consumer flow,
 * merchant API with authentication and idempotency, hosted page), answer.
 */
final class SandboxHttpHandler implements HttpHandler {

    static final Pattern SECRET_KEY = Pattern.compile("^sk_(test|live)_[0-9a-zA-Z]+$");
    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    private final Merchants merchants;
    private final SandboxClock clock;
    private final FaultInjector faults;
    private final RequestCounter requests;
    private final MerchantApi merchantApi;
    private final ConsumerApi consumerApi;
    private final HostedCheckoutPage hostedPage;
    private final ControlApi controls;
    /** Added to every /v1 answer, as Smartpay's own processing and the network would add (0 = at once). */
    private volatile long responseTimeMillis;
    private volatile IdempotencyKeyInUse idempotencyKeyInUse = IdempotencyKeyInUse.CONFLICT;

    SandboxHttpHandler(Merchants merchants, SandboxClock clock, FaultInjector faults, RequestCounter requests,
                       MerchantApi merchantApi, ConsumerApi consumerApi, HostedCheckoutPage hostedPage,
                       ControlApi controls) {
        this.merchants = merchants;
        this.clock = clock;
        this.faults = faults;
        this.requests = requests;
        this.merchantApi = merchantApi;
        this.consumerApi = consumerApi;
        this.hostedPage = hostedPage;
        this.controls = controls;
    }

    @Override
    public void handle(HttpExchange exchange) {
        boolean counted = false;
        try {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getRawPath();
            ApiRequest req = ApiRequest.read(exchange);
            if (path.equals("/__sandbox") || path.startsWith("/__sandbox/")) {
                send(exchange, req, answer(req, true));
                return;
            }
            requests.started(method, path);
            counted = true;
            SandboxFault fault = faults.take(method, path);
            long processingMillis = 0;
            if (fault != null) {
                switch (fault.kind()) {
                    case STATUS:
                        send(exchange, req, fault.response());
                        return;
                    case DROP_BEFORE_COMMIT:
                        exchange.close(); // no response headers sent: the JDK server closes the TCP connection
                        return;
                    case DELAY:
                        processingMillis += fault.delay().toMillis();
                        break;
                    default:
                        break;
                }
            }
            if (path.equals("/v1") || path.startsWith("/v1/")) {
                processingMillis += responseTimeMillis;
            }
            req.processingMillis = processingMillis;
            ApiResponse response = answer(req, false);
            if (fault != null && fault.kind() == SandboxFault.Kind.DROP_AFTER_COMMIT) {
                exchange.close(); // the change (and its idempotency record) is committed; the answer is lost
                return;
            }
            send(exchange, req, response);
        } catch (IOException e) {
            // the client went away (e.g. it timed out during a delay fault)
        } catch (RuntimeException e) {
            System.err.println("Smartpay sandbox: unexpected error: " + e);
            e.printStackTrace();
        } finally {
            exchange.close();
            if (counted) {
                requests.finished();
            }
        }
    }

    void responseTime(long millis) {
        this.responseTimeMillis = millis;
    }

    void idempotencyKeyInUse(IdempotencyKeyInUse answer) {
        this.idempotencyKeyInUse = answer;
    }

    IdempotencyKeyInUse idempotencyKeyInUse() {
        return idempotencyKeyInUse;
    }

    /** The response for a request; errors become Smartpay error bodies, never exceptions. */
    private ApiResponse answer(ApiRequest req, boolean control) {
        try {
            return control ? controls.handle(req) : route(req);
        } catch (ApiException e) {
            return e.toResponse();
        } catch (UnauthorizedException e) {
            return e.toResponse();
        } catch (RuntimeException e) {
            System.err.println("Smartpay sandbox: internal error on " + req.method + " " + req.path + ": " + e);
            e.printStackTrace();
            return new ApiException(500, "internal-error", "The sandbox failed: " + e).toResponse();
        }
    }

    private ApiResponse route(ApiRequest req) {
        String first = req.segment(0);
        if (first == null) {
            ObjectNode index = JsonNodeFactory.instance.objectNode();
            index.put("object", "smartpaySandbox");
            index.put("api", "/v1");
            index.put("checkout", "/checkout/{sessionId}");
            index.put("controls", "/__sandbox");
            return ApiResponse.ok(index);
        }
        if ("v1".equals(first)) {
            if (ConsumerApi.handles(req)) {
                return consumerApi.handle(req);
            }
            String secretKey = secretKey(req.header("Authorization"));
            if (secretKey == null) {
                throw new UnauthorizedException("Basic");
            }
            Merchant merchant = merchants.forKey(secretKey);
            String idempotencyKey = req.header("Idempotency-Key");
            if (idempotencyKey != null && !idempotencyKey.isEmpty() && isChange(req.method)) {
                return idempotently(req, merchant, idempotencyKey);
            }
            takeProcessingTime(req);
            return merchantApi.handle(req, merchant);
        }
        takeProcessingTime(req);
        if ("checkout".equals(first)) {
            return hostedPage.handle(req);
        }
        throw MerchantApi.routeNotFound(req);
    }

    /**
     * A delay fault and the response time are Smartpay's processing: they pass after an Idempotency-Key was claimed
     * (so the key is in use meanwhile) and before the request changes anything.
     */
    private static void takeProcessingTime(ApiRequest req) {
        long millis = req.processingMillis;
        req.processingMillis = 0;
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "service.unavailable", "The sandbox is shutting down");
        }
    }

    private static boolean isChange(String method) {
        return "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method) || "DELETE".equals(method);
    }

    private ApiResponse idempotently(ApiRequest req, Merchant merchant, String key) {
        if (key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            throw ApiException.invalid("Idempotency-Key", "must be at most " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
        }
        IdempotencyStore.Outcome outcome = merchant.idempotency.begin(key, new IdempotencyStore.Fingerprint(req),
                clock.now(), idempotencyKeyInUse);
        if (outcome.response != null) {
            return outcome.response;
        }
        ApiResponse response = null;
        try {
            try {
                takeProcessingTime(req);
                response = merchantApi.handle(req, merchant);
            } catch (ApiException e) {
                response = e.toResponse();
            }
            return response;
        } finally {
            merchant.idempotency.complete(key, outcome.claim, response);
        }
    }

    /**
     * The secret key from {@code Authorization: Basic <sk_…>} (Smartpay's raw form) or from standard HTTP Basic
     * ({@code base64("sk_…:")}); null when missing or not a secret key (a pk_ key is refused).
     */
    static String secretKey(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String credential = authorization.substring(6).trim();
        if (SECRET_KEY.matcher(credential).matches()) {
            return credential;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(credential), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            String user = colon < 0 ? decoded : decoded.substring(0, colon);
            return SECRET_KEY.matcher(user).matches() ? user : null;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static void send(HttpExchange exchange, ApiRequest req, ApiResponse response) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        if (response.contentType != null) {
            headers.set("Content-Type", response.contentType);
        }
        for (Map.Entry<String, String> header : response.headers.entrySet()) {
            headers.set(header.getKey(), header.getValue());
        }
        if (response.body.length == 0 || "HEAD".equals(req.method)) {
            exchange.sendResponseHeaders(response.status, -1);
            return;
        }
        exchange.sendResponseHeaders(response.status, response.body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response.body);
        }
    }
}
