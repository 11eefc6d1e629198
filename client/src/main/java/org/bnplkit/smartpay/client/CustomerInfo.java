package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;

import java.util.Objects;

/** What the merchant knows of the shopper (all optional; Smartpay accepts {@code {}}). toString() names only which fields are set, never their values. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonDeserialize(builder = CustomerInfo.Builder.class)
public final class CustomerInfo {

    private final String emailAddress;
    private final String firstName;
    private final String lastName;
    private final String firstNameKana;
    private final String lastNameKana;
    private final String phoneNumber;
    private final String dateOfBirth;
    private final String legalGender;
    private final String reference;
    private final Integer accountAge;
    private final Address address;

    private CustomerInfo(Builder builder) {
        this.emailAddress = builder.emailAddress;
        this.firstName = builder.firstName;
        this.lastName = builder.lastName;
        this.firstNameKana = builder.firstNameKana;
        this.lastNameKana = builder.lastNameKana;
        this.phoneNumber = builder.phoneNumber;
        this.dateOfBirth = builder.dateOfBirth;
        this.legalGender = builder.legalGender;
        this.reference = builder.reference;
        this.accountAge = builder.accountAge;
        this.address = builder.address;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this object's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.emailAddress = emailAddress;
        builder.firstName = firstName;
        builder.lastName = lastName;
        builder.firstNameKana = firstNameKana;
        builder.lastNameKana = lastNameKana;
        builder.phoneNumber = phoneNumber;
        builder.dateOfBirth = dateOfBirth;
        builder.legalGender = legalGender;
        builder.reference = reference;
        builder.accountAge = accountAge;
        builder.address = address;
        return builder;
    }

    public String emailAddress() {
        return emailAddress;
    }

    public String firstName() {
        return firstName;
    }

    public String lastName() {
        return lastName;
    }

    public String firstNameKana() {
        return firstNameKana;
    }

    public String lastNameKana() {
        return lastNameKana;
    }

    public String phoneNumber() {
        return phoneNumber;
    }

    /** YYYY-MM-DD. */
    public String dateOfBirth() {
        return dateOfBirth;
    }

    /** {@code male} | {@code female}. */
    public String legalGender() {
        return legalGender;
    }

    /** Merchant's customer reference. */
    public String reference() {
        return reference;
    }

    /** Days since the shopper's account was created. */
    public Integer accountAge() {
        return accountAge;
    }

    public Address address() {
        return address;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof CustomerInfo)) {
            return false;
        }
        CustomerInfo that = (CustomerInfo) other;
        return Objects.equals(emailAddress, that.emailAddress) && Objects.equals(firstName, that.firstName) && Objects.equals(lastName, that.lastName) && Objects.equals(firstNameKana, that.firstNameKana) && Objects.equals(lastNameKana, that.lastNameKana) && Objects.equals(phoneNumber, that.phoneNumber) && Objects.equals(dateOfBirth, that.dateOfBirth) && Objects.equals(legalGender, that.legalGender) && Objects.equals(reference, that.reference) && Objects.equals(accountAge, that.accountAge) && Objects.equals(address, that.address);
    }

    @Override
    public int hashCode() {
        return Objects.hash(emailAddress, firstName, lastName, firstNameKana, lastNameKana, phoneNumber, dateOfBirth, legalGender, reference, accountAge, address);
    }

    /** Names the fields that are set, never their values (they are personal data). */
    @Override
    public String toString() {
        StringBuilder set = new StringBuilder();
        Object[] values = {emailAddress, firstName, lastName, firstNameKana, lastNameKana, phoneNumber, dateOfBirth,
                legalGender, reference, accountAge, address};
        String[] names = {"emailAddress", "firstName", "lastName", "firstNameKana", "lastNameKana", "phoneNumber",
                "dateOfBirth", "legalGender", "reference", "accountAge", "address"};
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                set.append(set.length() == 0 ? "" : ", ").append(names[i]);
            }
        }
        return "CustomerInfo{set=[" + set + "]}";
    }

    @JsonPOJOBuilder(withPrefix = "")
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Builder {
        private String emailAddress;
        private String firstName;
        private String lastName;
        private String firstNameKana;
        private String lastNameKana;
        private String phoneNumber;
        private String dateOfBirth;
        private String legalGender;
        private String reference;
        private Integer accountAge;
        private Address address;

        private Builder() {
        }

        public Builder emailAddress(String emailAddress) {
            this.emailAddress = emailAddress;
            return this;
        }

        public Builder firstName(String firstName) {
            this.firstName = firstName;
            return this;
        }

        public Builder lastName(String lastName) {
            this.lastName = lastName;
            return this;
        }

        public Builder firstNameKana(String firstNameKana) {
            this.firstNameKana = firstNameKana;
            return this;
        }

        public Builder lastNameKana(String lastNameKana) {
            this.lastNameKana = lastNameKana;
            return this;
        }

        public Builder phoneNumber(String phoneNumber) {
            this.phoneNumber = phoneNumber;
            return this;
        }

        /** YYYY-MM-DD. */
        public Builder dateOfBirth(String dateOfBirth) {
            this.dateOfBirth = dateOfBirth;
            return this;
        }

        /** {@code male} | {@code female}. */
        public Builder legalGender(String legalGender) {
            this.legalGender = legalGender;
            return this;
        }

        /** Merchant's customer reference. */
        public Builder reference(String reference) {
            this.reference = reference;
            return this;
        }

        /** Days since the shopper's account was created. */
        public Builder accountAge(Integer accountAge) {
            this.accountAge = accountAge;
            return this;
        }

        public Builder address(Address address) {
            this.address = address;
            return this;
        }

        public CustomerInfo build() {
            return new CustomerInfo(this);
        }
    }
}
