package org.bnplkit.smartpay.sandbox;

import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Smartpay's consumer test flow, as the SDKs' integration tests use it:
 * <ul>
 * <li>{@code POST /v1/consumers/auth/login} (any credentials) -> {@code {accessToken}};</li>
 * <li>{@code POST /v1/orders/{id}/authorizations} with {@code Authorization: Bearer <accessToken>} and
 *     {@code paymentMethod}: {@code pm_test_visaApproved} approves, {@code pm_test_visaDeclined} hard-declines,
 *     {@code pm_test_visaSoftDeclined} (sandbox addition) soft-declines;</li>
 * <li>{@code PUT /v1/tokens/{id}/approve} with the Bearer token approves a payment token.</li>
 * </ul>
 */
final class ConsumerApi {

    static final String APPROVED = "pm_test_visaApproved";
    static final String DECLINED = "pm_test_visaDeclined";
    static final String SOFT_DECLINED = "pm_test_visaSoftDeclined";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Set<String> accessTokens = ConcurrentHashMap.newKeySet();
    private final Merchants merchants;
    private final SandboxClock clock;

    ConsumerApi(Merchants merchants, SandboxClock clock) {
        this.merchants = merchants;
        this.clock = clock;
    }

    static boolean handles(ApiRequest req) {
        int size = req.segments.size();
        if (size == 4 && "consumers".equals(req.segment(1)) && "auth".equals(req.segment(2))
                && "login".equals(req.segment(3))) {
            return true;
        }
        return size == 4 && ("orders".equals(req.segment(1)) && "authorizations".equals(req.segment(3))
                || "tokens".equals(req.segment(1)) && "approve".equals(req.segment(3)));
    }

    ApiResponse handle(ApiRequest req) {
        if ("consumers".equals(req.segment(1))) {
            requireMethod(req, "POST");
            return login(req);
        }
        if ("orders".equals(req.segment(1))) {
            requireMethod(req, "POST");
            requireBearer(req);
            return authorize(req, req.segment(2));
        }
        requireMethod(req, "PUT");
        requireBearer(req);
        return approveToken(req.segment(2));
    }

    private static void requireMethod(ApiRequest req, String method) {
        if (!method.equals(req.method)) {
            throw new ApiException(405, "request.method-not-allowed", req.method + " is not allowed on " + req.path);
        }
    }

    private ApiResponse login(ApiRequest req) {
        req.json(); // any credentials are accepted, but the body must still be JSON
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String token = "consumer_test_" + SmartpayBase62.encode(random);
        accessTokens.add(token);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("accessToken", token);
        body.put("tokenType", "Bearer");
        return ApiResponse.ok(body);
    }

    private void requireBearer(ApiRequest req) {
        String authorization = req.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && accessTokens.contains(authorization.substring(7).trim())) {
            return;
        }
        throw new UnauthorizedException("Bearer");
    }

    private ApiResponse authorize(ApiRequest req, String orderId) {
        ObjectNode body = req.jsonObject();
        FieldErrors errors = new FieldErrors();
        PayloadReader in = new PayloadReader(errors);
        String method = in.oneOf(body, "paymentMethod", "", true, APPROVED, DECLINED, SOFT_DECLINED);
        in.string(body, "paymentPlan", "", false, 0);
        errors.throwIfAny();
        Merchant merchant = merchants.ownerOf(orderId);
        if (merchant == null) {
            throw ApiException.notFound("order.not-found", orderId);
        }
        long now = clock.now();
        synchronized (merchant) {
            OrderRecord order = merchant.orders.get(orderId);
            if (order == null) {
                throw ApiException.notFound("order.not-found", orderId);
            }
            if (APPROVED.equals(method)) {
                OrderLifecycle.approve(merchant, order, now);
            } else {
                OrderLifecycle.decline(merchant, order, DECLINED.equals(method), now);
            }
            return ApiResponse.ok(JsonViews.order(order, false));
        }
    }

    private ApiResponse approveToken(String tokenId) {
        Merchant merchant = merchants.ownerOf(tokenId);
        if (merchant == null) {
            throw ApiException.notFound("token.not-found", tokenId);
        }
        long now = clock.now();
        synchronized (merchant) {
            TokenRecord token = merchant.tokens.get(tokenId);
            if (token == null) {
                throw ApiException.notFound("token.not-found", tokenId);
            }
            OrderLifecycle.approveToken(merchant, token, now);
            return ApiResponse.ok(JsonViews.token(token));
        }
    }

    void reset() {
        accessTokens.clear();
    }
}
