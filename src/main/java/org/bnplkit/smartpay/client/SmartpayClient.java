package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.databind.JavaType;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
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

    private final SmartpayMode mode;
    private final String maskedKey;
    private final String baseUrl;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final RetryPolicy retryPolicy;
    private final int maxConnections;
    private final SmartpayTransport transport;

    protected SmartpayClient(Builder builder) {
        String key = SecretKeys.validateSecretKey(builder.secretKey);
        this.mode = SecretKeys.modeOf(key);
        this.maskedKey = SecretKeys.mask(key);
        this.baseUrl = normaliseBaseUrl(builder.baseUrl);
        this.connectTimeout = builder.connectTimeout;
        this.readTimeout = builder.readTimeout;
        this.retryPolicy = builder.retryPolicy;
        this.maxConnections = builder.maxConnections;
        String sdkQuery = builder.identifySdk ? "dev-lang=java&sdk-version=" + VERSION : null;
        this.transport = new SmartpayTransport(key, baseUrl, connectTimeout, readTimeout, retryPolicy, maxConnections, sdkQuery);
    }

    public static Builder builder() {
        return new Builder();
    }

    private static String normaliseBaseUrl(String baseUrl) {
        if (baseUrl == null || baseUrl.trim().isEmpty()) {
            throw new IllegalArgumentException("baseUrl is required");
        }
        String url = baseUrl.trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("baseUrl is not a URL: " + url);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("baseUrl must be an http(s) URL such as " + DEFAULT_BASE_URL + ": " + url);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("baseUrl must not have a query or fragment: " + url);
        }
        return url;
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
        ListParams list = params == null ? ListParams.defaults() : params;
        Map<String, String> query = new LinkedHashMap<String, String>();
        query.put("maxResults", list.maxResults() == null ? null : String.valueOf(list.maxResults()));
        query.put("pageToken", list.pageToken());
        if (expandable && list.expand() != null) {
            query.put("expand", list.expand().wireValue());
        }
        return SmartpayTransport.queryOf(query);
    }

    private static <T> Iterable<T> allPages(final ListParams params, final Function<ListParams, Page<T>> fetch) {
        final ListParams first = params == null ? ListParams.defaults() : params;
        return () -> new PagingIterator<T>(first, fetch);
    }

    /** Walks a collection page by page, fetching the next page only when the current one is used up. */
    private static final class PagingIterator<T> implements Iterator<T> {
        private final ListParams params;
        private final Function<ListParams, Page<T>> fetch;
        private Page<T> page;
        private Iterator<T> items;

        PagingIterator(ListParams params, Function<ListParams, Page<T>> fetch) {
            this.params = params;
            this.fetch = fetch;
        }

        @Override
        public boolean hasNext() {
            if (page == null) {
                load(params);
            }
            while (!items.hasNext() && page.hasMore()) {
                String next = page.nextPageToken();
                String current = page.pageToken() != null ? page.pageToken() : params.pageToken();
                if (next.equals(current)) {
                    throw new IllegalStateException("Smartpay pagination did not advance (nextPageToken repeats the current token)");
                }
                load(params.withPageToken(next));
            }
            return items.hasNext();
        }

        private void load(ListParams pageParams) {
            page = fetch.apply(pageParams);
            items = page.data().iterator();
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return items.next();
        }
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

    public static class Builder {
        private String secretKey;
        private String baseUrl = DEFAULT_BASE_URL;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private int maxConnections = 50;
        private boolean identifySdk = true;

        protected Builder() {
        }

        /** Required: {@code sk_test_...} or {@code sk_live_...}. */
        public Builder secretKey(String secretKey) {
            this.secretKey = secretKey;
            return this;
        }

        /** Default {@value SmartpayClient#DEFAULT_BASE_URL}; the sandbox's is {@code http://127.0.0.1:<port>/v1}. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /** How long to wait for (each part of) an answer. */
        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = positive(readTimeout, "readTimeout");
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            if (retryPolicy == null) {
                throw new IllegalArgumentException("retryPolicy is required (RetryPolicy.none() disables retries)");
            }
            this.retryPolicy = retryPolicy;
            return this;
        }

        /** Pool size (total and per route; there is one route). */
        public Builder maxConnections(int maxConnections) {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1");
            }
            this.maxConnections = maxConnections;
            return this;
        }

        /** Whether to add {@code dev-lang=java&sdk-version=...} to every URL, as Smartpay's SDKs do (default true). */
        public Builder identifySdk(boolean identifySdk) {
            this.identifySdk = identifySdk;
            return this;
        }

        public SmartpayClient build() {
            return new SmartpayClient(this);
        }

        private static Duration positive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive duration");
            }
            return value;
        }

        @Override
        public String toString() {
            return "SmartpayClient.Builder{baseUrl=" + baseUrl + ", secretKey=" + (secretKey == null ? "unset" : "****") + "}";
        }
    }
}
