package org.bnplkit.smartpay.sandbox;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One merchant account = one secret key. Everything it owns is guarded by {@code synchronized (merchant)}:
 * every operation on a merchant's objects runs under that lock, so a capture and a cancel racing on
 * one order serialise. Events raised under the lock are handed to the webhook dispatcher in order.
 */
final class Merchant {

    final boolean test;
    /** A name for logs and control output; never the key. */
    final String label;
    final ObjectTable<CheckoutSessionRecord> sessions = new ObjectTable<>("checkoutSession");
    final ObjectTable<OrderRecord> orders = new ObjectTable<>("order");
    final ObjectTable<PaymentRecord> payments = new ObjectTable<>("payment");
    final ObjectTable<RefundRecord> refunds = new ObjectTable<>("refund");
    final ObjectTable<WebhookEndpointRecord> webhookEndpoints = new ObjectTable<>("webhookEndpoint");
    final ObjectTable<CouponRecord> coupons = new ObjectTable<>("coupon");
    final ObjectTable<PromotionCodeRecord> promotionCodes = new ObjectTable<>("promotionCode");
    final ObjectTable<TokenRecord> tokens = new ObjectTable<>("token");
    final IdempotencyStore idempotency = new IdempotencyStore();
    private final WebhookDispatcher dispatcher;
    private final Merchants all;

    Merchant(boolean test, String label, WebhookDispatcher dispatcher, Merchants all) {
        this.test = test;
        this.label = label;
        this.dispatcher = dispatcher;
        this.all = all;
    }

    /** The sandbox-wide choice for closing an order that has captures. */
    CapturedOrderCancellation capturedOrderCancellation() {
        return all.capturedOrderCancellation;
    }

    /** Raises an event; the caller holds this merchant's lock. */
    void emit(String type, ObjectNode data, long now) {
        SandboxEvent event = new SandboxEvent(type, now, test, data);
        List<WebhookEndpointRecord> targets = new ArrayList<>();
        for (WebhookEndpointRecord endpoint : webhookEndpoints.all()) {
            if (endpoint.isVisible() && endpoint.active && endpoint.subscribesTo(type)) {
                targets.add(endpoint);
            }
        }
        dispatcher.publish(event, targets);
    }

    @Override
    public String toString() {
        return label;
    }
}
