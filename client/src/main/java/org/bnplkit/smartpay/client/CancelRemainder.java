package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What happens to the uncaptured rest of an order after a capture: {@code automatic} (Smartpay's default: released, single capture) or {@code manual} (further partial captures allowed). */
public enum CancelRemainder {
    AUTOMATIC("automatic"),
    MANUAL("manual");

    private final String wireValue;

    CancelRemainder(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The exact string Smartpay uses on the wire. */
    @JsonValue
    public String wireValue() {
        return wireValue;
    }

    /** Parses Smartpay's wire value; unknown values are an {@link IllegalArgumentException}. */
    @JsonCreator
    public static CancelRemainder fromWireValue(String value) {
        for (CancelRemainder candidate : values()) {
            if (candidate.wireValue.equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("Unknown CancelRemainder value: " + value);
    }

    @Override
    public String toString() {
        return wireValue;
    }
}
