package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;

import java.util.Objects;

/** Where the order ships and the shipping fee (yen). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonDeserialize(builder = ShippingInfo.Builder.class)
public final class ShippingInfo {

    private final Address address;
    private final Long feeAmount;
    private final String feeCurrency;
    private final String carrierName;
    private final String reference;
    private final String addressType;

    private ShippingInfo(Builder builder) {
        this.address = builder.address;
        this.feeAmount = builder.feeAmount;
        this.feeCurrency = builder.feeCurrency;
        this.carrierName = builder.carrierName;
        this.reference = builder.reference;
        this.addressType = builder.addressType;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this object's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.address = address;
        builder.feeAmount = feeAmount;
        builder.feeCurrency = feeCurrency;
        builder.carrierName = carrierName;
        builder.reference = reference;
        builder.addressType = addressType;
        return builder;
    }

    /** Required by Smartpay. */
    public Address address() {
        return address;
    }

    /** Shipping fee in yen, counted in the order amount. */
    public Long feeAmount() {
        return feeAmount;
    }

    public String feeCurrency() {
        return feeCurrency;
    }

    public String carrierName() {
        return carrierName;
    }

    /** Tracking number. */
    public String reference() {
        return reference;
    }

    /** {@code gift|home|locker|office|store}. */
    public String addressType() {
        return addressType;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof ShippingInfo)) {
            return false;
        }
        ShippingInfo that = (ShippingInfo) other;
        return Objects.equals(address, that.address) && Objects.equals(feeAmount, that.feeAmount) && Objects.equals(feeCurrency, that.feeCurrency) && Objects.equals(carrierName, that.carrierName) && Objects.equals(reference, that.reference) && Objects.equals(addressType, that.addressType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, feeAmount, feeCurrency, carrierName, reference, addressType);
    }

    @Override
    public String toString() {
        return "ShippingInfo{" + "address=" + address + ", " + "feeAmount=" + feeAmount + ", " + "feeCurrency=" + feeCurrency + ", " + "carrierName=" + carrierName + ", " + "reference=" + reference + ", " + "addressType=" + addressType + "}";
    }

    @JsonPOJOBuilder(withPrefix = "")
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Builder {
        private Address address;
        private Long feeAmount;
        private String feeCurrency;
        private String carrierName;
        private String reference;
        private String addressType;

        private Builder() {
        }

        /** Required by Smartpay. */
        public Builder address(Address address) {
            this.address = address;
            return this;
        }

        /** Shipping fee in yen, counted in the order amount. */
        public Builder feeAmount(Long feeAmount) {
            this.feeAmount = feeAmount;
            return this;
        }

        public Builder feeCurrency(String feeCurrency) {
            this.feeCurrency = feeCurrency;
            return this;
        }

        public Builder carrierName(String carrierName) {
            this.carrierName = carrierName;
            return this;
        }

        /** Tracking number. */
        public Builder reference(String reference) {
            this.reference = reference;
            return this;
        }

        /** {@code gift|home|locker|office|store}. */
        public Builder addressType(String addressType) {
            this.addressType = addressType;
            return this;
        }

        public ShippingInfo build() {
            return new ShippingInfo(this);
        }
    }
}
