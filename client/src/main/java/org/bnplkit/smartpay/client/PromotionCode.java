package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/** A code shoppers type at checkout (or that {@link CheckoutSession#url(String)} puts in the URL) to redeem a coupon. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class PromotionCode {

    private final String id;
    private final String code;
    private final Expandable<Coupon> coupon;
    private final boolean active;
    private final String currency;
    private final Long expiresAt;
    private final boolean firstTimeTransaction;
    private final Long maxRedemptionCount;
    private final Long minimumAmount;
    private final boolean onePerCustomer;
    private final long redemptionCount;
    private final Map<String, String> metadata;
    private final boolean test;
    private final Long createdAt;
    private final Long updatedAt;

    @JsonCreator
    PromotionCode(@JsonProperty("id") String id,
                  @JsonProperty("code") String code,
                  @JsonProperty("coupon") Expandable<Coupon> coupon,
                  @JsonProperty("active") Boolean active,
                  @JsonProperty("currency") String currency,
                  @JsonProperty("expiresAt") Long expiresAt,
                  @JsonProperty("firstTimeTransaction") Boolean firstTimeTransaction,
                  @JsonProperty("maxRedemptionCount") Long maxRedemptionCount,
                  @JsonProperty("minimumAmount") Long minimumAmount,
                  @JsonProperty("onePerCustomer") Boolean onePerCustomer,
                  @JsonProperty("redemptionCount") Long redemptionCount,
                  @JsonProperty("metadata") Map<String, String> metadata,
                  @JsonProperty("test") Boolean test,
                  @JsonProperty("createdAt") Long createdAt,
                  @JsonProperty("updatedAt") Long updatedAt) {
        this.id = id;
        this.code = code;
        this.coupon = coupon;
        this.active = active != null && active;
        this.currency = currency;
        this.expiresAt = expiresAt;
        this.firstTimeTransaction = firstTimeTransaction != null && firstTimeTransaction;
        this.maxRedemptionCount = maxRedemptionCount;
        this.minimumAmount = minimumAmount;
        this.onePerCustomer = onePerCustomer != null && onePerCustomer;
        this.redemptionCount = redemptionCount == null ? 0 : redemptionCount;
        this.metadata = Copies.mapOrEmpty(metadata);
        this.test = test != null && test;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    public String id() {
        return id;
    }

    public String code() {
        return code;
    }

    /** The coupon's id, or the coupon itself when Smartpay expanded it. */
    public Expandable<Coupon> coupon() {
        return coupon;
    }

    public boolean active() {
        return active;
    }

    public String currency() {
        return currency;
    }

    public Long expiresAt() {
        return expiresAt;
    }

    public boolean firstTimeTransaction() {
        return firstTimeTransaction;
    }

    public Long maxRedemptionCount() {
        return maxRedemptionCount;
    }

    public Long minimumAmount() {
        return minimumAmount;
    }

    public boolean onePerCustomer() {
        return onePerCustomer;
    }

    public long redemptionCount() {
        return redemptionCount;
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
        return "PromotionCode{id=" + id + ", code=" + code + ", coupon=" + (coupon == null ? null : coupon.id())
                + ", active=" + active + ", redemptionCount=" + redemptionCount + ", test=" + test + "}";
    }
}
