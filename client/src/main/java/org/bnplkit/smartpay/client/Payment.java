package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/** A Smartpay payment, i.e. one capture of an order. Status {@code processed}, or {@code refunded} once fully refunded. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class Payment {

    private final String id;
    private final String status;
    private final long amount;
    private final String currency;
    private final Expandable<Order> order;
    private final String reference;
    private final String description;
    private final Map<String, String> metadata;
    private final List<Expandable<OrderLineItem>> lineItems;
    private final List<Expandable<Refund>> refunds;
    private final boolean test;
    private final Long createdAt;
    private final Long updatedAt;

    @JsonCreator
    Payment(
            @JsonProperty("id") String id,
            @JsonProperty("status") String status,
            @JsonProperty("amount") Long amount,
            @JsonProperty("currency") String currency,
            @JsonProperty("order") Expandable<Order> order,
            @JsonProperty("reference") String reference,
            @JsonProperty("description") String description,
            @JsonProperty("metadata") Map<String, String> metadata,
            @JsonProperty("lineItems") List<Expandable<OrderLineItem>> lineItems,
            @JsonProperty("refunds") List<Expandable<Refund>> refunds,
            @JsonProperty("test") Boolean test,
            @JsonProperty("createdAt") Long createdAt,
            @JsonProperty("updatedAt") Long updatedAt) {
        this.id = id;
        this.status = status;
        this.amount = amount == null ? 0L : amount;
        this.currency = currency;
        this.order = order;
        this.reference = reference;
        this.description = description;
        this.metadata = Copies.mapOrEmpty(metadata);
        this.lineItems = Copies.listOrEmpty(lineItems);
        this.refunds = Copies.listOrEmpty(refunds);
        this.test = test != null && test;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    public String id() {
        return id;
    }

    /** See {@link PaymentStatus}. */
    public String status() {
        return status;
    }

    /** Captured yen. */
    public long amount() {
        return amount;
    }

    public String currency() {
        return currency;
    }

    public Expandable<Order> order() {
        return order;
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

    public List<Expandable<OrderLineItem>> lineItems() {
        return lineItems;
    }

    public List<Expandable<Refund>> refunds() {
        return refunds;
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
        return "Payment{" + "id=" + id + ", " + "status=" + status + ", " + "amount=" + amount + ", " + "currency=" + currency + ", " + "order=" + order + ", " + "reference=" + reference + ", " + "test=" + test + "}";
    }
}
