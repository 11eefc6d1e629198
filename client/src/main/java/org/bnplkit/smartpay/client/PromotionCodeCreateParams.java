package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Body of {@code POST /promotion-codes}. Codes are unique regardless of case (409 {@code promotion-code.exists}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class PromotionCodeCreateParams {

    private final String coupon;
    private final String code;
    private final Boolean active;
    private final String currency;
    private final Long expiresAt;
    private final Boolean firstTimeTransaction;
    private final Long maxRedemptionCount;
    private final Long minimumAmount;
    private final Boolean onePerCustomer;
    private final Map<String, String> metadata;

    private PromotionCodeCreateParams(Builder builder) {
        this.coupon = builder.coupon;
        this.code = builder.code;
        this.active = builder.active;
        this.currency = builder.currency;
        this.expiresAt = builder.expiresAt;
        this.firstTimeTransaction = builder.firstTimeTransaction;
        this.maxRedemptionCount = builder.maxRedemptionCount;
        this.minimumAmount = builder.minimumAmount;
        this.onePerCustomer = builder.onePerCustomer;
        this.metadata = Copies.map(builder.metadata);
    }

    /** @param couponId the coupon the code redeems; @param code what the shopper types */
    public static Builder builder(String couponId, String code) {
        return new Builder(couponId, code);
    }

    public String coupon() {
        return coupon;
    }

    public String code() {
        return code;
    }

    /** Null = Smartpay's default (active). */
    public Boolean active() {
        return active;
    }

    public String currency() {
        return currency;
    }

    public Long expiresAt() {
        return expiresAt;
    }

    public Boolean firstTimeTransaction() {
        return firstTimeTransaction;
    }

    public Long maxRedemptionCount() {
        return maxRedemptionCount;
    }

    public Long minimumAmount() {
        return minimumAmount;
    }

    public Boolean onePerCustomer() {
        return onePerCustomer;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof PromotionCodeCreateParams)) {
            return false;
        }
        PromotionCodeCreateParams that = (PromotionCodeCreateParams) other;
        return Objects.equals(coupon, that.coupon) && Objects.equals(code, that.code) && Objects.equals(active, that.active)
                && Objects.equals(currency, that.currency) && Objects.equals(expiresAt, that.expiresAt)
                && Objects.equals(firstTimeTransaction, that.firstTimeTransaction)
                && Objects.equals(maxRedemptionCount, that.maxRedemptionCount)
                && Objects.equals(minimumAmount, that.minimumAmount) && Objects.equals(onePerCustomer, that.onePerCustomer)
                && Objects.equals(metadata, that.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(coupon, code, active, currency, expiresAt, firstTimeTransaction, maxRedemptionCount,
                minimumAmount, onePerCustomer, metadata);
    }

    @Override
    public String toString() {
        return "PromotionCodeCreateParams{coupon=" + coupon + ", code=" + code + ", active=" + active + ", currency="
                + currency + ", expiresAt=" + expiresAt + ", firstTimeTransaction=" + firstTimeTransaction
                + ", maxRedemptionCount=" + maxRedemptionCount + ", minimumAmount=" + minimumAmount + ", onePerCustomer="
                + onePerCustomer + ", metadata=" + metadata + "}";
    }

    public static final class Builder {
        private final String coupon;
        private final String code;
        private Boolean active;
        private String currency;
        private Long expiresAt;
        private Boolean firstTimeTransaction;
        private Long maxRedemptionCount;
        private Long minimumAmount;
        private Boolean onePerCustomer;
        private Map<String, String> metadata;

        private Builder(String coupon, String code) {
            this.coupon = coupon;
            this.code = code;
        }

        public Builder active(Boolean active) {
            this.active = active;
            return this;
        }

        public Builder currency(String currency) {
            this.currency = currency;
            return this;
        }

        /** Milliseconds since the epoch. */
        public Builder expiresAt(Long expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        public Builder firstTimeTransaction(Boolean firstTimeTransaction) {
            this.firstTimeTransaction = firstTimeTransaction;
            return this;
        }

        public Builder maxRedemptionCount(Long maxRedemptionCount) {
            this.maxRedemptionCount = maxRedemptionCount;
            return this;
        }

        /** The smallest order amount (yen) the code applies to. */
        public Builder minimumAmount(Long minimumAmount) {
            this.minimumAmount = minimumAmount;
            return this;
        }

        public Builder onePerCustomer(Boolean onePerCustomer) {
            this.onePerCustomer = onePerCustomer;
            return this;
        }

        public Builder metadata(Map<String, String> metadata) {
            this.metadata = metadata == null ? null : new LinkedHashMap<String, String>(metadata);
            return this;
        }

        public PromotionCodeCreateParams build() {
            if (coupon == null || coupon.trim().isEmpty()) {
                throw new IllegalArgumentException("PromotionCodeCreateParams: coupon is required");
            }
            if (code == null || code.trim().isEmpty()) {
                throw new IllegalArgumentException("PromotionCodeCreateParams: code is required");
            }
            return new PromotionCodeCreateParams(this);
        }
    }
}
