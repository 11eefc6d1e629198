package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Body of {@code POST /checkout-sessions} (Smartpay's flat form). {@code amount} must equal products - discounts + tax + shipping fee. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonDeserialize(builder = CheckoutSessionCreateParams.Builder.class)
public final class CheckoutSessionCreateParams {

    private final Long amount;
    private final String currency;
    private final CaptureMethod captureMethod;
    private final String successUrl;
    private final String cancelUrl;
    private final String reference;
    private final String description;
    private final String locale;
    private final Map<String, String> metadata;
    private final CustomerInfo customerInfo;
    private final ShippingInfo shippingInfo;
    private final List<LineItem> items;

    private CheckoutSessionCreateParams(Builder builder) {
        this.amount = builder.amount;
        this.currency = builder.currency;
        this.captureMethod = builder.captureMethod;
        this.successUrl = builder.successUrl;
        this.cancelUrl = builder.cancelUrl;
        this.reference = builder.reference;
        this.description = builder.description;
        this.locale = builder.locale;
        this.metadata = Copies.map(builder.metadata);
        this.customerInfo = builder.customerInfo;
        this.shippingInfo = builder.shippingInfo;
        this.items = Copies.list(builder.items);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this object's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.amount = amount;
        builder.currency = currency;
        builder.captureMethod = captureMethod;
        builder.successUrl = successUrl;
        builder.cancelUrl = cancelUrl;
        builder.reference = reference;
        builder.description = description;
        builder.locale = locale;
        builder.metadata(metadata);
        builder.customerInfo = customerInfo;
        builder.shippingInfo = shippingInfo;
        builder.items(items);
        return builder;
    }

    /** Order total in yen. Required. */
    public Long amount() {
        return amount;
    }

    /** Default JPY. */
    public String currency() {
        return currency;
    }

    /** Null = Smartpay's default ({@code automatic}). */
    public CaptureMethod captureMethod() {
        return captureMethod;
    }

    /** Required. */
    public String successUrl() {
        return successUrl;
    }

    /** Required. */
    public String cancelUrl() {
        return cancelUrl;
    }

    /** Merchant order reference, 1..40 characters. */
    public String reference() {
        return reference;
    }

    /** 1..80 characters. */
    public String description() {
        return description;
    }

    /** {@code ja} | {@code en}. */
    public String locale() {
        return locale;
    }

    /** At most 20 pairs. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Required by Smartpay; defaults to an empty object. */
    public CustomerInfo customerInfo() {
        return customerInfo;
    }

    /** Required by Smartpay (with an address). */
    public ShippingInfo shippingInfo() {
        return shippingInfo;
    }

    /** 1..50 lines, at least one product. */
    public List<LineItem> items() {
        return items;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof CheckoutSessionCreateParams)) {
            return false;
        }
        CheckoutSessionCreateParams that = (CheckoutSessionCreateParams) other;
        return Objects.equals(amount, that.amount) && Objects.equals(currency, that.currency) && Objects.equals(captureMethod, that.captureMethod) && Objects.equals(successUrl, that.successUrl) && Objects.equals(cancelUrl, that.cancelUrl) && Objects.equals(reference, that.reference) && Objects.equals(description, that.description) && Objects.equals(locale, that.locale) && Objects.equals(metadata, that.metadata) && Objects.equals(customerInfo, that.customerInfo) && Objects.equals(shippingInfo, that.shippingInfo) && Objects.equals(items, that.items);
    }

    @Override
    public int hashCode() {
        return Objects.hash(amount, currency, captureMethod, successUrl, cancelUrl, reference, description, locale, metadata, customerInfo, shippingInfo, items);
    }

    @Override
    public String toString() {
        return "CheckoutSessionCreateParams{" + "amount=" + amount + ", " + "currency=" + currency + ", " + "captureMethod=" + captureMethod + ", " + "reference=" + reference + ", " + "description=" + description + ", " + "locale=" + locale + ", " + "successUrl=" + successUrl + ", " + "cancelUrl=" + cancelUrl + ", " + "metadata=" + metadata + ", " + "customerInfo=" + customerInfo + ", " + "shippingInfo=" + shippingInfo + ", " + "items=" + items + "}";
    }

    @JsonPOJOBuilder(withPrefix = "")
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Builder {
        private Long amount;
        private String currency = "JPY";
        private CaptureMethod captureMethod;
        private String successUrl;
        private String cancelUrl;
        private String reference;
        private String description;
        private String locale;
        private Map<String, String> metadata;
        private CustomerInfo customerInfo;
        private ShippingInfo shippingInfo;
        private List<LineItem> items;

        private Builder() {
        }

        /** Order total in yen. Required. */
        public Builder amount(long amount) {
            this.amount = amount;
            return this;
        }

        /** Default JPY. */
        public Builder currency(String currency) {
            this.currency = currency;
            return this;
        }

        /** Null = Smartpay's default ({@code automatic}). */
        public Builder captureMethod(CaptureMethod captureMethod) {
            this.captureMethod = captureMethod;
            return this;
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

        /** Merchant order reference, 1..40 characters. */
        public Builder reference(String reference) {
            this.reference = reference;
            return this;
        }

        /** 1..80 characters. */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** {@code ja} | {@code en}. */
        public Builder locale(String locale) {
            this.locale = locale;
            return this;
        }

        /** At most 20 pairs. */
        public Builder metadata(Map<String, String> metadata) {
            this.metadata = metadata == null ? null : new LinkedHashMap<String, String>(metadata);
            return this;
        }

        /** Required by Smartpay; defaults to an empty object. */
        public Builder customerInfo(CustomerInfo customerInfo) {
            this.customerInfo = customerInfo;
            return this;
        }

        /** Required by Smartpay (with an address). */
        public Builder shippingInfo(ShippingInfo shippingInfo) {
            this.shippingInfo = shippingInfo;
            return this;
        }

        /** 1..50 lines, at least one product. */
        public Builder items(List<LineItem> items) {
            this.items = items == null ? null : new ArrayList<LineItem>(items);
            return this;
        }

        /** Appends one line (repeatable). */
        public Builder item(LineItem item) {
            if (item == null) {
                throw new IllegalArgumentException("item must not be null");
            }
            if (items == null) {
                items = new ArrayList<LineItem>();
            }
            items.add(item);
            return this;
        }

        public CheckoutSessionCreateParams build() {
            if (amount == null) {
                throw new IllegalArgumentException("CheckoutSessionCreateParams: amount is required");
            }
            if (successUrl == null) {
                throw new IllegalArgumentException("CheckoutSessionCreateParams: successUrl is required");
            }
            if (cancelUrl == null) {
                throw new IllegalArgumentException("CheckoutSessionCreateParams: cancelUrl is required");
            }
            if (customerInfo == null) {
                customerInfo = CustomerInfo.builder().build();
            }
            return new CheckoutSessionCreateParams(this);
        }

        /** The order fields of a token order ({@link OrderCreateParams}), which has no redirect URLs. */
        CheckoutSessionCreateParams buildWithoutUrls(String what) {
            if (amount == null) {
                throw new IllegalArgumentException(what + ": amount is required");
            }
            if (successUrl != null || cancelUrl != null) {
                throw new IllegalStateException(what + ": a token order has no success or cancel URL");
            }
            if (customerInfo == null) {
                customerInfo = CustomerInfo.builder().build();
            }
            return new CheckoutSessionCreateParams(this);
        }
    }
}
