package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A discount applied to an order (coupon / promotion code), when expanded. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class Discount {

    private final String id;
    private final Long amount;
    private final String currency;
    private final boolean test;
    private final Long createdAt;

    @JsonCreator
    Discount(
            @JsonProperty("id") String id,
            @JsonProperty("amount") Long amount,
            @JsonProperty("currency") String currency,
            @JsonProperty("test") Boolean test,
            @JsonProperty("createdAt") Long createdAt) {
        this.id = id;
        this.amount = amount;
        this.currency = currency;
        this.test = test != null && test;
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    public Long amount() {
        return amount;
    }

    public String currency() {
        return currency;
    }

    public boolean test() {
        return test;
    }

    public Long createdAt() {
        return createdAt;
    }

    @Override
    public String toString() {
        return "Discount{" + "id=" + id + ", " + "amount=" + amount + ", " + "currency=" + currency + "}";
    }
}
