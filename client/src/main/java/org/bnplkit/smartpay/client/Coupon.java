package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/** A coupon: the discount that promotion codes hand out. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class Coupon {

    private final String id;
    private final boolean active;
    private final String name;
    private final String discountType;
    private final Long discountAmount;
    private final Long discountPercentage;
    private final String currency;
    private final Long expiresAt;
    private final Long maxRedemptionCount;
    private final long redemptionCount;
    private final boolean sponsored;
    private final Map<String, String> metadata;
    private final boolean test;
    private final Long createdAt;
    private final Long updatedAt;

    @JsonCreator
    Coupon(@JsonProperty("id") String id,
           @JsonProperty("active") Boolean active,
           @JsonProperty("name") String name,
           @JsonProperty("discountType") String discountType,
           @JsonProperty("discountAmount") Long discountAmount,
           @JsonProperty("discountPercentage") Long discountPercentage,
           @JsonProperty("currency") String currency,
           @JsonProperty("expiresAt") Long expiresAt,
           @JsonProperty("maxRedemptionCount") Long maxRedemptionCount,
           @JsonProperty("redemptionCount") Long redemptionCount,
           @JsonProperty("sponsored") Boolean sponsored,
           @JsonProperty("metadata") Map<String, String> metadata,
           @JsonProperty("test") Boolean test,
           @JsonProperty("createdAt") Long createdAt,
           @JsonProperty("updatedAt") Long updatedAt) {
        this.id = id;
        this.active = active != null && active;
        this.name = name;
        this.discountType = discountType;
        this.discountAmount = discountAmount;
        this.discountPercentage = discountPercentage;
        this.currency = currency;
        this.expiresAt = expiresAt;
        this.maxRedemptionCount = maxRedemptionCount;
        this.redemptionCount = redemptionCount == null ? 0 : redemptionCount;
        this.sponsored = sponsored != null && sponsored;
        this.metadata = Copies.mapOrEmpty(metadata);
        this.test = test != null && test;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    public String id() {
        return id;
    }

    public boolean active() {
        return active;
    }

    public String name() {
        return name;
    }

    /** {@code amount} or {@code percentage} (a String so unknown future values still parse). */
    public String discountType() {
        return discountType;
    }

    /** Yen off, for {@code amount} coupons. */
    public Long discountAmount() {
        return discountAmount;
    }

    /** Percent off, for {@code percentage} coupons. */
    public Long discountPercentage() {
        return discountPercentage;
    }

    public String currency() {
        return currency;
    }

    public Long expiresAt() {
        return expiresAt;
    }

    public Long maxRedemptionCount() {
        return maxRedemptionCount;
    }

    public long redemptionCount() {
        return redemptionCount;
    }

    /** Whether Smartpay pays for the discount. */
    public boolean sponsored() {
        return sponsored;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    public boolean test() {
        return test;
    }

    public Long createdAt() {
        return createdAt;
    }

    public Long updatedAt() {
        return updatedAt;
    }

    @Override
    public String toString() {
        return "Coupon{id=" + id + ", name=" + name + ", discountType=" + discountType + ", discountAmount=" + discountAmount
                + ", discountPercentage=" + discountPercentage + ", active=" + active + ", redemptionCount=" + redemptionCount
                + ", test=" + test + "}";
    }
}
