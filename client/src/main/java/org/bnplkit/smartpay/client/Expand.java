package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether related objects come back as ids ({@code no}, Smartpay's default) or expanded objects ({@code all}). */
public enum Expand {
    ALL("all"),
    NO("no");

    private final String wireValue;

    Expand(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The exact string Smartpay uses on the wire. */
    @JsonValue
    public String wireValue() {
        return wireValue;
    }

    /** Parses Smartpay's wire value; unknown values are an {@link IllegalArgumentException}. */
    @JsonCreator
    public static Expand fromWireValue(String value) {
        for (Expand candidate : values()) {
            if (candidate.wireValue.equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("Unknown Expand value: " + value);
    }

    @Override
    public String toString() {
        return wireValue;
    }
}
