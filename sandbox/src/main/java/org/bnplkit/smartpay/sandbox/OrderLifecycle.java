package org.bnplkit.smartpay.sandbox;

import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The order state machine, shared by the merchant API, the hosted page, the consumer flow and the test
 * controls. Every method runs under the merchant's lock and raises Smartpay's events.
 * <pre>
 * requires_authorization --approve (automatic)--> succeeded + payment of the full amount
 * requires_authorization --approve (manual)-----> requires_capture (expiresAt = now + 7 days)
 * requires_authorization --soft decline--> requires_authorization ; --hard decline--> rejected
 * requires_capture --capture all, or cancelRemainder=automatic--> succeeded
 * requires_capture --partial capture, cancelRemainder=manual--> requires_capture
 * requires_capture --cancel | expire | now > expiresAt--> canceled, or succeeded when something was captured
 * canceled --cancel--> canceled ; succeeded after such a close --cancel--> 200 unchanged
 * </pre>
 * Closing an order that has captures answers {@code succeeded} (as Smartpay's PHP SDK order lifecycle test
 * asserts after cancelling a partly captured order) and raises no event: its status is not canceled, and
 * Smartpay has no event for a released remainder.
 */
final class OrderLifecycle {

    static final long AUTHORIZATION_VALIDITY_MILLIS = TimeUnit.DAYS.toMillis(7);

    private OrderLifecycle() {
    }

    /** Cancels an authorization that outlived expiresAt; called before every look at an order. */
    static void expireIfDue(Merchant merchant, OrderRecord order, long now) {
        if (OrderRecord.REQUIRES_CAPTURE.equals(order.status) && order.expiresAt != null && now > order.expiresAt) {
            cancelAuthorization(merchant, order, now, "expired");
        }
    }

    static void approve(Merchant merchant, OrderRecord order, long now) {
        expireIfDue(merchant, order, now);
        if (!OrderRecord.REQUIRES_AUTHORIZATION.equals(order.status)) {
            throw new ApiException(409, "order.cannot-authorize",
                    "Order " + order.id + " cannot be authorized: it is " + order.status);
        }
        order.authorizedAt = now;
        order.expiresAt = now + AUTHORIZATION_VALIDITY_MILLIS;
        order.updatedAt = now;
        if (OrderRecord.AUTOMATIC.equals(order.captureMethod)) {
            order.status = OrderRecord.SUCCEEDED;
            PaymentRecord payment = addPayment(merchant, order, order.amount, order.reference, null,
                    null, null, now);
            merchant.emit("order.authorized", JsonViews.order(order, false), now);
            merchant.emit("payment.created", JsonViews.payment(payment, false), now);
        } else {
            order.status = OrderRecord.REQUIRES_CAPTURE;
            merchant.emit("order.authorized", JsonViews.order(order, false), now);
        }
    }

    /**
     * Approval with the shopper's promotion code (null: none). {@code strict}: a code that cannot be redeemed is
     * 409 {@code promotion-code.cannot-redeem} and nothing changes (test controls); otherwise the order is approved
     * without the discount, as a shopper continues after the checkout refused the code (hosted page).
     */
    static void approve(Merchant merchant, OrderRecord order, String promotionCode, boolean strict, long now) {
        expireIfDue(merchant, order, now);
        if (promotionCode != null && OrderRecord.REQUIRES_AUTHORIZATION.equals(order.status)) {
            PromotionCodeRecord code = PromotionCodeRedemption.find(merchant, promotionCode);
            String refusal = PromotionCodeRedemption.refusal(merchant, promotionCode, code, order, now);
            if (refusal == null) {
                PromotionCodeRedemption.redeem(merchant, code, order, now);
            } else if (strict) {
                throw new ApiException(409, "promotion-code.cannot-redeem",
                        "Promotion code " + promotionCode + " cannot be redeemed on order " + order.id + ": " + refusal);
            }
        }
        approve(merchant, order, now);
    }

    /** Soft: the shopper may retry, the order stays requires_authorization. Hard: rejected. Both raise order.rejected. */
    static void decline(Merchant merchant, OrderRecord order, boolean hard, long now) {
        if (!OrderRecord.REQUIRES_AUTHORIZATION.equals(order.status)) {
            throw new ApiException(409, "order.cannot-decline",
                    "Order " + order.id + " cannot be declined: it is " + order.status);
        }
        order.updatedAt = now;
        if (hard) {
            order.status = OrderRecord.REJECTED;
        }
        merchant.emit("order.rejected", JsonViews.order(order, false), now);
    }

    static PaymentRecord capture(Merchant merchant, OrderRecord order, long amount, String currency,
                                 boolean cancelRemainder, List<String> lineItemIds, String reference,
                                 String description, ObjectNode metadata, long now) {
        expireIfDue(merchant, order, now);
        if (!OrderRecord.REQUIRES_CAPTURE.equals(order.status)) {
            String reason = "expired".equals(order.canceledReason) ? "its authorization expired"
                    : "merchant".equals(order.canceledReason) ? "it was cancelled"
                    : OrderRecord.SUCCEEDED.equals(order.status) ? "it is already captured (succeeded)"
                    : "it is " + order.status;
            throw new ApiException(409, "order.cannot-capture",
                    "No payment can be created for order " + order.id + ": " + reason);
        }
        if (!order.currency.equals(currency)) {
            throw ApiException.invalid("currency", "must be the order's currency " + order.currency);
        }
        if (lineItemIds != null) {
            for (int i = 0; i < lineItemIds.size(); i++) {
                if (order.lineItem(lineItemIds.get(i)) == null) {
                    throw ApiException.invalid("lineItems[" + i + "]", "is not a line item of order " + order.id);
                }
            }
        }
        long available = order.amount - order.capturedTotal;
        if (amount > available) {
            throw new ApiException(409, "payment.excessive-amount", "The payment amount " + amount
                    + " exceeds the " + available + " still available for capture on order " + order.id);
        }
        PaymentRecord payment = addPayment(merchant, order, amount, reference, description, metadata, lineItemIds, now);
        if (order.capturedTotal == order.amount) {
            order.status = OrderRecord.SUCCEEDED;
        } else if (cancelRemainder) {
            order.status = OrderRecord.SUCCEEDED;
            order.remainderReleased = true;
        }
        merchant.emit("payment.created", JsonViews.payment(payment, false), now);
        return payment;
    }

    private static PaymentRecord addPayment(Merchant merchant, OrderRecord order, long amount, String reference,
                                            String description, ObjectNode metadata, List<String> lineItemIds,
                                            long now) {
        PaymentRecord payment = new PaymentRecord(order.test, now, order, amount, order.currency, reference,
                description, metadata, lineItemIds);
        order.payments.add(payment);
        order.capturedTotal += amount;
        order.updatedAt = now;
        merchant.payments.add(payment);
        return payment;
    }

    /**
     * PUT /orders/{id}/cancellation: requires_capture -> canceled (succeeded when it has captures); canceled, or
     * succeeded through an earlier cancellation, stays as it is; else 409.
     */
    static void cancel(Merchant merchant, OrderRecord order, long now) {
        expireIfDue(merchant, order, now);
        if (OrderRecord.CANCELED.equals(order.status) || order.canceledReason != null) {
            return;
        }
        if (!OrderRecord.REQUIRES_CAPTURE.equals(order.status)) {
            throw new ApiException(409, "order.cannot-cancel", "Only orders in requires_capture or canceled status"
                    + " can be cancelled; order " + order.id + " is " + order.status);
        }
        cancelAuthorization(merchant, order, now, "merchant");
    }

    /** Test control: the authorization lapses now. */
    static void expire(Merchant merchant, OrderRecord order, long now) {
        if (!OrderRecord.REQUIRES_CAPTURE.equals(order.status)) {
            throw new ApiException(409, "order.cannot-expire",
                    "Only orders in requires_capture can expire; order " + order.id + " is " + order.status);
        }
        cancelAuthorization(merchant, order, now, "expired");
    }

    private static void cancelAuthorization(Merchant merchant, OrderRecord order, long now, String reason) {
        order.canceledReason = reason;
        order.remainderReleased = order.capturedTotal < order.amount;
        order.updatedAt = now;
        if (order.capturedTotal > 0 && merchant.capturedOrderCancellation() == CapturedOrderCancellation.SUCCEEDED) {
            order.status = OrderRecord.SUCCEEDED; // what was captured stays; the rest is released, silently
            return;
        }
        order.status = OrderRecord.CANCELED;
        merchant.emit("order.canceled", JsonViews.order(order, false), now);
    }

    static RefundRecord refund(Merchant merchant, PaymentRecord payment, long amount, String currency, String reason,
                               List<String> lineItemIds, String reference, String description,
                               ObjectNode metadata, long now) {
        if (!payment.currency.equals(currency)) {
            throw ApiException.invalid("currency", "must be the payment's currency " + payment.currency);
        }
        if (lineItemIds != null) {
            for (int i = 0; i < lineItemIds.size(); i++) {
                if (payment.order.lineItem(lineItemIds.get(i)) == null) {
                    throw ApiException.invalid("lineItems[" + i + "]",
                            "is not a line item of order " + payment.order.id);
                }
            }
        }
        long refundable = payment.refundable();
        if (amount > refundable) {
            throw new ApiException(403, "amount.insufficient", "The refund amount " + amount
                    + " exceeds the " + refundable + " that payment " + payment.id + " still has to refund");
        }
        RefundRecord refund = new RefundRecord(payment.test, now, payment, amount, currency, reason, reference,
                description, metadata, lineItemIds);
        payment.refunds.add(refund);
        payment.refundedTotal += amount;
        if (payment.refundedTotal == payment.amount) {
            payment.status = PaymentRecord.REFUNDED;
        }
        payment.updatedAt = now;
        payment.order.updatedAt = now;
        merchant.refunds.add(refund);
        merchant.emit("refund.created", JsonViews.refund(refund, false), now);
        return refund;
    }

    static void approveToken(Merchant merchant, TokenRecord token, long now) {
        if (!TokenRecord.REQUIRES_AUTHORIZATION.equals(token.status)) {
            throw new ApiException(409, "token.cannot-authorize",
                    "Token " + token.id + " cannot be approved: it is " + token.status);
        }
        token.status = TokenRecord.ACTIVE;
        token.updatedAt = now;
        merchant.emit("token.approved", JsonViews.token(token), now);
    }

    static void rejectToken(Merchant merchant, TokenRecord token, long now) {
        if (!TokenRecord.REQUIRES_AUTHORIZATION.equals(token.status)) {
            throw new ApiException(409, "token.cannot-authorize",
                    "Token " + token.id + " cannot be rejected: it is " + token.status);
        }
        token.status = TokenRecord.REJECTED;
        token.updatedAt = now;
        merchant.emit("token.rejected", JsonViews.token(token), now);
    }
}
