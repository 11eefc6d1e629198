package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Body of {@code POST /coupons}. Build it with {@link #amountOff} (yen off, JPY) or {@link #percentOff}; the
 * builder refuses the other kind's field, as Smartpay does.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class CouponCreateParams {

    private final String name;
    private final DiscountType discountType;
    private final Long discountAmount;
    private final String currency;
    private final Long discountPercentage;
    private final Long expiresAt;
    private final Long maxRedemptionCount;
    private final Map<String, String> metadata;

    private CouponCreateParams(Builder builder) {
        this.name = builder.name;
        this.discountType = builder.discountType;
        this.discountAmount = builder.discountAmount;
        this.currency = builder.currency;
        this.discountPercentage = builder.discountPercentage;
        this.expiresAt = builder.expiresAt;
        this.maxRedemptionCount = builder.maxRedemptionCount;
        this.metadata = Copies.map(builder.metadata);
    }

    /** A coupon taking {@code yen} off (currency JPY unless changed). */
    public static Builder amountOff(String name, long yen) {
        Builder builder = new Builder(name, DiscountType.AMOUNT);
        builder.discountAmount = yen;
        builder.currency = "JPY";
        return builder;
    }

    /** A coupon taking {@code percent} (1..100) off. */
    public static Builder percentOff(String name, long percent) {
        Builder builder = new Builder(name, DiscountType.PERCENTAGE);
        builder.discountPercentage = percent;
        return builder;
    }

    public String name() {
        return name;
    }

    public DiscountType discountType() {
        return discountType;
    }

    public Long discountAmount() {
        return discountAmount;
    }

    public String currency() {
        return currency;
    }

    public Long discountPercentage() {
        return discountPercentage;
    }

    public Long expiresAt() {
        return expiresAt;
    }

    public Long maxRedemptionCount() {
        return maxRedemptionCount;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof CouponCreateParams)) {
            return false;
        }
        CouponCreateParams that = (CouponCreateParams) other;
        return Objects.equals(name, that.name) && discountType == that.discountType
                && Objects.equals(discountAmount, that.discountAmount) && Objects.equals(currency, that.currency)
                && Objects.equals(discountPercentage, that.discountPercentage) && Objects.equals(expiresAt, that.expiresAt)
                && Objects.equals(maxRedemptionCount, that.maxRedemptionCount) && Objects.equals(metadata, that.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, discountType, discountAmount, currency, discountPercentage, expiresAt, maxRedemptionCount,
                metadata);
    }

    @Override
    public String toString() {
        return "CouponCreateParams{name=" + name + ", discountType=" + discountType + ", discountAmount=" + discountAmount
                + ", currency=" + currency + ", discountPercentage=" + discountPercentage + ", expiresAt=" + expiresAt
                + ", maxRedemptionCount=" + maxRedemptionCount + ", metadata=" + metadata + "}";
    }

    public static final class Builder {
        private final String name;
        private final DiscountType discountType;
        private Long discountAmount;
        private String currency;
        private Long discountPercentage;
        private Long expiresAt;
        private Long maxRedemptionCount;
        private Map<String, String> metadata;

        private Builder(String name, DiscountType discountType) {
            this.name = name;
            this.discountType = discountType;
        }

        /** Only for {@link #amountOff} coupons (default JPY). */
        public Builder currency(String currency) {
            if (discountType != DiscountType.AMOUNT) {
                throw new IllegalStateException("CouponCreateParams: a percentage coupon has no currency");
            }
            this.currency = currency;
            return this;
        }

        /** Milliseconds since the epoch. */
        public Builder expiresAt(Long expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        public Builder maxRedemptionCount(Long maxRedemptionCount) {
            this.maxRedemptionCount = maxRedemptionCount;
            return this;
        }

        public Builder metadata(Map<String, String> metadata) {
            this.metadata = metadata == null ? null : new LinkedHashMap<String, String>(metadata);
            return this;
        }

        public CouponCreateParams build() {
            if (name == null || name.trim().isEmpty()) {
                throw new IllegalArgumentException("CouponCreateParams: name is required");
            }
            if (discountAmount != null && discountAmount < 1) {
                throw new IllegalArgumentException("CouponCreateParams: discountAmount must be at least 1");
            }
            if (discountPercentage != null && (discountPercentage < 1 || discountPercentage > 100)) {
                throw new IllegalArgumentException("CouponCreateParams: discountPercentage must be between 1 and 100");
            }
            if (discountType == DiscountType.AMOUNT && currency == null) {
                throw new IllegalArgumentException("CouponCreateParams: an amount coupon needs a currency");
            }
            return new CouponCreateParams(this);
        }
    }
}
