package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a coupon discounts: a fixed {@code amount} (with a currency) or a {@code percentage}. */
public enum DiscountType {
    AMOUNT("amount"),
    PERCENTAGE("percentage");

    private final String wireValue;

    DiscountType(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The exact string Smartpay uses on the wire. */
    @JsonValue
    public String wireValue() {
        return wireValue;
    }

    /** Parses Smartpay's wire value; unknown values are an {@link IllegalArgumentException}. */
    @JsonCreator
    public static DiscountType fromWireValue(String value) {
        for (DiscountType candidate : values()) {
            if (candidate.wireValue.equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("Unknown DiscountType value: " + value);
    }

    @Override
    public String toString() {
        return wireValue;
    }
}
