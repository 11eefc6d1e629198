package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/** A Smartpay refund of (part of) one payment. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class Refund {

    private final String id;
    private final String status;
    private final long amount;
    private final String currency;
    private final Expandable<Payment> payment;
    private final String reason;
    private final String reference;
    private final String description;
    private final List<Expandable<OrderLineItem>> lineItems;
    private final Map<String, String> metadata;
    private final boolean test;
    private final Long createdAt;
    private final Long updatedAt;

    @JsonCreator
    Refund(
            @JsonProperty("id") String id,
            @JsonProperty("status") String status,
            @JsonProperty("amount") Long amount,
            @JsonProperty("currency") String currency,
            @JsonProperty("payment") Expandable<Payment> payment,
            @JsonProperty("reason") String reason,
            @JsonProperty("reference") String reference,
            @JsonProperty("description") String description,
            @JsonProperty("lineItems") List<Expandable<OrderLineItem>> lineItems,
            @JsonProperty("metadata") Map<String, String> metadata,
            @JsonProperty("test") Boolean test,
            @JsonProperty("createdAt") Long createdAt,
            @JsonProperty("updatedAt") Long updatedAt) {
        this.id = id;
        this.status = status;
        this.amount = amount == null ? 0L : amount;
        this.currency = currency;
        this.payment = payment;
        this.reason = reason;
        this.reference = reference;
        this.description = description;
        this.lineItems = Copies.listOrEmpty(lineItems);
        this.metadata = Copies.mapOrEmpty(metadata);
        this.test = test != null && test;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    public String id() {
        return id;
    }

    /** See {@link RefundStatus}. */
    public String status() {
        return status;
    }

    /** Refunded yen. */
    public long amount() {
        return amount;
    }

    public String currency() {
        return currency;
    }

    public Expandable<Payment> payment() {
        return payment;
    }

    /** {@code requested_by_customer} | {@code fraudulent}. */
    public String reason() {
        return reason;
    }

    public String reference() {
        return reference;
    }

    public String description() {
        return description;
    }

    public List<Expandable<OrderLineItem>> lineItems() {
        return lineItems;
    }

    public Map<String, String> metadata() {
        return metadata;
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
        return "Refund{" + "id=" + id + ", " + "status=" + status + ", " + "amount=" + amount + ", " + "currency=" + currency + ", " + "payment=" + payment + ", " + "reason=" + reason + ", " + "reference=" + reference + ", " + "test=" + test + "}";
    }
}
