package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/** A Smartpay order. {@link #status()} is one of {@link OrderStatus}; line items and payments are ids unless expanded. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class Order {

    private final String id;
    private final String status;
    private final long amount;
    private final String currency;
    private final String reference;
    private final String description;
    private final Map<String, String> metadata;
    private final Long expiresAt;
    private final boolean test;
    private final Long createdAt;
    private final Long updatedAt;
    private final List<Expandable<OrderLineItem>> lineItems;
    private final List<Expandable<Payment>> payments;
    private final Long discountAmount;
    private final List<Expandable<Discount>> discounts;
    private final ShippingInfo shippingInfo;
    private final String tokenId;

    @JsonCreator
    Order(
            @JsonProperty("id") String id,
            @JsonProperty("status") String status,
            @JsonProperty("amount") Long amount,
            @JsonProperty("currency") String currency,
            @JsonProperty("reference") String reference,
            @JsonProperty("description") String description,
            @JsonProperty("metadata") Map<String, String> metadata,
            @JsonProperty("expiresAt") Long expiresAt,
            @JsonProperty("test") Boolean test,
            @JsonProperty("createdAt") Long createdAt,
            @JsonProperty("updatedAt") Long updatedAt,
            @JsonProperty("lineItems") List<Expandable<OrderLineItem>> lineItems,
            @JsonProperty("payments") List<Expandable<Payment>> payments,
            @JsonProperty("discountAmount") Long discountAmount,
            @JsonProperty("discounts") List<Expandable<Discount>> discounts,
            @JsonProperty("shippingInfo") ShippingInfo shippingInfo,
            @JsonProperty("tokenId") String tokenId) {
        this.id = id;
        this.status = status;
        this.amount = amount == null ? 0L : amount;
        this.currency = currency;
        this.reference = reference;
        this.description = description;
        this.metadata = Copies.mapOrEmpty(metadata);
        this.expiresAt = expiresAt;
        this.test = test != null && test;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.lineItems = Copies.listOrEmpty(lineItems);
        this.payments = Copies.listOrEmpty(payments);
        this.discountAmount = discountAmount;
        this.discounts = Copies.listOrEmpty(discounts);
        this.shippingInfo = shippingInfo;
        this.tokenId = tokenId;
    }

    public String id() {
        return id;
    }

    /** See {@link OrderStatus}. */
    public String status() {
        return status;
    }

    /** Order total in yen. */
    public long amount() {
        return amount;
    }

    public String currency() {
        return currency;
    }

    public String reference() {
        return reference;
    }

    public String description() {
        return description;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /** Ms epoch after which no capture is possible; set once authorized (about 7 days). */
    public Long expiresAt() {
        return expiresAt;
    }

    public boolean test() {
        return test;
    }

    /** Ms epoch. */
    public Long createdAt() {
        return createdAt;
    }

    /** Ms epoch. */
    public Long updatedAt() {
        return updatedAt;
    }

    public List<Expandable<OrderLineItem>> lineItems() {
        return lineItems;
    }

    /** Captures of this order. */
    public List<Expandable<Payment>> payments() {
        return payments;
    }

    public Long discountAmount() {
        return discountAmount;
    }

    public List<Expandable<Discount>> discounts() {
        return discounts;
    }

    public ShippingInfo shippingInfo() {
        return shippingInfo;
    }

    /** Set for orders created from a payment token. */
    public String tokenId() {
        return tokenId;
    }

    @Override
    public String toString() {
        return "Order{" + "id=" + id + ", " + "status=" + status + ", " + "amount=" + amount + ", " + "currency=" + currency + ", " + "reference=" + reference + ", " + "test=" + test + "}";
    }
}
