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

/** Body of {@code POST /refunds}: refunds part or all of ONE payment. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonDeserialize(builder = RefundCreateParams.Builder.class)
public final class RefundCreateParams {

    private final String payment;
    private final Long amount;
    private final String currency;
    private final RefundReason reason;
    private final String reference;
    private final String description;
    private final List<String> lineItems;
    private final Map<String, String> metadata;

    private RefundCreateParams(Builder builder) {
        this.payment = builder.payment;
        this.amount = builder.amount;
        this.currency = builder.currency;
        this.reason = builder.reason;
        this.reference = builder.reference;
        this.description = builder.description;
        this.lineItems = Copies.list(builder.lineItems);
        this.metadata = Copies.map(builder.metadata);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this object's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.payment = payment;
        builder.amount = amount;
        builder.currency = currency;
        builder.reason = reason;
        builder.reference = reference;
        builder.description = description;
        builder.lineItems(lineItems);
        builder.metadata(metadata);
        return builder;
    }

    /** The payment id. Required. */
    public String payment() {
        return payment;
    }

    /** Yen to refund (positive, at most what the payment still has). Required. */
    public Long amount() {
        return amount;
    }

    /** Default JPY. */
    public String currency() {
        return currency;
    }

    /** Required. */
    public RefundReason reason() {
        return reason;
    }

    public String reference() {
        return reference;
    }

    public String description() {
        return description;
    }

    public List<String> lineItems() {
        return lineItems;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof RefundCreateParams)) {
            return false;
        }
        RefundCreateParams that = (RefundCreateParams) other;
        return Objects.equals(payment, that.payment) && Objects.equals(amount, that.amount) && Objects.equals(currency, that.currency) && Objects.equals(reason, that.reason) && Objects.equals(reference, that.reference) && Objects.equals(description, that.description) && Objects.equals(lineItems, that.lineItems) && Objects.equals(metadata, that.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(payment, amount, currency, reason, reference, description, lineItems, metadata);
    }

    @Override
    public String toString() {
        return "RefundCreateParams{" + "payment=" + payment + ", " + "amount=" + amount + ", " + "currency=" + currency + ", " + "reason=" + reason + ", " + "reference=" + reference + ", " + "description=" + description + ", " + "lineItems=" + lineItems + ", " + "metadata=" + metadata + "}";
    }

    @JsonPOJOBuilder(withPrefix = "")
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Builder {
        private String payment;
        private Long amount;
        private String currency = "JPY";
        private RefundReason reason;
        private String reference;
        private String description;
        private List<String> lineItems;
        private Map<String, String> metadata;

        private Builder() {
        }

        /** The payment id. Required. */
        public Builder payment(String payment) {
            this.payment = payment;
            return this;
        }

        /** Yen to refund (positive, at most what the payment still has). Required. */
        public Builder amount(long amount) {
            this.amount = amount;
            return this;
        }

        /** Default JPY. */
        public Builder currency(String currency) {
            this.currency = currency;
            return this;
        }

        /** Required. */
        public Builder reason(RefundReason reason) {
            this.reason = reason;
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

        public Builder lineItems(List<String> lineItems) {
            this.lineItems = lineItems == null ? null : new ArrayList<String>(lineItems);
            return this;
        }

        public Builder metadata(Map<String, String> metadata) {
            this.metadata = metadata == null ? null : new LinkedHashMap<String, String>(metadata);
            return this;
        }

        public RefundCreateParams build() {
            if (payment == null) {
                throw new IllegalArgumentException("RefundCreateParams: payment is required");
            }
            if (amount == null) {
                throw new IllegalArgumentException("RefundCreateParams: amount is required");
            }
            if (reason == null) {
                throw new IllegalArgumentException("RefundCreateParams: reason is required");
            }
            return new RefundCreateParams(this);
        }
    }
}
