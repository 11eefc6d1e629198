package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/** The price of an order line item (expanded). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class Price {

    private final String id;
    private final Long amount;
    private final String currency;
    private final String label;
    private final String description;
    private final Map<String, String> metadata;
    private final Expandable<Product> product;
    private final boolean test;

    @JsonCreator
    Price(
            @JsonProperty("id") String id,
            @JsonProperty("amount") Long amount,
            @JsonProperty("currency") String currency,
            @JsonProperty("label") String label,
            @JsonProperty("description") String description,
            @JsonProperty("metadata") Map<String, String> metadata,
            @JsonProperty("product") Expandable<Product> product,
            @JsonProperty("test") Boolean test) {
        this.id = id;
        this.amount = amount;
        this.currency = currency;
        this.label = label;
        this.description = description;
        this.metadata = Copies.mapOrEmpty(metadata);
        this.product = product;
        this.test = test != null && test;
    }

    public String id() {
        return id;
    }

    /** Unit amount in yen. */
    public Long amount() {
        return amount;
    }

    public String currency() {
        return currency;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    public Expandable<Product> product() {
        return product;
    }

    public boolean test() {
        return test;
    }

    @Override
    public String toString() {
        return "Price{" + "id=" + id + ", " + "amount=" + amount + ", " + "currency=" + currency + "}";
    }
}
