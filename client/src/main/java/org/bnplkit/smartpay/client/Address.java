package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;

import java.util.Objects;

/** A Japanese postal address as Smartpay takes it ({@code line1}, {@code locality}, {@code postalCode}, {@code country} are required by Smartpay). toString() shows no street-level data. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonDeserialize(builder = Address.Builder.class)
public final class Address {

    private final String line1;
    private final String line2;
    private final String line3;
    private final String line4;
    private final String line5;
    private final String subLocality;
    private final String locality;
    private final String administrativeArea;
    private final String postalCode;
    private final String country;

    private Address(Builder builder) {
        this.line1 = builder.line1;
        this.line2 = builder.line2;
        this.line3 = builder.line3;
        this.line4 = builder.line4;
        this.line5 = builder.line5;
        this.subLocality = builder.subLocality;
        this.locality = builder.locality;
        this.administrativeArea = builder.administrativeArea;
        this.postalCode = builder.postalCode;
        this.country = builder.country;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this object's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.line1 = line1;
        builder.line2 = line2;
        builder.line3 = line3;
        builder.line4 = line4;
        builder.line5 = line5;
        builder.subLocality = subLocality;
        builder.locality = locality;
        builder.administrativeArea = administrativeArea;
        builder.postalCode = postalCode;
        builder.country = country;
        return builder;
    }

    public String line1() {
        return line1;
    }

    public String line2() {
        return line2;
    }

    public String line3() {
        return line3;
    }

    public String line4() {
        return line4;
    }

    public String line5() {
        return line5;
    }

    public String subLocality() {
        return subLocality;
    }

    /** City/ward; at most 80 characters. */
    public String locality() {
        return locality;
    }

    /** Prefecture. */
    public String administrativeArea() {
        return administrativeArea;
    }

    public String postalCode() {
        return postalCode;
    }

    /** ISO 3166-1 alpha-2; {@code JP}. */
    public String country() {
        return country;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Address)) {
            return false;
        }
        Address that = (Address) other;
        return Objects.equals(line1, that.line1) && Objects.equals(line2, that.line2) && Objects.equals(line3, that.line3) && Objects.equals(line4, that.line4) && Objects.equals(line5, that.line5) && Objects.equals(subLocality, that.subLocality) && Objects.equals(locality, that.locality) && Objects.equals(administrativeArea, that.administrativeArea) && Objects.equals(postalCode, that.postalCode) && Objects.equals(country, that.country);
    }

    @Override
    public int hashCode() {
        return Objects.hash(line1, line2, line3, line4, line5, subLocality, locality, administrativeArea, postalCode, country);
    }

    @Override
    public String toString() {
        return "Address{" + "administrativeArea=" + administrativeArea + ", " + "country=" + country + "}";
    }

    @JsonPOJOBuilder(withPrefix = "")
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Builder {
        private String line1;
        private String line2;
        private String line3;
        private String line4;
        private String line5;
        private String subLocality;
        private String locality;
        private String administrativeArea;
        private String postalCode;
        private String country = "JP";

        private Builder() {
        }

        public Builder line1(String line1) {
            this.line1 = line1;
            return this;
        }

        public Builder line2(String line2) {
            this.line2 = line2;
            return this;
        }

        public Builder line3(String line3) {
            this.line3 = line3;
            return this;
        }

        public Builder line4(String line4) {
            this.line4 = line4;
            return this;
        }

        public Builder line5(String line5) {
            this.line5 = line5;
            return this;
        }

        public Builder subLocality(String subLocality) {
            this.subLocality = subLocality;
            return this;
        }

        /** City/ward; at most 80 characters. */
        public Builder locality(String locality) {
            this.locality = locality;
            return this;
        }

        /** Prefecture. */
        public Builder administrativeArea(String administrativeArea) {
            this.administrativeArea = administrativeArea;
            return this;
        }

        public Builder postalCode(String postalCode) {
            this.postalCode = postalCode;
            return this;
        }

        /** ISO 3166-1 alpha-2; {@code JP}. */
        public Builder country(String country) {
            this.country = country;
            return this;
        }

        public Address build() {
            return new Address(this);
        }
    }
}
