package org.bnplkit.smartpay.sandbox;

import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The merchant REST API under /v1, for one authenticated merchant. Validation happens before the
 * merchant lock is taken; reading and changing objects happens under it; the JSON tree is rendered
 * under it and serialised after.
 */
final class MerchantApi {

    private final SandboxClock clock;
    private final Merchants merchants;
    private final String rootUrl;
    private final WebhookEndpointsApi webhookEndpoints;
    private final DiscountsApi discounts;
    private final TokensApi tokens;
    private final PaymentsApi payments;

    MerchantApi(SandboxClock clock, Merchants merchants, String rootUrl) {
        this.clock = clock;
        this.merchants = merchants;
        this.rootUrl = rootUrl;
        this.webhookEndpoints = new WebhookEndpointsApi(clock);
        this.discounts = new DiscountsApi(clock);
        this.tokens = new TokensApi(clock);
        this.payments = new PaymentsApi(clock);
    }

    /** Routes {@code /v1/<resource>[/<id>[/<action>]]}. */
    ApiResponse handle(ApiRequest req, Merchant m) {
        String resource = req.segment(1);
        String id = req.segment(2);
        String action = req.segment(3);
        int depth = req.segments.size();
        if (resource == null || depth > 4) {
            throw routeNotFound(req);
        }
        String method = req.method;
        switch (resource) {
            case "checkout-sessions":
                if (depth == 2) {
                    return dispatch(req, "GET".equals(method) ? listCheckoutSessions(req, m)
                            : "POST".equals(method) ? createCheckoutSession(req, m) : null, "GET, POST");
                }
                if (depth == 3) {
                    return dispatch(req, "GET".equals(method) ? getCheckoutSession(req, m, id) : null, "GET");
                }
                break;
            case "orders":
                if (depth == 2) {
                    return dispatch(req, "GET".equals(method) ? listOrders(req, m)
                            : "POST".equals(method) ? createTokenOrder(req, m) : null, "GET, POST");
                }
                if (depth == 3) {
                    return dispatch(req, "GET".equals(method) ? getOrder(req, m, id) : null, "GET");
                }
                if ("cancellation".equals(action)) {
                    return dispatch(req, "PUT".equals(method) ? cancelOrder(req, m, id) : null, "PUT");
                }
                break;
            case "payments":
                if (depth == 2) {
                    return dispatch(req, "GET".equals(method) ? payments.listPayments(req, m)
                            : "POST".equals(method) ? payments.createPayment(req, m) : null, "GET, POST");
                }
                if (depth == 3) {
                    return dispatch(req, "GET".equals(method) ? payments.getPayment(req, m, id)
                            : "PATCH".equals(method) ? payments.updatePayment(req, m, id) : null, "GET, PATCH");
                }
                break;
            case "refunds":
                if (depth == 2) {
                    return dispatch(req, "GET".equals(method) ? payments.listRefunds(req, m)
                            : "POST".equals(method) ? payments.createRefund(req, m) : null, "GET, POST");
                }
                if (depth == 3) {
                    return dispatch(req, "GET".equals(method) ? payments.getRefund(req, m, id)
                            : "PATCH".equals(method) ? payments.updateRefund(req, m, id) : null, "GET, PATCH");
                }
                break;
            case "webhook-endpoints":
                if (depth == 2) {
                    return dispatch(req, "GET".equals(method) ? webhookEndpoints.listWebhookEndpoints(req, m)
                            : "POST".equals(method) ? webhookEndpoints.createWebhookEndpoint(req, m) : null, "GET, POST");
                }
                if (depth == 3) {
                    return dispatch(req, "GET".equals(method) ? webhookEndpoints.getWebhookEndpoint(m, id)
                            : "PATCH".equals(method) ? webhookEndpoints.updateWebhookEndpoint(req, m, id)
                            : "DELETE".equals(method) ? webhookEndpoints.deleteWebhookEndpoint(m, id) : null, "GET, PATCH, DELETE");
                }
                break;
            case "coupons":
                if (depth == 2) {
                    return dispatch(req, "GET".equals(method) ? discounts.listCoupons(req, m)
                            : "POST".equals(method) ? discounts.createCoupon(req, m) : null, "GET, POST");
                }
                if (depth == 3) {
                    return dispatch(req, "GET".equals(method) ? discounts.getCoupon(m, id)
                            : "PATCH".equals(method) ? discounts.updateCoupon(req, m, id) : null, "GET, PATCH");
                }
                break;
            case "promotion-codes":
                if (depth == 2) {
                    return dispatch(req, "GET".equals(method) ? discounts.listPromotionCodes(req, m)
                            : "POST".equals(method) ? discounts.createPromotionCode(req, m) : null, "GET, POST");
                }
                if (depth == 3) {
                    return dispatch(req, "GET".equals(method) ? discounts.getPromotionCode(m, id)
                            : "PATCH".equals(method) ? discounts.updatePromotionCode(req, m, id) : null, "GET, PATCH");
                }
                break;
            case "tokens":
                if (depth == 2) {
                    return dispatch(req, "GET".equals(method) ? tokens.listTokens(req, m) : null, "GET");
                }
                if (depth == 3) {
                    return dispatch(req, "GET".equals(method) ? tokens.getToken(m, id)
                            : "DELETE".equals(method) ? tokens.deleteToken(m, id) : null, "GET, DELETE");
                }
                if ("enable".equals(action) || "disable".equals(action)) {
                    return dispatch(req, "PUT".equals(method) ? tokens.setTokenEnabled(m, id, "enable".equals(action))
                            : null, "PUT");
                }
                break;
            default:
                break;
        }
        throw routeNotFound(req);
    }

    /** Handlers run eagerly in the switch above; a null result means the method is not allowed there. */
    private static ApiResponse dispatch(ApiRequest req, ApiResponse response, String allowed) {
        if (response == null) {
            throw new ApiException(405, "request.method-not-allowed",
                    req.method + " is not allowed on " + req.path + " (allowed: " + allowed + ")");
        }
        return response;
    }

    static ApiException routeNotFound(ApiRequest req) {
        return new ApiException(404, "route.not-found", "No API route " + req.method + " " + req.path);
    }

    // ---------------------------------------------------------------- query parameters

    static boolean expand(ApiRequest req) {
        String expand = req.queryParam("expand");
        if (expand == null || expand.isEmpty() || "no".equals(expand)) {
            return false;
        }
        if ("all".equals(expand)) {
            return true;
        }
        throw ApiException.invalid("expand", "must be all or no");
    }

    static int maxResults(ApiRequest req) {
        String text = req.queryParam("maxResults");
        if (text == null || text.isEmpty()) {
            return ObjectTable.DEFAULT_MAX_RESULTS;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= 1 && value <= ObjectTable.MAX_MAX_RESULTS) {
                return value;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ApiException.invalid("maxResults", "must be an integer between 1 and " + ObjectTable.MAX_MAX_RESULTS);
    }

    static String pageToken(ApiRequest req) {
        String token = req.queryParam("pageToken");
        return token == null || token.isEmpty() ? null : token;
    }

    // ---------------------------------------------------------------- checkout sessions and orders

    private ApiResponse createCheckoutSession(ApiRequest req, Merchant m) {
        ObjectNode body = req.jsonObject();
        FieldErrors errors = new FieldErrors();
        PayloadReader in = new PayloadReader(errors);
        String mode = in.oneOf(body, "mode", "", false, "token");
        String successUrl = in.string(body, "successUrl", "", true, 0);
        String cancelUrl = in.string(body, "cancelUrl", "", true, 0);
        if ("token".equals(mode)) {
            return createTokenSession(body, in, m, successUrl, cancelUrl);
        }
        OrderDraft draft = CheckoutPayload.readOrder(body, in);
        errors.throwIfAny();
        long now = clock.now();
        synchronized (m) {
            OrderRecord order = newOrder(m, draft, now);
            CheckoutSessionRecord session = new CheckoutSessionRecord(m.test, now, rootUrl, successUrl, cancelUrl,
                    order.customerInfo, draft.metadata, draft.reference, draft.description, draft.locale, order, null);
            order.checkoutSessionId = session.id;
            m.sessions.add(session);
            merchants.register(session.id, m);
            return ApiResponse.ok(JsonViews.checkoutSession(session, true));
        }
    }

    private ApiResponse createTokenSession(ObjectNode body, PayloadReader in, Merchant m, String successUrl,
                                           String cancelUrl) {
        com.fasterxml.jackson.databind.JsonNode customerInfo = CheckoutPayload.readCustomerInfo(body, in);
        String reference = in.string(body, "reference", "", false, 40);
        String description = in.string(body, "description", "", false, 80);
        ObjectNode metadata = in.metadata(body, "metadata", "");
        String locale = in.oneOf(body, "locale", "", false, "en", "ja");
        in.errors.throwIfAny();
        long now = clock.now();
        synchronized (m) {
            TokenRecord token = new TokenRecord(m.test, now, reference, metadata);
            m.tokens.add(token);
            merchants.register(token.id, m);
            CheckoutSessionRecord session = new CheckoutSessionRecord(m.test, now, rootUrl, successUrl, cancelUrl,
                    FrozenJson.of(customerInfo), metadata, reference, description, locale, null, token);
            m.sessions.add(session);
            merchants.register(session.id, m);
            m.emit("token.created", JsonViews.token(token), now);
            return ApiResponse.ok(JsonViews.checkoutSession(session, true));
        }
    }

    private OrderRecord newOrder(Merchant m, OrderDraft draft, long now) {
        OrderRecord order = new OrderRecord(m.test, now, draft);
        for (OrderDraft.Item item : draft.items) {
            order.lineItems.add(new LineItemRecord(m.test, now, item));
        }
        m.orders.add(order);
        merchants.register(order.id, m);
        return order;
    }

    private ApiResponse getCheckoutSession(ApiRequest req, Merchant m, String id) {
        boolean expand = expand(req);
        long now = clock.now();
        synchronized (m) {
            CheckoutSessionRecord session = m.sessions.get(id);
            if (session == null) {
                throw ApiException.notFound("checkout-session.not-found", id);
            }
            if (session.order != null) {
                OrderLifecycle.expireIfDue(m, session.order, now);
            }
            return ApiResponse.ok(JsonViews.checkoutSession(session, expand));
        }
    }

    private ApiResponse listCheckoutSessions(ApiRequest req, Merchant m) {
        boolean expand = expand(req);
        long now = clock.now();
        return listPage(req, m, m.sessions, session -> {
            if (session.order != null) {
                OrderLifecycle.expireIfDue(m, session.order, now);
            }
            return JsonViews.checkoutSession(session, expand);
        });
    }

    /** One page of a merchant's objects as a Collection, rendered under the merchant's lock. */
    static <T extends StoredObject> ApiResponse listPage(ApiRequest req, Merchant m, ObjectTable<T> table, Function<T, JsonNode> view) {
        int max = maxResults(req);
        String token = pageToken(req);
        synchronized (m) {
            ObjectTable.Slice<T> slice = table.page(max, token);
            ArrayNode data = JsonNodeFactory.instance.arrayNode();
            for (T item : slice.items) {
                data.add(view.apply(item));
            }
            return ApiResponse.ok(JsonViews.collection(slice, data));
        }
    }

    /** POST /orders: an order charged to an active payment token; authorized at once. */
    private ApiResponse createTokenOrder(ApiRequest req, Merchant m) {
        ObjectNode body = req.jsonObject();
        FieldErrors errors = new FieldErrors();
        PayloadReader in = new PayloadReader(errors);
        String tokenId = in.string(body, "token", "", true, 0);
        OrderDraft draft = CheckoutPayload.readOrder(body, in);
        errors.throwIfAny();
        long now = clock.now();
        synchronized (m) {
            TokenRecord token = m.tokens.get(tokenId);
            if (token == null) {
                throw ApiException.notFound("token.not-found", tokenId);
            }
            if (!TokenRecord.ACTIVE.equals(token.status)) {
                throw new ApiException(400, "token.invalid", "Token " + tokenId + " is " + token.status
                        + "; only an active token can pay");
            }
            OrderRecord order = newOrder(m, draft, now);
            order.tokenId = token.id;
            m.emit("token.used", JsonViews.token(token), now);
            OrderLifecycle.approve(m, order, now);
            return ApiResponse.ok(JsonViews.order(order, true));
        }
    }

    static OrderRecord order(Merchant m, String id, long now) {
        OrderRecord order = m.orders.get(id);
        if (order == null) {
            throw ApiException.notFound("order.not-found", id);
        }
        OrderLifecycle.expireIfDue(m, order, now);
        return order;
    }

    private ApiResponse getOrder(ApiRequest req, Merchant m, String id) {
        boolean expand = expand(req);
        long now = clock.now();
        synchronized (m) {
            return ApiResponse.ok(JsonViews.order(order(m, id, now), expand));
        }
    }

    private ApiResponse listOrders(ApiRequest req, Merchant m) {
        boolean expand = expand(req);
        long now = clock.now();
        return listPage(req, m, m.orders, order -> {
            OrderLifecycle.expireIfDue(m, order, now);
            return JsonViews.order(order, expand);
        });
    }

    private ApiResponse cancelOrder(ApiRequest req, Merchant m, String id) {
        req.json(); // a body is not expected, but undecodable JSON is still request.malformed
        long now = clock.now();
        synchronized (m) {
            OrderRecord order = order(m, id, now);
            OrderLifecycle.cancel(m, order, now);
            return ApiResponse.ok(JsonViews.order(order, false));
        }
    }
}
