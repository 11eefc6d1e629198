package org.bnplkit.smartpay.sandbox;

import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A shopper-facing code for a coupon; codes are unique per merchant, case-insensitively. */
final class PromotionCodeRecord extends StoredObject {

    final CouponRecord coupon;
    final String code;
    boolean active;
    final String currency;
    final Long expiresAt;
    final boolean firstTimeTransaction;
    final Long maxRedemptionCount;
    final Long minimumAmount;
    final boolean onePerCustomer;
    ObjectNode metadata;
    long redemptionCount;
    /** Customers (emailAddress, lower case) who redeemed it, for onePerCustomer. */
    final Set<String> redeemedBy = new HashSet<>();

    PromotionCodeRecord(boolean test, long now, CouponRecord coupon, String code, boolean active, String currency,
                        Long expiresAt, boolean firstTimeTransaction, Long maxRedemptionCount, Long minimumAmount,
                        boolean onePerCustomer, ObjectNode metadata) {
        super("promotioncode", test, now);
        this.coupon = coupon;
        this.code = code;
        this.active = active;
        this.currency = currency;
        this.expiresAt = expiresAt;
        this.firstTimeTransaction = firstTimeTransaction;
        this.maxRedemptionCount = maxRedemptionCount;
        this.minimumAmount = minimumAmount;
        this.onePerCustomer = onePerCustomer;
        this.metadata = metadata;
    }
}
