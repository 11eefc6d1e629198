package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Why a refund is made (required by Smartpay). */
public enum RefundReason {
    REQUESTED_BY_CUSTOMER("requested_by_customer"),
    FRAUDULENT("fraudulent");

    private final String wireValue;

    RefundReason(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The exact string Smartpay uses on the wire. */
    @JsonValue
    public String wireValue() {
        return wireValue;
    }

    /** Parses Smartpay's wire value; unknown values are an {@link IllegalArgumentException}. */
    @JsonCreator
    public static RefundReason fromWireValue(String value) {
        for (RefundReason candidate : values()) {
            if (candidate.wireValue.equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("Unknown RefundReason value: " + value);
    }

    @Override
    public String toString() {
        return wireValue;
    }
}
