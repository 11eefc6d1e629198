package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Kind of a checkout line item. */
public enum LineItemKind {
    PRODUCT("product"),
    TAX("tax"),
    DISCOUNT("discount");

    private final String wireValue;

    LineItemKind(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The exact string Smartpay uses on the wire. */
    @JsonValue
    public String wireValue() {
        return wireValue;
    }

    /** Parses Smartpay's wire value; unknown values are an {@link IllegalArgumentException}. */
    @JsonCreator
    public static LineItemKind fromWireValue(String value) {
        for (LineItemKind candidate : values()) {
            if (candidate.wireValue.equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("Unknown LineItemKind value: " + value);
    }

    @Override
    public String toString() {
        return wireValue;
    }
}
