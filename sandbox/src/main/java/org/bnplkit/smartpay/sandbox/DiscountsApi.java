package org.bnplkit.smartpay.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The merchant API's coupons and promotion codes ({@code /v1/coupons}, {@code /v1/promotion-codes}), routed by
 * {@link MerchantApi}; redeeming them is {@link PromotionCodeRedemption}'s.
 */
final class DiscountsApi {

    private final SandboxClock clock;

    DiscountsApi(SandboxClock clock) {
        this.clock = clock;
    }

    ApiResponse createCoupon(ApiRequest req, Merchant m) {
        ObjectNode body = req.jsonObject();
        FieldErrors errors = new FieldErrors();
        PayloadReader in = new PayloadReader(errors);
        String name = in.string(body, "name", "", true, 0);
        String type = in.oneOf(body, "discountType", "", true, CouponRecord.AMOUNT, CouponRecord.PERCENTAGE);
        Long amount = null;
        Long percentage = null;
        String currency = null;
        if (CouponRecord.AMOUNT.equals(type)) {
            amount = in.integer(body, "discountAmount", "", true, 1, PayloadReader.UINT32_MAX);
            currency = in.currency(body, "currency", "", true);
        } else if (CouponRecord.PERCENTAGE.equals(type)) {
            percentage = in.integer(body, "discountPercentage", "", true, 1, 100);
        }
        Long expiresAt = in.integer(body, "expiresAt", "", false, 0, Long.MAX_VALUE);
        Long maxRedemptions = in.integer(body, "maxRedemptionCount", "", false, 1, PayloadReader.UINT32_MAX);
        ObjectNode metadata = in.metadata(body, "metadata", "");
        errors.throwIfAny();
        long now = clock.now();
        synchronized (m) {
            CouponRecord coupon = new CouponRecord(m.test, now, name, type, amount, percentage, currency, expiresAt,
                    maxRedemptions, metadata);
            m.coupons.add(coupon);
            m.emit("coupon.created", JsonViews.coupon(coupon), now);
            return ApiResponse.ok(JsonViews.coupon(coupon));
        }
    }

    private CouponRecord coupon(Merchant m, String id) {
        CouponRecord coupon = m.coupons.get(id);
        if (coupon == null) {
            throw ApiException.notFound("coupon.not-found", id);
        }
        return coupon;
    }

    ApiResponse getCoupon(Merchant m, String id) {
        synchronized (m) {
            return ApiResponse.ok(JsonViews.coupon(coupon(m, id)));
        }
    }

    ApiResponse updateCoupon(ApiRequest req, Merchant m, String id) {
        ObjectNode body = req.jsonObject();
        FieldErrors errors = new FieldErrors();
        PayloadReader in = new PayloadReader(errors);
        String name = in.string(body, "name", "", false, 0);
        Boolean active = in.bool(body, "active", "");
        ObjectNode metadata = in.present(body, "metadata") ? in.metadata(body, "metadata", "") : null;
        errors.throwIfAny();
        long now = clock.now();
        synchronized (m) {
            CouponRecord coupon = coupon(m, id);
            if (name != null) {
                coupon.name = name;
            }
            if (active != null) {
                coupon.active = active;
            }
            if (metadata != null) {
                coupon.metadata = metadata;
            }
            coupon.updatedAt = now;
            m.emit("coupon.updated", JsonViews.coupon(coupon), now);
            return ApiResponse.ok(JsonViews.coupon(coupon));
        }
    }

    ApiResponse listCoupons(ApiRequest req, Merchant m) {
        return MerchantApi.listPage(req, m, m.coupons, coupon -> JsonViews.coupon(coupon));
    }

    ApiResponse createPromotionCode(ApiRequest req, Merchant m) {
        ObjectNode body = req.jsonObject();
        FieldErrors errors = new FieldErrors();
        PayloadReader in = new PayloadReader(errors);
        String couponId = in.string(body, "coupon", "", true, 0);
        String code = in.string(body, "code", "", true, 0);
        Boolean active = in.bool(body, "active", "");
        String currency = in.currency(body, "currency", "", false);
        Long expiresAt = in.integer(body, "expiresAt", "", false, 0, Long.MAX_VALUE);
        Boolean firstTime = in.bool(body, "firstTimeTransaction", "");
        Long maxRedemptions = in.integer(body, "maxRedemptionCount", "", false, 1, PayloadReader.UINT32_MAX);
        Long minimumAmount = in.integer(body, "minimumAmount", "", false, 0, PayloadReader.UINT32_MAX);
        Boolean onePerCustomer = in.bool(body, "onePerCustomer", "");
        ObjectNode metadata = in.metadata(body, "metadata", "");
        errors.throwIfAny();
        long now = clock.now();
        synchronized (m) {
            CouponRecord coupon = coupon(m, couponId);
            for (PromotionCodeRecord existing : m.promotionCodes.all()) {
                if (existing.code.equalsIgnoreCase(code)) {
                    throw new ApiException(409, "promotion-code.exists", "The promotion code " + code
                            + " already exists (codes are unique regardless of case)");
                }
            }
            PromotionCodeRecord promotionCode = new PromotionCodeRecord(m.test, now, coupon, code,
                    active == null || active, currency, expiresAt, Boolean.TRUE.equals(firstTime), maxRedemptions,
                    minimumAmount, Boolean.TRUE.equals(onePerCustomer), metadata);
            m.promotionCodes.add(promotionCode);
            m.emit("promotion_code.created", JsonViews.promotionCode(promotionCode), now);
            return ApiResponse.ok(JsonViews.promotionCode(promotionCode));
        }
    }

    private PromotionCodeRecord promotionCode(Merchant m, String id) {
        PromotionCodeRecord code = m.promotionCodes.get(id);
        if (code == null) {
            throw ApiException.notFound("promotion-code.not-found", id);
        }
        return code;
    }

    ApiResponse getPromotionCode(Merchant m, String id) {
        synchronized (m) {
            return ApiResponse.ok(JsonViews.promotionCode(promotionCode(m, id)));
        }
    }

    ApiResponse updatePromotionCode(ApiRequest req, Merchant m, String id) {
        ObjectNode body = req.jsonObject();
        FieldErrors errors = new FieldErrors();
        PayloadReader in = new PayloadReader(errors);
        Boolean active = in.bool(body, "active", "");
        ObjectNode metadata = in.present(body, "metadata") ? in.metadata(body, "metadata", "") : null;
        errors.throwIfAny();
        long now = clock.now();
        synchronized (m) {
            PromotionCodeRecord code = promotionCode(m, id);
            if (active != null) {
                code.active = active;
            }
            if (metadata != null) {
                code.metadata = metadata;
            }
            code.updatedAt = now;
            m.emit("promotion_code.updated", JsonViews.promotionCode(code), now);
            return ApiResponse.ok(JsonViews.promotionCode(code));
        }
    }

    ApiResponse listPromotionCodes(ApiRequest req, Merchant m) {
        return MerchantApi.listPage(req, m, m.promotionCodes, code -> JsonViews.promotionCode(code));
    }
}
