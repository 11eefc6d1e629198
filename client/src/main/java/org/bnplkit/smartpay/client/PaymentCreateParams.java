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

/** Body of {@code POST /payments}, i.e. a capture. Use {@link CancelRemainder#MANUAL} to allow further partial captures. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonDeserialize(builder = PaymentCreateParams.Builder.class)
public final class PaymentCreateParams {

    private final String order;
    private final Long amount;
    private final String currency;
    private final CancelRemainder cancelRemainder;
    private final List<String> lineItems;
    private final String reference;
    private final String description;
    private final Map<String, String> metadata;

    private PaymentCreateParams(Builder builder) {
        this.order = builder.order;
        this.amount = builder.amount;
        this.currency = builder.currency;
        this.cancelRemainder = builder.cancelRemainder;
        this.lineItems = Copies.list(builder.lineItems);
        this.reference = builder.reference;
        this.description = builder.description;
        this.metadata = Copies.map(builder.metadata);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this object's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.order = order;
        builder.amount = amount;
        builder.currency = currency;
        builder.cancelRemainder = cancelRemainder;
        builder.lineItems(lineItems);
        builder.reference = reference;
        builder.description = description;
        builder.metadata(metadata);
        return builder;
    }

    /** The order id. Required. */
    public String order() {
        return order;
    }

    /** Yen to capture. Required. */
    public Long amount() {
        return amount;
    }

    /** Default JPY. */
    public String currency() {
        return currency;
    }

    /** Null = Smartpay's default ({@code automatic}: the rest is released). */
    public CancelRemainder cancelRemainder() {
        return cancelRemainder;
    }

    /** Ids of the order's line items this capture covers. */
    public List<String> lineItems() {
        return lineItems;
    }

    /** 1..40 characters. */
    public String reference() {
        return reference;
    }

    /** 1..80 characters. */
    public String description() {
        return description;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof PaymentCreateParams)) {
            return false;
        }
        PaymentCreateParams that = (PaymentCreateParams) other;
        return Objects.equals(order, that.order) && Objects.equals(amount, that.amount) && Objects.equals(currency, that.currency) && Objects.equals(cancelRemainder, that.cancelRemainder) && Objects.equals(lineItems, that.lineItems) && Objects.equals(reference, that.reference) && Objects.equals(description, that.description) && Objects.equals(metadata, that.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(order, amount, currency, cancelRemainder, lineItems, reference, description, metadata);
    }

    @Override
    public String toString() {
        return "PaymentCreateParams{" + "order=" + order + ", " + "amount=" + amount + ", " + "currency=" + currency + ", " + "cancelRemainder=" + cancelRemainder + ", " + "lineItems=" + lineItems + ", " + "reference=" + reference + ", " + "description=" + description + ", " + "metadata=" + metadata + "}";
    }

    @JsonPOJOBuilder(withPrefix = "")
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Builder {
        private String order;
        private Long amount;
        private String currency = "JPY";
        private CancelRemainder cancelRemainder;
        private List<String> lineItems;
        private String reference;
        private String description;
        private Map<String, String> metadata;

        private Builder() {
        }

        /** The order id. Required. */
        public Builder order(String order) {
            this.order = order;
            return this;
        }

        /** Yen to capture. Required. */
        public Builder amount(long amount) {
            this.amount = amount;
            return this;
        }

        /** Default JPY. */
        public Builder currency(String currency) {
            this.currency = currency;
            return this;
        }

        /** Null = Smartpay's default ({@code automatic}: the rest is released). */
        public Builder cancelRemainder(CancelRemainder cancelRemainder) {
            this.cancelRemainder = cancelRemainder;
            return this;
        }

        /** Ids of the order's line items this capture covers. */
        public Builder lineItems(List<String> lineItems) {
            this.lineItems = lineItems == null ? null : new ArrayList<String>(lineItems);
            return this;
        }

        /** 1..40 characters. */
        public Builder reference(String reference) {
            this.reference = reference;
            return this;
        }

        /** 1..80 characters. */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder metadata(Map<String, String> metadata) {
            this.metadata = metadata == null ? null : new LinkedHashMap<String, String>(metadata);
            return this;
        }

        public PaymentCreateParams build() {
            if (order == null) {
                throw new IllegalArgumentException("PaymentCreateParams: order is required");
            }
            if (amount == null) {
                throw new IllegalArgumentException("PaymentCreateParams: amount is required");
            }
            return new PaymentCreateParams(this);
        }
    }
}
