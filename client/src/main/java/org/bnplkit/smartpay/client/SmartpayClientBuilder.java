package org.bnplkit.smartpay.client;

import java.time.Duration;

/** Options for {@link SmartpayClient}: {@code SmartpayClient.builder().secretKey(…)….build()}. */
public class SmartpayClientBuilder {

    private String secretKey;
    private String baseUrl = SmartpayClient.DEFAULT_BASE_URL;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private int maxConnections = 50;
    private boolean identifySdk = true;

    protected SmartpayClientBuilder() {
    }

    /** Required: {@code sk_test_...} or {@code sk_live_...}. */
    public SmartpayClientBuilder secretKey(String secretKey) {
        this.secretKey = secretKey;
        return this;
    }

    /** Default {@value SmartpayClient#DEFAULT_BASE_URL}; the sandbox's is {@code http://127.0.0.1:<port>/v1}. */
    public SmartpayClientBuilder baseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
        return this;
    }

    public SmartpayClientBuilder connectTimeout(Duration connectTimeout) {
        this.connectTimeout = positive(connectTimeout, "connectTimeout");
        return this;
    }

    /** How long to wait for (each part of) an answer. */
    public SmartpayClientBuilder readTimeout(Duration readTimeout) {
        this.readTimeout = positive(readTimeout, "readTimeout");
        return this;
    }

    public SmartpayClientBuilder retryPolicy(RetryPolicy retryPolicy) {
        if (retryPolicy == null) {
            throw new IllegalArgumentException("retryPolicy is required (RetryPolicy.none() disables retries)");
        }
        this.retryPolicy = retryPolicy;
        return this;
    }

    /** Pool size (total and per route; there is one route). */
    public SmartpayClientBuilder maxConnections(int maxConnections) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1");
        }
        this.maxConnections = maxConnections;
        return this;
    }

    /** Whether to add {@code dev-lang=java&sdk-version=...} to every URL, as Smartpay's SDKs do (default true). */
    public SmartpayClientBuilder identifySdk(boolean identifySdk) {
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
        return "SmartpayClientBuilder{baseUrl=" + baseUrl + ", secretKey=" + (secretKey == null ? "unset" : "****") + "}";
    }

    // read by SmartpayClient's constructor
    String secretKey() {
        return secretKey;
    }

    String baseUrl() {
        return baseUrl;
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    Duration readTimeout() {
        return readTimeout;
    }

    RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    int maxConnections() {
        return maxConnections;
    }

    boolean identifySdk() {
        return identifySdk;
    }
}
