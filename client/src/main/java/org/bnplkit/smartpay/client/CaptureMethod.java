package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How an order is captured after authorization: {@code automatic} (Smartpay's default) or {@code manual}. Never the SDKs' misspelt {@code autommatic}. */
public enum CaptureMethod {
    AUTOMATIC("automatic"),
    MANUAL("manual");

    private final String wireValue;

    CaptureMethod(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The exact string Smartpay uses on the wire. */
    @JsonValue
    public String wireValue() {
        return wireValue;
    }

    /** Parses Smartpay's wire value; unknown values are an {@link IllegalArgumentException}. */
    @JsonCreator
    public static CaptureMethod fromWireValue(String value) {
        for (CaptureMethod candidate : values()) {
            if (candidate.wireValue.equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("Unknown CaptureMethod value: " + value);
    }

    @Override
    public String toString() {
        return wireValue;
    }
}
