package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.databind.JavaType;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.Function;

/**
 * Smartpay merchant API client (Apache HttpClient 5, pooled keep-alive connections, Jackson). Thread-safe:
 * build one per secret key and share it; {@link #close()} releases the connection pool.
 *
 * <p>Every POST/PUT/PATCH/DELETE carries an {@code Idempotency-Key}: the caller's ({@link RequestOptions}) or a
 * random UUID, reused on every automatic retry, so a capture retried after a dropped connection is applied
 * once. Failures are {@link SmartpayException}s. The secret key never appears in toString(), logs or messages.
 */
public class SmartpayClient implements Closeable {

    /** Sent as {@code sdk-version} (Smartpay's SDKs identify themselves with {@code dev-lang}/{@code sdk-version}). */
    public static final String VERSION = "0.1.0";
    public static final String DEFAULT_BASE_URL = "https://api.smartpay.co/v1";

    private static final JavaType CHECKOUT_SESSION = SmartpayJson.mapper().constructType(CheckoutSession.class);
    private static final JavaType ORDER = SmartpayJson.mapper().constructType(Order.class);
    private static final JavaType PAYMENT = SmartpayJson.mapper().constructType(Payment.class);
    private static final JavaType REFUND = SmartpayJson.mapper().constructType(Refund.class);
    private static final JavaType WEBHOOK_ENDPOINT = SmartpayJson.mapper().constructType(WebhookEndpoint.class);
    private static final JavaType CHECKOUT_SESSION_PAGE = SmartpayJson.pageOf(CheckoutSession.class);
    private static final JavaType ORDER_PAGE = SmartpayJson.pageOf(Order.class);
    private static final JavaType PAYMENT_PAGE = SmartpayJson.pageOf(Payment.class);
    private static final JavaType REFUND_PAGE = SmartpayJson.pageOf(Refund.class);
    private static final JavaType WEBHOOK_ENDPOINT_PAGE = SmartpayJson.pageOf(WebhookEndpoint.class);
    private static final JavaType TOKEN = SmartpayJson.mapper().constructType(Token.class);
    private static final JavaType TOKEN_PAGE = SmartpayJson.pageOf(Token.class);
    private static final JavaType COUPON = SmartpayJson.mapper().constructType(Coupon.class);
    private static final JavaType COUPON_PAGE = SmartpayJson.pageOf(Coupon.class);
    private static final JavaType PROMOTION_CODE = SmartpayJson.mapper().constructType(PromotionCode.class);
    private static final JavaType PROMOTION_CODE_PAGE = SmartpayJson.pageOf(PromotionCode.class);

    private final SmartpayMode mode;
    private final String maskedKey;
    private final String baseUrl;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final RetryPolicy retryPolicy;
    private final int maxConnections;
    private final SmartpayTransport transport;

    protected SmartpayClient(SmartpayClientBuilder builder) {
        String key = SecretKeys.validateSecretKey(builder.secretKey());
        this.mode = SecretKeys.modeOf(key);
        this.maskedKey = SecretKeys.mask(key);
        this.baseUrl = SmartpayTransport.normaliseBaseUrl(builder.baseUrl());
        this.connectTimeout = builder.connectTimeout();
        this.readTimeout = builder.readTimeout();
        this.retryPolicy = builder.retryPolicy();
        this.maxConnections = builder.maxConnections();
        String sdkQuery = builder.identifySdk() ? "dev-lang=java&sdk-version=" + VERSION : null;
        this.transport = new SmartpayTransport(key, baseUrl, connectTimeout, readTimeout, retryPolicy, maxConnections, sdkQuery);
    }

    public static SmartpayClientBuilder builder() {
        return new SmartpayClientBuilder();
    }

    /** TEST or LIVE, from the key prefix. */
    public SmartpayMode mode() {
        return mode;
    }

    public boolean isLive() {
        return mode == SmartpayMode.LIVE;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    // ---------------------------------------------------------------- checkout sessions

    /** {@code POST /checkout-sessions}; the answer has the order expanded. */
    public CheckoutSession createCheckoutSession(CheckoutSessionCreateParams params, RequestOptions options) {
        requireParams(params);
        return transport.execute("POST", "/checkout-sessions", null, params, options, CHECKOUT_SESSION);
    }

    /**
     * {@code POST /checkout-sessions} in token mode: the shopper approves a payment token ({@link CheckoutSession#token()},
     * expanded in the answer) that {@link #createOrder} charges later.
     */
    public CheckoutSession createCheckoutSession(TokenCheckoutSessionCreateParams params, RequestOptions options) {
        requireParams(params);
        return transport.execute("POST", "/checkout-sessions", null, params, options, CHECKOUT_SESSION);
    }

    public CheckoutSession getCheckoutSession(String id, Expand expand) {
        return transport.execute("GET", "/checkout-sessions/" + segment("checkoutSessionId", id), expandQuery(expand),
                null, null, CHECKOUT_SESSION);
    }

    public Page<CheckoutSession> listCheckoutSessions(ListParams params) {
        return transport.execute("GET", "/checkout-sessions", listQuery(params, true), null, null, CHECKOUT_SESSION_PAGE);
    }

    /** Every checkout session, page by page (lazily, as the iteration goes). */
    public Iterable<CheckoutSession> listAllCheckoutSessions(ListParams params) {
        return allPages(params, this::listCheckoutSessions);
    }

    // ---------------------------------------------------------------- orders

    /** {@code POST /orders}: an order charged to an active payment token, authorized at once (answer expanded). */
    public Order createOrder(OrderCreateParams params, RequestOptions options) {
        requireParams(params);
        return transport.execute("POST", "/orders", null, params, options, ORDER);
    }

    public Order getOrder(String id, Expand expand) {
        return transport.execute("GET", "/orders/" + segment("orderId", id), expandQuery(expand), null, null, ORDER);
    }

    public Page<Order> listOrders(ListParams params) {
        return transport.execute("GET", "/orders", listQuery(params, true), null, null, ORDER_PAGE);
    }

    public Iterable<Order> listAllOrders(ListParams params) {
        return allPages(params, this::listOrders);
    }

    /** {@code PUT /orders/{id}/cancellation}: releases what is not captured; 409 {@code order.cannot-cancel} otherwise. */
    public Order cancelOrder(String orderId, RequestOptions options) {
        return transport.execute("PUT", "/orders/" + segment("orderId", orderId) + "/cancellation", null, null, options, ORDER);
    }

    // ---------------------------------------------------------------- payments (captures)

    /** {@code POST /payments}: captures {@code amount} of the order. */
    public Payment createPayment(PaymentCreateParams params, RequestOptions options) {
        requireParams(params);
        return transport.execute("POST", "/payments", null, params, options, PAYMENT);
    }

    public Payment getPayment(String id, Expand expand) {
        return transport.execute("GET", "/payments/" + segment("paymentId", id), expandQuery(expand), null, null, PAYMENT);
    }

    public Payment updatePayment(String id, ObjectUpdateParams params, RequestOptions options) {
        requireParams(params);
        return transport.execute("PATCH", "/payments/" + segment("paymentId", id), null, params, options, PAYMENT);
    }

    public Page<Payment> listPayments(ListParams params) {
        return transport.execute("GET", "/payments", listQuery(params, true), null, null, PAYMENT_PAGE);
    }

    public Iterable<Payment> listAllPayments(ListParams params) {
        return allPages(params, this::listPayments);
    }

    // ---------------------------------------------------------------- refunds

    public Refund createRefund(RefundCreateParams params, RequestOptions options) {
        requireParams(params);
        return transport.execute("POST", "/refunds", null, params, options, REFUND);
    }

    public Refund getRefund(String id, Expand expand) {
        return transport.execute("GET", "/refunds/" + segment("refundId", id), expandQuery(expand), null, null, REFUND);
    }

    public Refund updateRefund(String id, ObjectUpdateParams params, RequestOptions options) {
        requireParams(params);
        return transport.execute("PATCH", "/refunds/" + segment("refundId", id), null, params, options, REFUND);
    }

    public Page<Refund> listRefunds(ListParams params) {
        return transport.execute("GET", "/refunds", listQuery(params, true), null, null, REFUND_PAGE);
    }

    public Iterable<Refund> listAllRefunds(ListParams params) {
        return allPages(params, this::listRefunds);
    }

    // ---------------------------------------------------------------- webhook endpoints

    /** The answer carries {@link WebhookEndpoint#signingSecret()}: store it as a secret. */
    public WebhookEndpoint createWebhookEndpoint(WebhookEndpointCreateParams params, RequestOptions options) {
        requireParams(params);
        return transport.execute("POST", "/webhook-endpoints", null, params, options, WEBHOOK_ENDPOINT);
    }

    public WebhookEndpoint getWebhookEndpoint(String id) {
        return transport.execute("GET", "/webhook-endpoints/" + segment("webhookEndpointId", id), null, null, null,
                WEBHOOK_ENDPOINT);
    }

    public WebhookEndpoint updateWebhookEndpoint(String id, WebhookEndpointUpdateParams params, RequestOptions options) {
        requireParams(params);
        return transport.execute("PATCH", "/webhook-endpoints/" + segment("webhookEndpointId", id), null, params, options,
                WEBHOOK_ENDPOINT);
    }

    /** {@code DELETE /webhook-endpoints/{id}} (204, empty body). */
    public void deleteWebhookEndpoint(String id, RequestOptions options) {
        transport.execute("DELETE", "/webhook-endpoints/" + segment("webhookEndpointId", id), null, null, options, null);
    }

    /** Webhook endpoint lists take only maxResults and pageToken (any expand is not sent). */
    public Page<WebhookEndpoint> listWebhookEndpoints(ListParams params) {
        return transport.execute("GET", "/webhook-endpoints", listQuery(params, false), null, null, WEBHOOK_ENDPOINT_PAGE);
    }

    public Iterable<WebhookEndpoint> listAllWebhookEndpoints(ListParams params) {
        return allPages(params, this::listWebhookEndpoints);
    }

    // ---------------------------------------------------------------- payment tokens

    public Token getToken(String id) {
        return transport.execute("GET", "/tokens/" + segment("tokenId", id), null, null, null, TOKEN);
    }

    /** Token lists take only maxResults and pageToken (any expand is not sent). */
    public Page<Token> listTokens(ListParams params) {
        return transport.execute("GET", "/tokens", listQuery(params, false), null, null, TOKEN_PAGE);
    }

    public Iterable<Token> listAllTokens(ListParams params) {
        return allPages(params, this::listTokens);
    }

    /** {@code PUT /tokens/{id}/enable}: disabled becomes active (200, empty body). */
    public void enableToken(String id, RequestOptions options) {
        transport.execute("PUT", "/tokens/" + segment("tokenId", id) + "/enable", null, null, options, null);
    }

    /** {@code PUT /tokens/{id}/disable}: active becomes disabled; orders can no longer charge it (200, empty body). */
    public void disableToken(String id, RequestOptions options) {
        transport.execute("PUT", "/tokens/" + segment("tokenId", id) + "/disable", null, null, options, null);
    }

    /** {@code DELETE /tokens/{id}} (204, empty body); the token is then {@code deleted} for good. */
    public void deleteToken(String id, RequestOptions options) {
        transport.execute("DELETE", "/tokens/" + segment("tokenId", id), null, null, options, null);
    }

    // ---------------------------------------------------------------- coupons and promotion codes

    public Coupon createCoupon(CouponCreateParams params, RequestOptions options) {
        requireParams(params);
        return transport.execute("POST", "/coupons", null, params, options, COUPON);
    }

    public Coupon getCoupon(String id) {
        return transport.execute("GET", "/coupons/" + segment("couponId", id), null, null, null, COUPON);
    }

    public Coupon updateCoupon(String id, CouponUpdateParams params, RequestOptions options) {
        requireParams(params);
        return transport.execute("PATCH", "/coupons/" + segment("couponId", id), null, params, options, COUPON);
    }

    /** Coupon lists take only maxResults and pageToken. */
    public Page<Coupon> listCoupons(ListParams params) {
        return transport.execute("GET", "/coupons", listQuery(params, false), null, null, COUPON_PAGE);
    }

    public Iterable<Coupon> listAllCoupons(ListParams params) {
        return allPages(params, this::listCoupons);
    }

    public PromotionCode createPromotionCode(PromotionCodeCreateParams params, RequestOptions options) {
        requireParams(params);
        return transport.execute("POST", "/promotion-codes", null, params, options, PROMOTION_CODE);
    }

    public PromotionCode getPromotionCode(String id) {
        return transport.execute("GET", "/promotion-codes/" + segment("promotionCodeId", id), null, null, null,
                PROMOTION_CODE);
    }

    public PromotionCode updatePromotionCode(String id, PromotionCodeUpdateParams params, RequestOptions options) {
        requireParams(params);
        return transport.execute("PATCH", "/promotion-codes/" + segment("promotionCodeId", id), null, params, options,
                PROMOTION_CODE);
    }

    /** Promotion code lists take only maxResults and pageToken. */
    public Page<PromotionCode> listPromotionCodes(ListParams params) {
        return transport.execute("GET", "/promotion-codes", listQuery(params, false), null, null, PROMOTION_CODE_PAGE);
    }

    public Iterable<PromotionCode> listAllPromotionCodes(ListParams params) {
        return allPages(params, this::listPromotionCodes);
    }

    // ---------------------------------------------------------------- plumbing

    private static void requireParams(Object params) {
        if (params == null) {
            throw new IllegalArgumentException("params are required");
        }
    }

    private static String segment(String name, String id) {
        return SmartpayTransport.encodePathSegment(name, id);
    }

    private static String expandQuery(Expand expand) {
        return expand == Expand.ALL ? "expand=all" : null;
    }

    private static String listQuery(ListParams params, boolean expandable) {
        return (params == null ? ListParams.defaults() : params).toQuery(expandable);
    }

    private static <T> Iterable<T> allPages(ListParams params, Function<ListParams, Page<T>> fetch) {
        return PagingIterator.allPages(params, fetch);
    }

    @Override
    public void close() {
        try {
            transport.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "SmartpayClient{mode=" + mode + ", baseUrl=" + baseUrl + ", secretKey=" + maskedKey
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", maxConnections=" + maxConnections + ", retryPolicy=" + retryPolicy + "}";
    }
}
