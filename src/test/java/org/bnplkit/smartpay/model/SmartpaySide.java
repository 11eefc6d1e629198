package org.bnplkit.smartpay.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.bnplkit.smartpay.client.CancelRemainder;
import org.bnplkit.smartpay.client.ListParams;
import org.bnplkit.smartpay.client.Payment;
import org.bnplkit.smartpay.client.PaymentCreateParams;
import org.bnplkit.smartpay.client.Refund;
import org.bnplkit.smartpay.client.RefundCreateParams;
import org.bnplkit.smartpay.client.RefundReason;
import org.bnplkit.smartpay.client.RequestOptions;
import org.bnplkit.smartpay.client.SmartpayException;
import org.bnplkit.smartpay.client.WebhookEndpoint;
import org.bnplkit.smartpay.client.WebhookEndpointUpdateParams;
import org.bnplkit.smartpay.sandbox.SandboxFault;
import org.bnplkit.smartpay.webhooks.SmartpayOrderSync;

/**
 * The {@link Shop}'s other side: what happens at Smartpay without the store asking — changes made in Smartpay's
 * dashboard (delivered by webhook, or found by reconciliation when the webhook is lost), the authorization lapsing,
 * faults on the store's next requests — and the reconciliation that brings such changes into Broadleaf.
 */
final class SmartpaySide {

    private final Shop shop;

    SmartpaySide(Shop shop) {
        this.shop = shop;
    }

    Shop dashboardCapture(int orderIndex, int percent, boolean webhookLost) {
        MerchantModel order = shop.order(orderIndex);
        long amount = Shop.portion(order.uncaptured(), percent);
        if (order.automaticCapture || amount == 0) {
            return shop.note("dashboard capture on " + Shop.name(order) + ": skipped (nothing uncaptured)");
        }
        order.capture(amount);
        RequestOptions key = dashboardKey();
        Payment payment = atSmartpay(webhookLost, order, () -> shop.client().createPayment(PaymentCreateParams.builder()
                .order(order.smartpayOrderId).amount(amount).currency("JPY").cancelRemainder(CancelRemainder.MANUAL).build(),
                key));
        order.outsideMoneyIds.add(payment.id());
        return shop.note("dashboard capture of " + amount + " on " + Shop.name(order) + " (" + payment.id() + ", "
                + (webhookLost ? "webhook lost, found by reconciliation" : "delivered by webhook") + ")");
    }

    Shop dashboardRefund(int orderIndex, int percent, boolean webhookLost) {
        MerchantModel order = shop.order(orderIndex);
        SmartpayTruth truth = SmartpayTruth.read(shop.client(), order.smartpayOrderId);
        SmartpayTruth.Money target = null;
        for (SmartpayTruth.Money p : truth.payments()) {
            long left = p.amount() - p.refunds().stream().mapToLong(SmartpayTruth.Money::amount).sum();
            if (left > 0) {
                target = p; // the newest payment with money left
            }
        }
        long left = target == null ? 0 : target.amount() - target.refunds().stream().mapToLong(SmartpayTruth.Money::amount).sum();
        long amount = Shop.portion(Math.min(left, order.refundable()), percent);
        if (amount == 0) {
            return shop.note("dashboard refund on " + Shop.name(order) + ": skipped (nothing refundable)");
        }
        order.refund(amount);
        String paymentId = target.id();
        RequestOptions key = dashboardKey();
        Refund refund = atSmartpay(webhookLost, order, () -> shop.client().createRefund(RefundCreateParams.builder().payment(paymentId)
                .amount(amount).currency("JPY").reason(RefundReason.REQUESTED_BY_CUSTOMER).build(), key));
        order.outsideMoneyIds.add(refund.id());
        return shop.note("dashboard refund of " + amount + " of " + paymentId + " on " + Shop.name(order) + " (" + refund.id() + ", "
                + (webhookLost ? "webhook lost, found by reconciliation" : "delivered by webhook") + ")");
    }

    Shop dashboardCancel(int orderIndex, boolean webhookLost) {
        MerchantModel order = shop.order(orderIndex);
        if (order.automaticCapture || order.uncaptured() == 0) {
            return shop.note("dashboard cancel of " + Shop.name(order) + ": skipped (nothing authorized)");
        }
        long released = order.closeAtSmartpay();
        order.awaitingReconciliation |= order.captured > 0; // Smartpay announces no cancellation that leaves captures
        RequestOptions key = dashboardKey();
        atSmartpay(webhookLost, order, () -> shop.client().cancelOrder(order.smartpayOrderId, key));
        return shop.note("dashboard cancel of " + Shop.name(order) + ": Smartpay releases " + released + " ("
                + (webhookLost ? "webhook lost, found by reconciliation" : "delivered by webhook") + ")");
    }

    /** The 7-day authorization lapses at Smartpay (sandbox clock); order.canceled is delivered. */
    Shop expire(int orderIndex) {
        MerchantModel order = shop.order(orderIndex);
        if (order.automaticCapture || order.uncaptured() == 0) {
            return shop.note("expiry of " + Shop.name(order) + ": skipped (nothing authorized)");
        }
        long released = order.closeAtSmartpay();
        order.awaitingReconciliation |= order.captured > 0;
        shop.ctx.sandbox().expire(order.smartpayOrderId);
        shop.settle();
        return shop.note("authorization of " + Shop.name(order) + " expires at Smartpay: " + released + " released");
    }

    /** The reconciliation pass's work on each order of the run: compare with Smartpay, import what is missing. */
    Shop reconcile() {
        SmartpayOrderSync sync = shop.ctx.bean("blSmartpayOrderSync", SmartpayOrderSync.class);
        List<String> changes = new ArrayList<>();
        for (MerchantModel order : shop.orders) {
            changes.addAll(sync.sync(order.smartpayOrderId, order.orderId, "reconciliation").changes());
            order.awaitingReconciliation = false;
        }
        shop.settle();
        return shop.note("reconciliation of every order: " + (changes.isEmpty() ? "no change" : changes));
    }

    /** Arms a fault on the next money-moving request(s) to Smartpay. */
    Shop fault(FaultKind kind, int target) {
        String[][] requests = {{"POST", "/v1/payments"}, {"POST", "/v1/refunds"}, {"PUT", "/v1/orders/[^/]+/cancellation"}};
        String[] request = requests[Math.floorMod(target, requests.length)];
        shop.ctx.sandbox().injectFault(kind.fault().on(request[0], request[1]));
        return shop.note("Smartpay fault armed: " + kind.description + " on " + request[0] + " " + request[1]);
    }

    /**
     * A dashboard change; with {@code webhookLost} the store's endpoints are off meanwhile and reconciliation finds it.
     * The faults armed for the store's requests hit it too: like a person at the dashboard, it is tried again (same
     * idempotency key) until Smartpay takes it.
     */
    private <T> T atSmartpay(boolean webhookLost, MerchantModel order, java.util.function.Supplier<T> change) {
        if (webhookLost) {
            webhooksActive(false);
        }
        T result = null;
        try {
            for (int attempt = 1; result == null; attempt++) {
                try {
                    result = change.get();
                } catch (SmartpayException e) {
                    if (attempt == 8) {
                        throw e;
                    }
                    Shop.pause(Shop.READ_TIMEOUT_MS);
                }
            }
        } finally {
            if (webhookLost) {
                shop.ctx.sandbox().awaitWebhooksIdle(Duration.ofSeconds(20));
                webhooksActive(true);
            }
        }
        shop.settle();
        if (webhookLost) {
            shop.ctx.bean("blSmartpayOrderSync", SmartpayOrderSync.class).sync(order.smartpayOrderId, order.orderId, "reconciliation");
            order.awaitingReconciliation = false;
            shop.settle();
        }
        return result;
    }

    void webhooksActive(boolean active) {
        for (WebhookEndpoint endpoint : shop.client().listWebhookEndpoints(ListParams.builder().maxResults(100).build()).data()) {
            shop.client().updateWebhookEndpoint(endpoint.id(), WebhookEndpointUpdateParams.builder().active(active).build(), null);
        }
    }

    private static RequestOptions dashboardKey() {
        return RequestOptions.idempotencyKey("dashboard-" + UUID.randomUUID());
    }

    /** Faults the sandbox can inject on a money-moving request. */
    enum FaultKind {
        SERVER_ERROR("500 once", SandboxFault.status(500)),
        RATE_LIMITED("429 once", SandboxFault.status(429).retryAfterSeconds(1)),
        TIMEOUT("an answer after the client's read timeout", SandboxFault.delay(Duration.ofMillis(Shop.READ_TIMEOUT_MS + 1_000))),
        DROPPED_AFTER_COMMIT("connection dropped after Smartpay committed", SandboxFault.dropAfterCommit()),
        DOWN("503 for the next 12 requests (down for a while)", SandboxFault.status(503).times(12));

        final String description;
        private final SandboxFault fault;

        FaultKind(String description, SandboxFault fault) {
            this.description = description;
            this.fault = fault;
        }

        SandboxFault fault() {
            return fault;
        }
    }
}
