package org.bnplkit.smartpay.sandbox;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
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

    static final List<String> EVENT_TYPES = Collections.unmodifiableList(Arrays.asList(
            "order.authorized", "order.rejected", "order.canceled", "payment.created", "refund.created",
            "token.created", "token.approved", "token.rejected", "token.deleted", "token.disabled",
            "token.enabled", "token.used", "coupon.created", "coupon.updated", "promotion_code.created",
            "promotion_code.updated", "merchant_user.created", "merchant_user.password_reset",
            "payout.generated", "payout.paid"));

    private final SandboxClock clock;
    private final Merchants merchants;
    private final String rootUrl;

    MerchantApi(SandboxClock clock, Merchants merchants, String rootUrl) {
        this.clock = clock;
        this.merchants = merchants;
        this.rootUrl = rootUrl;
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
                    return dispatch(req, "GET".equals(method) ? listPayments(req, m)
                            : "POST".equals(method) ? createPayment(req, m) : null, "GET, POST");
                }
                if (depth == 3) {
                    return dispatch(req, "GET".equals(method) ? getPayment(req, m, id)
                            : "PATCH".equals(method) ? updatePayment(req, m, id) : null, "GET, PATCH");
                }
                break;
            case "refunds":
                if (depth == 2) {
                    return dispatch(req, "GET".equals(method) ? listRefunds(req, m)
                            : "POST".equals(method) ? createRefund(req, m) : null, "GET, POST");
                }
                if (depth == 3) {
                    return dispatch(req, "GET".equals(method) ? getRefund(req, m, id)
                            : "PATCH".equals(method) ? updateRefund(req, m, id) : null, "GET, PATCH");
                }
                break;
            case "webhook-endpoints":
                if (depth == 2) {
                    return dispatch(req, "GET".equals(method) ? listWebhookEndpoints(req, m)
                            : "POST".equals(method) ? createWebhookEndpoint(req, m) : null, "GET, POST");
                }
                if (depth == 3) {
                    return dispatch(req, "GET".equals(method) ? getWebhookEndpoint(m, id)
                            : "PATCH".equals(method) ? updateWebhookEndpoint(req, m, id)
                            : "DELETE".equals(method) ? deleteWebhookEndpoint(m, id) : null, "GET, PATCH, DELETE");
                }
                break;
            case "coupons":
                if (depth == 2) {
                    return dispatch(req, "GET".equals(method) ? listCoupons(req, m)
                            : "POST".equals(method) ? createCoupon(req, m) : null, "GET, POST");
                }
                if (depth == 3) {
                    return dispatch(req, "GET".equals(method) ? getCoupon(m, id)
                            : "PATCH".equals(method) ? updateCoupon(req, m, id) : null, "GET, PATCH");
                }
                break;
            case "promotion-codes":
                if (depth == 2) {
                    return dispatch(req, "GET".equals(method) ? listPromotionCodes(req, m)
                            : "POST".equals(method) ? createPromotionCode(req, m) : null, "GET, POST");
                }
                if (depth == 3) {
                    return dispatch(req, "GET".equals(method) ? getPromotionCode(m, id)
                            : "PATCH".equals(method) ? updatePromotionCode(req, m, id) : null, "GET, PATCH");
                }
                break;
            case "tokens":
                if (depth == 2) {
                    return dispatch(req, "GET".equals(method) ? listTokens(req, m) : null, "GET");
                }
                if (depth == 3) {
                    return dispatch(req, "GET".equals(method) ? getToken(m, id)
                            : "DELETE".equals(method) ? deleteToken(m, id) : null, "GET, DELETE");
                }
                if ("enable".equals(action) || "disable".equals(action)) {
                    return dispatch(req, "PUT".equals(method) ? setTokenEnabled(m, id, "enable".equals(action))
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
    private <T extends StoredObject> ApiResponse listPage(ApiRequest req, Merchant m, ObjectTable<T> table, Function<T, JsonNode> view) {
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

    private OrderRecord order(Merchant m, String id, long now) {
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

    // ---------------------------------------------------------------- payments and refunds

    private ApiResponse createPayment(ApiRequest req, Merchant m) {
        ObjectNode body = req.jsonObject();
        FieldErrors errors = new FieldErrors();
        PayloadReader in = new PayloadReader(errors);
        String orderId = in.string(body, "order", "", true, 0);
        // "required ≥ 0" (reference/create-payment): 0 captures nothing; with cancelRemainder=automatic it closes
        // the order and releases everything (the SDKs refuse 0 on their side, the API does not)
        Long amount = in.integer(body, "amount", "", true, 0, PayloadReader.UINT32_MAX);
        String currency = in.currency(body, "currency", "", true);
        String cancelRemainder = in.oneOf(body, "cancelRemainder", "", false, OrderRecord.AUTOMATIC, OrderRecord.MANUAL);
        List<String> lineItems = in.stringList(body, "lineItems", "", 0);
        String reference = in.string(body, "reference", "", false, 40);
        String description = in.string(body, "description", "", false, 80);
        ObjectNode metadata = in.metadata(body, "metadata", "");
        errors.throwIfAny();
        long now = clock.now();
        synchronized (m) {
            OrderRecord order = order(m, orderId, now);
            PaymentRecord payment = OrderLifecycle.capture(m, order, amount, currency,
                    !OrderRecord.MANUAL.equals(cancelRemainder), lineItems, reference, description, metadata, now);
            return ApiResponse.ok(JsonViews.payment(payment, false));
        }
    }

    private PaymentRecord payment(Merchant m, String id) {
        PaymentRecord payment = m.payments.get(id);
        if (payment == null) {
            throw ApiException.notFound("payment.not-found", id);
        }
        return payment;
    }

    private ApiResponse getPayment(ApiRequest req, Merchant m, String id) {
        boolean expand = expand(req);
        synchronized (m) {
            return ApiResponse.ok(JsonViews.payment(payment(m, id), expand));
        }
    }

    private ApiResponse listPayments(ApiRequest req, Merchant m) {
        boolean expand = expand(req);
        return listPage(req, m, m.payments, payment -> JsonViews.payment(payment, expand));
    }

    private ApiResponse updatePayment(ApiRequest req, Merchant m, String id) {
        ObjectPatch patch = ObjectPatch.read(req);
        synchronized (m) {
            PaymentRecord payment = payment(m, id);
            patch.applyTo(payment, clock.now());
            return ApiResponse.ok(JsonViews.payment(payment, false));
        }
    }

    private ApiResponse createRefund(ApiRequest req, Merchant m) {
        ObjectNode body = req.jsonObject();
        FieldErrors errors = new FieldErrors();
        PayloadReader in = new PayloadReader(errors);
        String paymentId = in.string(body, "payment", "", true, 0);
        Long amount = in.integer(body, "amount", "", true, 1, PayloadReader.UINT32_MAX);
        String currency = in.currency(body, "currency", "", true);
        String reason = in.oneOf(body, "reason", "", true, "requested_by_customer", "fraudulent");
        List<String> lineItems = in.stringList(body, "lineItems", "", 0);
        String reference = in.string(body, "reference", "", false, 40);
        String description = in.string(body, "description", "", false, 80);
        ObjectNode metadata = in.metadata(body, "metadata", "");
        errors.throwIfAny();
        long now = clock.now();
        synchronized (m) {
            PaymentRecord payment = payment(m, paymentId);
            RefundRecord refund = OrderLifecycle.refund(m, payment, amount, currency, reason, lineItems, reference,
                    description, metadata, now);
            return ApiResponse.ok(JsonViews.refund(refund, false));
        }
    }

    private RefundRecord refund(Merchant m, String id) {
        RefundRecord refund = m.refunds.get(id);
        if (refund == null) {
            throw ApiException.notFound("refund.not-found", id);
        }
        return refund;
    }

    private ApiResponse getRefund(ApiRequest req, Merchant m, String id) {
        boolean expand = expand(req);
        synchronized (m) {
            return ApiResponse.ok(JsonViews.refund(refund(m, id), expand));
        }
    }

    private ApiResponse listRefunds(ApiRequest req, Merchant m) {
        boolean expand = expand(req);
        return listPage(req, m, m.refunds, refund -> JsonViews.refund(refund, expand));
    }

    private ApiResponse updateRefund(ApiRequest req, Merchant m, String id) {
        ObjectPatch patch = ObjectPatch.read(req);
        synchronized (m) {
            RefundRecord refund = refund(m, id);
            patch.applyTo(refund, clock.now());
            return ApiResponse.ok(JsonViews.refund(refund, false));
        }
    }

    /** PATCH of a payment or refund: given fields replace the old values (metadata as a whole). */
    private static final class ObjectPatch {
        private final String reference;
        private final String description;
        private final ObjectNode metadata;

        private ObjectPatch(String reference, String description, ObjectNode metadata) {
            this.reference = reference;
            this.description = description;
            this.metadata = metadata;
        }

        static ObjectPatch read(ApiRequest req) {
            ObjectNode body = req.jsonObject();
            FieldErrors errors = new FieldErrors();
            PayloadReader in = new PayloadReader(errors);
            String reference = in.string(body, "reference", "", false, 40);
            String description = in.string(body, "description", "", false, 80);
            ObjectNode metadata = in.present(body, "metadata") ? in.metadata(body, "metadata", "") : null;
            errors.throwIfAny();
            return new ObjectPatch(reference, description, metadata);
        }

        void applyTo(MoneyMovementRecord record, long now) {
            if (reference != null) {
                record.reference = reference;
            }
            if (description != null) {
                record.description = description;
            }
            if (metadata != null) {
                record.metadata = metadata;
            }
            record.updatedAt = now;
        }
    }

    // ---------------------------------------------------------------- webhook endpoints

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

    private ApiResponse createWebhookEndpoint(ApiRequest req, Merchant m) {
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

    private ApiResponse getWebhookEndpoint(Merchant m, String id) {
        synchronized (m) {
            return ApiResponse.ok(JsonViews.webhookEndpoint(webhookEndpoint(m, id)));
        }
    }

    private ApiResponse updateWebhookEndpoint(ApiRequest req, Merchant m, String id) {
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

    private ApiResponse deleteWebhookEndpoint(Merchant m, String id) {
        synchronized (m) {
            WebhookEndpointRecord endpoint = webhookEndpoint(m, id);
            endpoint.deleted = true;
            endpoint.updatedAt = clock.now();
            return ApiResponse.noContent();
        }
    }

    private ApiResponse listWebhookEndpoints(ApiRequest req, Merchant m) {
        return listPage(req, m, m.webhookEndpoints, endpoint -> JsonViews.webhookEndpoint(endpoint));
    }

    // ---------------------------------------------------------------- coupons and promotion codes

    private ApiResponse createCoupon(ApiRequest req, Merchant m) {
        ObjectNode body = req.jsonObject();
        FieldErrors errors = new FieldErrors();
        PayloadReader in = new PayloadReader(errors);
        String name = in.string(body, "name", "", true, 0);
        String type = in.oneOf(body, "discountType", "", true, CouponRecord.AMOUNT, CouponRecord.PERCENTAGE);
        Long amount = null;
        Long percentage = null;
        String currency = null;
        if (CouponRecord.AMOUNT.equals(type)) {
            amount = in.integer(body, "discountAmount", "", true, 1, PayloadReader.UINT32_MAX);
            currency = in.currency(body, "currency", "", true);
        } else if (CouponRecord.PERCENTAGE.equals(type)) {
            percentage = in.integer(body, "discountPercentage", "", true, 1, 100);
        }
        Long expiresAt = in.integer(body, "expiresAt", "", false, 0, Long.MAX_VALUE);
        Long maxRedemptions = in.integer(body, "maxRedemptionCount", "", false, 1, PayloadReader.UINT32_MAX);
        ObjectNode metadata = in.metadata(body, "metadata", "");
        errors.throwIfAny();
        long now = clock.now();
        synchronized (m) {
            CouponRecord coupon = new CouponRecord(m.test, now, name, type, amount, percentage, currency, expiresAt,
                    maxRedemptions, metadata);
            m.coupons.add(coupon);
            m.emit("coupon.created", JsonViews.coupon(coupon), now);
            return ApiResponse.ok(JsonViews.coupon(coupon));
        }
    }

    private CouponRecord coupon(Merchant m, String id) {
        CouponRecord coupon = m.coupons.get(id);
        if (coupon == null) {
            throw ApiException.notFound("coupon.not-found", id);
        }
        return coupon;
    }

    private ApiResponse getCoupon(Merchant m, String id) {
        synchronized (m) {
            return ApiResponse.ok(JsonViews.coupon(coupon(m, id)));
        }
    }

    private ApiResponse updateCoupon(ApiRequest req, Merchant m, String id) {
        ObjectNode body = req.jsonObject();
        FieldErrors errors = new FieldErrors();
        PayloadReader in = new PayloadReader(errors);
        String name = in.string(body, "name", "", false, 0);
        Boolean active = in.bool(body, "active", "");
        ObjectNode metadata = in.present(body, "metadata") ? in.metadata(body, "metadata", "") : null;
        errors.throwIfAny();
        long now = clock.now();
        synchronized (m) {
            CouponRecord coupon = coupon(m, id);
            if (name != null) {
                coupon.name = name;
            }
            if (active != null) {
                coupon.active = active;
            }
            if (metadata != null) {
                coupon.metadata = metadata;
            }
            coupon.updatedAt = now;
            m.emit("coupon.updated", JsonViews.coupon(coupon), now);
            return ApiResponse.ok(JsonViews.coupon(coupon));
        }
    }

    private ApiResponse listCoupons(ApiRequest req, Merchant m) {
        return listPage(req, m, m.coupons, coupon -> JsonViews.coupon(coupon));
    }

    private ApiResponse createPromotionCode(ApiRequest req, Merchant m) {
        ObjectNode body = req.jsonObject();
        FieldErrors errors = new FieldErrors();
        PayloadReader in = new PayloadReader(errors);
        String couponId = in.string(body, "coupon", "", true, 0);
        String code = in.string(body, "code", "", true, 0);
        Boolean active = in.bool(body, "active", "");
        String currency = in.currency(body, "currency", "", false);
        Long expiresAt = in.integer(body, "expiresAt", "", false, 0, Long.MAX_VALUE);
        Boolean firstTime = in.bool(body, "firstTimeTransaction", "");
        Long maxRedemptions = in.integer(body, "maxRedemptionCount", "", false, 1, PayloadReader.UINT32_MAX);
        Long minimumAmount = in.integer(body, "minimumAmount", "", false, 0, PayloadReader.UINT32_MAX);
        Boolean onePerCustomer = in.bool(body, "onePerCustomer", "");
        ObjectNode metadata = in.metadata(body, "metadata", "");
        errors.throwIfAny();
        long now = clock.now();
        synchronized (m) {
            CouponRecord coupon = coupon(m, couponId);
            for (PromotionCodeRecord existing : m.promotionCodes.all()) {
                if (existing.code.equalsIgnoreCase(code)) {
                    throw new ApiException(409, "promotion-code.exists", "The promotion code " + code
                            + " already exists (codes are unique regardless of case)");
                }
            }
            PromotionCodeRecord promotionCode = new PromotionCodeRecord(m.test, now, coupon, code,
                    active == null || active, currency, expiresAt, Boolean.TRUE.equals(firstTime), maxRedemptions,
                    minimumAmount, Boolean.TRUE.equals(onePerCustomer), metadata);
            m.promotionCodes.add(promotionCode);
            m.emit("promotion_code.created", JsonViews.promotionCode(promotionCode), now);
            return ApiResponse.ok(JsonViews.promotionCode(promotionCode));
        }
    }

    private PromotionCodeRecord promotionCode(Merchant m, String id) {
        PromotionCodeRecord code = m.promotionCodes.get(id);
        if (code == null) {
            throw ApiException.notFound("promotion-code.not-found", id);
        }
        return code;
    }

    private ApiResponse getPromotionCode(Merchant m, String id) {
        synchronized (m) {
            return ApiResponse.ok(JsonViews.promotionCode(promotionCode(m, id)));
        }
    }

    private ApiResponse updatePromotionCode(ApiRequest req, Merchant m, String id) {
        ObjectNode body = req.jsonObject();
        FieldErrors errors = new FieldErrors();
        PayloadReader in = new PayloadReader(errors);
        Boolean active = in.bool(body, "active", "");
        ObjectNode metadata = in.present(body, "metadata") ? in.metadata(body, "metadata", "") : null;
        errors.throwIfAny();
        long now = clock.now();
        synchronized (m) {
            PromotionCodeRecord code = promotionCode(m, id);
            if (active != null) {
                code.active = active;
            }
            if (metadata != null) {
                code.metadata = metadata;
            }
            code.updatedAt = now;
            m.emit("promotion_code.updated", JsonViews.promotionCode(code), now);
            return ApiResponse.ok(JsonViews.promotionCode(code));
        }
    }

    private ApiResponse listPromotionCodes(ApiRequest req, Merchant m) {
        return listPage(req, m, m.promotionCodes, code -> JsonViews.promotionCode(code));
    }

    // ---------------------------------------------------------------- tokens

    private TokenRecord token(Merchant m, String id) {
        TokenRecord token = m.tokens.get(id);
        if (token == null) {
            throw ApiException.notFound("token.not-found", id);
        }
        return token;
    }

    private ApiResponse getToken(Merchant m, String id) {
        synchronized (m) {
            return ApiResponse.ok(JsonViews.token(token(m, id)));
        }
    }

    private ApiResponse listTokens(ApiRequest req, Merchant m) {
        return listPage(req, m, m.tokens, token -> JsonViews.token(token));
    }

    /** enable: disabled -> active; disable: active -> disabled. Still requires_authorization -> token.not-found. */
    private ApiResponse setTokenEnabled(Merchant m, String id, boolean enable) {
        long now = clock.now();
        synchronized (m) {
            TokenRecord token = token(m, id);
            if (TokenRecord.REQUIRES_AUTHORIZATION.equals(token.status)) {
                throw ApiException.notFound("token.not-found", id);
            }
            if (TokenRecord.REJECTED.equals(token.status)) {
                throw new ApiException(400, "token.invalid", "Token " + id + " was rejected");
            }
            String target = enable ? TokenRecord.ACTIVE : TokenRecord.DISABLED;
            if (!target.equals(token.status)) {
                token.status = target;
                token.updatedAt = now;
                m.emit(enable ? "token.enabled" : "token.disabled", JsonViews.token(token), now);
            }
            return ApiResponse.emptyOk();
        }
    }

    private ApiResponse deleteToken(Merchant m, String id) {
        long now = clock.now();
        synchronized (m) {
            TokenRecord token = token(m, id);
            token.status = TokenRecord.DELETED;
            token.updatedAt = now;
            m.emit("token.deleted", JsonViews.token(token), now);
            return ApiResponse.noContent();
        }
    }
}
