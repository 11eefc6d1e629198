package org.bnplkit.smartpay.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A coupon (discount definition), redeemed through its promotion codes ({@link PromotionCodeRedemption}). */
final class CouponRecord extends StoredObject {

    static final String AMOUNT = "amount";
    static final String PERCENTAGE = "percentage";

    String name;
    boolean active = true;
    final String discountType;
    final Long discountAmount;
    final Long discountPercentage;
    final String currency;
    final Long expiresAt;
    final Long maxRedemptionCount;
    ObjectNode metadata;
    long redemptionCount;

    CouponRecord(boolean test, long now, String name, String discountType, Long discountAmount,
                 Long discountPercentage, String currency, Long expiresAt, Long maxRedemptionCount, ObjectNode metadata) {
        super("coupon", test, now);
        this.name = name;
        this.discountType = discountType;
        this.discountAmount = discountAmount;
        this.discountPercentage = discountPercentage;
        this.currency = currency;
        this.expiresAt = expiresAt;
        this.maxRedemptionCount = maxRedemptionCount;
        this.metadata = metadata;
    }
}
