package org.bnplkit.smartpay.sandbox;

import java.util.Locale;

/**
 * A shopper's promotion code applied to an order when it is approved (Smartpay's checkout takes it from the
 * session URL's {@code ?promotion-code=}, or the older SDKs' session metadata {@code __promotion_code__}).
 * The code and its coupon must be active and unexpired, under their maxRedemptionCount, the order at least the
 * code's minimumAmount in its currency; onePerCustomer and firstTimeTransaction are checked against the
 * customer's emailAddress. Redeeming lowers the order's {@code amount} (what can be collected) by the discount,
 * records it in {@code discountAmount} and {@code discounts}, and counts a redemption on the code and the coupon.
 * Runs under the merchant's lock.
 */
final class PromotionCodeRedemption {

    /** Session metadata key the older SDKs (NODE, PY, PHP) put the shopper's code under. */
    static final String METADATA_KEY = "__promotion_code__";

    private PromotionCodeRedemption() {
    }

    /** The merchant's promotion code with this text (codes are unique regardless of case), or null. */
    static PromotionCodeRecord find(Merchant merchant, String code) {
        if (code == null || code.trim().isEmpty()) {
            return null;
        }
        for (PromotionCodeRecord candidate : merchant.promotionCodes.all()) {
            if (candidate.code.equalsIgnoreCase(code.trim())) {
                return candidate;
            }
        }
        return null;
    }

    /** The code the shopper brings for this session: the page's query parameter, else the session metadata. */
    static String requested(String queryParameter, CheckoutSessionRecord session) {
        if (queryParameter != null && !queryParameter.trim().isEmpty()) {
            return queryParameter.trim();
        }
        if (session != null && session.metadata != null && session.metadata.path(METADATA_KEY).isTextual()) {
            return session.metadata.path(METADATA_KEY).textValue();
        }
        return null;
    }

    /** Why {@code code} cannot be redeemed on {@code order} now, or null when it can. */
    static String refusal(Merchant merchant, String text, PromotionCodeRecord code, OrderRecord order, long now) {
        if (code == null) {
            return "no such promotion code: " + text;
        }
        CouponRecord coupon = code.coupon;
        if (!code.active || !coupon.active) {
            return "the promotion code is not active";
        }
        if ((code.expiresAt != null && now > code.expiresAt) || (coupon.expiresAt != null && now > coupon.expiresAt)) {
            return "the promotion code has expired";
        }
        if (code.maxRedemptionCount != null && code.redemptionCount >= code.maxRedemptionCount) {
            return "the promotion code was redeemed " + code.redemptionCount + " times, its maximum";
        }
        if (coupon.maxRedemptionCount != null && coupon.redemptionCount >= coupon.maxRedemptionCount) {
            return "its coupon was redeemed " + coupon.redemptionCount + " times, its maximum";
        }
        if (coupon.currency != null && !coupon.currency.equals(order.currency)) {
            return "the coupon is in " + coupon.currency + ", the order in " + order.currency;
        }
        if (code.minimumAmount != null && order.amount < code.minimumAmount) {
            return "the order is below the minimum amount of " + code.minimumAmount;
        }
        if (!order.discounts.isEmpty()) {
            return "the order already has a discount";
        }
        String customer = customer(order);
        if ((code.onePerCustomer || code.firstTimeTransaction) && customer == null) {
            return "the code is limited per customer and the order names no customerInfo.emailAddress";
        }
        if (code.onePerCustomer && code.redeemedBy.contains(customer)) {
            return "this customer already redeemed the code";
        }
        if (code.firstTimeTransaction && hasApprovedOrder(merchant, customer, order)) {
            return "the code is for a customer's first Smartpay payment with this shop";
        }
        return null;
    }

    /** Applies a code {@link #refusal} found nothing against. */
    static DiscountRecord redeem(Merchant merchant, PromotionCodeRecord code, OrderRecord order, long now) {
        long discount = discountOf(code.coupon, order.amount);
        DiscountRecord record = new DiscountRecord(order.test, now, discount, order.currency, code.coupon, code);
        order.discounts.add(record);
        order.discountAmount += discount;
        order.amount -= discount;
        order.updatedAt = now;
        code.redemptionCount++;
        code.coupon.redemptionCount++;
        String customer = customer(order);
        if (customer != null) {
            code.redeemedBy.add(customer);
        }
        return record;
    }

    /** A fixed amount (at most the order's), or a percentage of the order amount rounded down to the yen. */
    static long discountOf(CouponRecord coupon, long amount) {
        if (CouponRecord.AMOUNT.equals(coupon.discountType)) {
            return Math.min(coupon.discountAmount, amount);
        }
        return amount * coupon.discountPercentage / 100;
    }

    private static String customer(OrderRecord order) {
        return order.customerEmail == null ? null : order.customerEmail.trim().toLowerCase(Locale.ROOT);
    }

    private static boolean hasApprovedOrder(Merchant merchant, String customer, OrderRecord except) {
        for (OrderRecord other : merchant.orders.all()) {
            if (other != except && other.authorizedAt != null && customer.equals(customer(other))) {
                return true;
            }
        }
        return false;
    }
}
