package org.bnplkit.smartpay.sandbox;

/** A redeemed promotion code on an order: {@code {id, object:"discount", amount, currency, coupon, promotionCode}}. */
final class DiscountRecord extends StoredObject {

    final long amount;
    final String currency;
    final CouponRecord coupon;
    final PromotionCodeRecord promotionCode;

    DiscountRecord(boolean test, long now, long amount, String currency, CouponRecord coupon,
                   PromotionCodeRecord promotionCode) {
        super("discount", test, now);
        this.amount = amount;
        this.currency = currency;
        this.coupon = coupon;
        this.promotionCode = promotionCode;
    }
}
