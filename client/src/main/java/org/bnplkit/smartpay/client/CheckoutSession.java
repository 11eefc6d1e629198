package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/** A hosted checkout session (or, in token mode, a request for a payment token). Send the shopper to {@link #url()}; the outcome shows in the order's status. The create call returns the order expanded, GET only its id unless expanded. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class CheckoutSession {

    private final String id;
    private final String url;
    private final Expandable<Order> order;
    private final String mode;
    private final Expandable<Token> token;
    private final String reference;
    private final String successUrl;
    private final String cancelUrl;
    private final Map<String, String> metadata;
    private final CustomerInfo customerInfo;
    private final boolean test;
    private final Long createdAt;
    private final Long updatedAt;

    @JsonCreator
    CheckoutSession(
            @JsonProperty("id") String id,
            @JsonProperty("url") String url,
            @JsonProperty("order") Expandable<Order> order,
            @JsonProperty("mode") String mode,
            @JsonProperty("token") Expandable<Token> token,
            @JsonProperty("reference") String reference,
            @JsonProperty("successUrl") String successUrl,
            @JsonProperty("cancelUrl") String cancelUrl,
            @JsonProperty("metadata") Map<String, String> metadata,
            @JsonProperty("customerInfo") CustomerInfo customerInfo,
            @JsonProperty("test") Boolean test,
            @JsonProperty("createdAt") Long createdAt,
            @JsonProperty("updatedAt") Long updatedAt) {
        this.id = id;
        this.url = url;
        this.order = order;
        this.mode = mode;
        this.token = token;
        this.reference = reference;
        this.successUrl = successUrl;
        this.cancelUrl = cancelUrl;
        this.metadata = Copies.mapOrEmpty(metadata);
        this.customerInfo = customerInfo;
        this.test = test != null && test;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    public String id() {
        return id;
    }

    /** Where to redirect the shopper. */
    public String url() {
        return url;
    }

    /**
     * {@link #url()} with {@code promotion-code=<code>} added, so the hosted checkout applies that promotion code
     * (what the SDKs' {@code getSessionUrl(session, {promotionCode})} does). A null or blank code gives {@link #url()}.
     */
    public String url(String promotionCode) {
        if (url == null) {
            throw new IllegalStateException("checkout session " + id + " has no url");
        }
        if (promotionCode == null || promotionCode.trim().isEmpty()) {
            return url;
        }
        try {
            return url + (url.indexOf('?') < 0 ? '?' : '&') + "promotion-code="
                    + java.net.URLEncoder.encode(promotionCode.trim(), "UTF-8");
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The order this session pays; null for a token-mode session. */
    public Expandable<Order> order() {
        return order;
    }

    /** {@code token} for a token-mode session, else null. */
    public String mode() {
        return mode;
    }

    /** The payment token a token-mode session asks the shopper to approve; null otherwise. */
    public Expandable<Token> token() {
        return token;
    }

    public String reference() {
        return reference;
    }

    public String successUrl() {
        return successUrl;
    }

    public String cancelUrl() {
        return cancelUrl;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    public CustomerInfo customerInfo() {
        return customerInfo;
    }

    public boolean test() {
        return test;
    }

    public Long createdAt() {
        return createdAt;
    }

    public Long updatedAt() {
        return updatedAt;
    }

    @Override
    public String toString() {
        return "CheckoutSession{" + "id=" + id + ", " + "url=" + url + ", " + "order=" + order + ", " + (token == null ? "" : "token=" + token.id() + ", ") + "reference=" + reference + ", " + "test=" + test + "}";
    }
}
