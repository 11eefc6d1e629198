package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/** A line item of a Smartpay order (expanded form). Product lines carry their name and unit amount in {@code price.product}/{@code price}; tax and discount lines carry {@code amount} directly. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class OrderLineItem {

    private final String id;
    private final String kind;
    private final Long amount;
    private final String currency;
    private final String description;
    private final Integer quantity;
    private final Map<String, String> metadata;
    private final Expandable<Price> price;
    private final String name;
    private final boolean test;
    private final Long createdAt;
    private final Long updatedAt;

    @JsonCreator
    OrderLineItem(
            @JsonProperty("id") String id,
            @JsonProperty("kind") String kind,
            @JsonProperty("amount") Long amount,
            @JsonProperty("currency") String currency,
            @JsonProperty("description") String description,
            @JsonProperty("quantity") Integer quantity,
            @JsonProperty("metadata") Map<String, String> metadata,
            @JsonProperty("price") Expandable<Price> price,
            @JsonProperty("name") String name,
            @JsonProperty("test") Boolean test,
            @JsonProperty("createdAt") Long createdAt,
            @JsonProperty("updatedAt") Long updatedAt) {
        this.id = id;
        this.kind = kind;
        this.amount = amount;
        this.currency = currency;
        this.description = description;
        this.quantity = quantity;
        this.metadata = Copies.mapOrEmpty(metadata);
        this.price = price;
        this.name = name;
        this.test = test != null && test;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    public String id() {
        return id;
    }

    /** {@code product} | {@code tax} | {@code discount}. */
    public String kind() {
        return kind;
    }

    public Long amount() {
        return amount;
    }

    public String currency() {
        return currency;
    }

    public String description() {
        return description;
    }

    public Integer quantity() {
        return quantity;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    public Expandable<Price> price() {
        return price;
    }

    /** Only when Smartpay sends it on the line itself; see {@link #displayName()}. */
    public String name() {
        return name;
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

    /** The line's name: its own {@code name}, else the expanded price's product name, else null. */
    public String displayName() {
        if (name != null) {
            return name;
        }
        if (price == null || !price.isExpanded() || price.expanded().product() == null || !price.expanded().product().isExpanded()) {
            return null;
        }
        return price.expanded().product().expanded().name();
    }

    /** The unit amount: the line's own {@code amount}, else the expanded price's amount, else null. */
    public Long unitAmount() {
        if (amount != null) {
            return amount;
        }
        return price != null && price.isExpanded() ? price.expanded().amount() : null;
    }

    @Override
    public String toString() {
        return "OrderLineItem{" + "id=" + id + ", " + "kind=" + kind + ", " + "amount=" + amount + ", " + "quantity=" + quantity + "}";
    }
}
