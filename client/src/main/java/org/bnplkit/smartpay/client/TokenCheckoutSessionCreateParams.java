package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Body of {@code POST /checkout-sessions} in token mode ({@code mode: "token"}): the shopper approves a payment
 * token instead of paying an order; {@link SmartpayClient#createOrder} charges the token later.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class TokenCheckoutSessionCreateParams {

    @SuppressWarnings("unused") // serialised: it is what makes this a token-mode session
    private final String mode = "token";
    private final String successUrl;
    private final String cancelUrl;
    private final CustomerInfo customerInfo;
    private final String reference;
    private final String description;
    private final String locale;
    private final Map<String, String> metadata;

    private TokenCheckoutSessionCreateParams(Builder builder) {
        this.successUrl = builder.successUrl;
        this.cancelUrl = builder.cancelUrl;
        this.customerInfo = builder.customerInfo;
        this.reference = builder.reference;
        this.description = builder.description;
        this.locale = builder.locale;
        this.metadata = Copies.map(builder.metadata);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return builder().successUrl(successUrl).cancelUrl(cancelUrl).customerInfo(customerInfo).reference(reference)
                .description(description).locale(locale).metadata(metadata);
    }

    public String successUrl() {
        return successUrl;
    }

    public String cancelUrl() {
        return cancelUrl;
    }

    public CustomerInfo customerInfo() {
        return customerInfo;
    }

    /** 1..40 characters; Smartpay copies it to the token. */
    public String reference() {
        return reference;
    }

    public String description() {
        return description;
    }

    public String locale() {
        return locale;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof TokenCheckoutSessionCreateParams)) {
            return false;
        }
        TokenCheckoutSessionCreateParams that = (TokenCheckoutSessionCreateParams) other;
        return Objects.equals(successUrl, that.successUrl) && Objects.equals(cancelUrl, that.cancelUrl)
                && Objects.equals(customerInfo, that.customerInfo) && Objects.equals(reference, that.reference)
                && Objects.equals(description, that.description) && Objects.equals(locale, that.locale)
                && Objects.equals(metadata, that.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(successUrl, cancelUrl, customerInfo, reference, description, locale, metadata);
    }

    @Override
    public String toString() {
        return "TokenCheckoutSessionCreateParams{successUrl=" + successUrl + ", cancelUrl=" + cancelUrl + ", customerInfo="
                + customerInfo + ", reference=" + reference + ", description=" + description + ", locale=" + locale
                + ", metadata=" + metadata + "}";
    }

    public static final class Builder {
        private String successUrl;
        private String cancelUrl;
        private CustomerInfo customerInfo;
        private String reference;
        private String description;
        private String locale;
        private Map<String, String> metadata;

        private Builder() {
        }

        /** Required. */
        public Builder successUrl(String successUrl) {
            this.successUrl = successUrl;
            return this;
        }

        /** Required. */
        public Builder cancelUrl(String cancelUrl) {
            this.cancelUrl = cancelUrl;
            return this;
        }

        /** Defaults to an empty object. */
        public Builder customerInfo(CustomerInfo customerInfo) {
            this.customerInfo = customerInfo;
            return this;
        }

        public Builder reference(String reference) {
            this.reference = reference;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** {@code ja} | {@code en}. */
        public Builder locale(String locale) {
            this.locale = locale;
            return this;
        }

        public Builder metadata(Map<String, String> metadata) {
            this.metadata = metadata == null ? null : new LinkedHashMap<String, String>(metadata);
            return this;
        }

        public TokenCheckoutSessionCreateParams build() {
            if (successUrl == null) {
                throw new IllegalArgumentException("TokenCheckoutSessionCreateParams: successUrl is required");
            }
            if (cancelUrl == null) {
                throw new IllegalArgumentException("TokenCheckoutSessionCreateParams: cancelUrl is required");
            }
            if (customerInfo == null) {
                customerInfo = CustomerInfo.builder().build();
            }
            return new TokenCheckoutSessionCreateParams(this);
        }
    }
}
