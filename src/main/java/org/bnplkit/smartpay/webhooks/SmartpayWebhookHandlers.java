package org.bnplkit.smartpay.webhooks;

import java.util.Date;

import javax.annotation.Resource;

import org.bnplkit.smartpay.client.Expand;
import org.bnplkit.smartpay.client.OrderStatus;
import org.bnplkit.smartpay.client.Payment;
import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.client.webhook.WebhookEvent;
import org.bnplkit.smartpay.client.webhook.WebhookEventType;
import org.bnplkit.smartpay.config.SmartpayClientProvider;
import org.bnplkit.smartpay.journal.NoticeKind;
import org.bnplkit.smartpay.journal.SmartpayNotices;
import org.bnplkit.smartpay.webhooks.SmartpayCheckoutCompletion.Completion;
import org.bnplkit.smartpay.webhooks.SmartpayOrderSync.SyncResult;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What each Smartpay event does. Every handler is idempotent by Smartpay ids because it does not apply the event
 * itself: it asks {@link SmartpayOrderSync} to bring the Broadleaf order in step with the Smartpay order as it is
 * now. Events the module does not use (token.*, payout.*, ...) are IGNORED.
 * <ul>
 *   <li>order.authorized — the checkout is normally completed by the shopper's return; when no Broadleaf order is
 *       paid with it after gateway.smartpay.webhook.completeCheckoutAfterSeconds, {@link SmartpayCheckoutCompletion}
 *       completes it ("customer paid, no order").</li>
 *   <li>order.rejected — a notice (ORDER_REJECTED); nothing else changes.</li>
 *   <li>order.canceled — REVERSE_AUTH for what Smartpay released, a CANCELED_AT_SMARTPAY notice, and the Broadleaf
 *       order CANCELLED when gateway.smartpay.order.cancelWhenCancelledAtSmartpay is on ({@link CanceledAtSmartpay}).</li>
 *   <li>payment.created — a capture made outside the module becomes a CAPTURE.</li>
 *   <li>refund.created — a refund made outside the module becomes a REFUND.</li>
 * </ul>
 */
@Component("blSmartpayWebhookHandlers")
public class SmartpayWebhookHandlers {

    /** Event type of the module's own connection test (never sent by Smartpay). */
    public static final String CONNECTION_TEST = "smartpay_broadleaf.connection_test";
    static final long BUSY_RETRY_MS = 5_000L;

    @Resource(name = "blSmartpayOrderSync")
    protected SmartpayOrderSync sync;

    @Resource(name = "blSmartpayCheckoutCompletion")
    protected SmartpayCheckoutCompletion completion;

    @Resource(name = "blSmartpayClientProvider")
    protected SmartpayClientProvider clientProvider;

    @Resource(name = "blSmartpayNotices")
    protected SmartpayNotices notices;

    @Resource(name = "blSmartpayWebhookSettings")
    protected SmartpayWebhookSettings settings;

    public Handled handle(WebhookEvent event, Date now) {
        String type = event.type();
        String source = "webhook " + event.id();
        if (WebhookEventType.ORDER_AUTHORIZED.equals(type)) {
            return orderAuthorized(event, now, source);
        }
        if (WebhookEventType.ORDER_REJECTED.equals(type)) {
            return orderRejected(event, source);
        }
        if (WebhookEventType.ORDER_CANCELED.equals(type) || WebhookEventType.PAYMENT_CREATED.equals(type)
                || WebhookEventType.REFUND_CREATED.equals(type)) {
            String smartpayOrderId = smartpayOrderId(event);
            if (smartpayOrderId == null) {
                return Handled.ignored("the event names no Smartpay order");
            }
            return synced(sync.sync(smartpayOrderId, source), now);
        }
        if (CONNECTION_TEST.equals(type)) {
            return Handled.ignored("connection test");
        }
        return Handled.ignored("event type " + type + " is not used by the module");
    }

    private Handled orderAuthorized(WebhookEvent event, Date now, String source) {
        SyncResult result = sync.sync(event.dataId(), source);
        switch (result.kind()) {
            case NOT_OURS:
                return Handled.ignored(result.summary());
            case SYNCED:
                return synced(result, now);
            default:
                break;
        }
        String smartpayOrderId = result.smartpayOrder().id();
        String status = result.smartpayOrder().status();
        if (!OrderStatus.REQUIRES_CAPTURE.equals(status) && !OrderStatus.SUCCEEDED.equals(status)) {
            return Handled.processed("Smartpay order " + smartpayOrderId + " is " + status + " now: nothing to complete");
        }
        if (!settings.completeCheckout()) {
            notices.raise("not-completed:" + smartpayOrderId, NoticeKind.CHECKOUT_NOT_COMPLETED, result.orderId(),
                    smartpayOrderId, "The shopper approved Smartpay order " + smartpayOrderId + " but Broadleaf order "
                            + result.orderId() + " was not submitted, and " + SmartpayWebhookSettings.COMPLETE_CHECKOUT
                            + " is false. The orphan job releases the approval after its grace period.");
            return Handled.processed("approved but not submitted; completion disabled");
        }
        long authorizedAt = event.createdAt() != null ? event.createdAt() : now.getTime();
        Date dueAt = new Date(authorizedAt + settings.completeCheckoutAfterMs());
        if (now.before(dueAt)) {
            return Handled.postponed("leaving the shopper's return time to complete order " + result.orderId(), dueAt);
        }
        Completion c = completion.complete(result.orderId(), smartpayOrderId);
        switch (c.kind()) {
            case COMPLETED:
                notices.raise("completed:" + smartpayOrderId, NoticeKind.CHECKOUT_COMPLETED_BY_WEBHOOK, result.orderId(),
                        smartpayOrderId, "The shopper approved Smartpay order " + smartpayOrderId + " but did not come"
                                + " back to the store; order " + c.orderNumber() + " was submitted from " + source + ".");
                return Handled.processed(c.detail());
            case ALREADY_SUBMITTED:
                return Handled.processed(c.detail());
            case BUSY:
                return Handled.postponed(c.detail(), new Date(now.getTime() + BUSY_RETRY_MS));
            default:
                notices.raise("not-completed:" + smartpayOrderId, NoticeKind.CHECKOUT_NOT_COMPLETED, result.orderId(),
                        smartpayOrderId, "The shopper approved Smartpay order " + smartpayOrderId + " but the checkout"
                                + " could not be completed: " + c.detail() + ". An approval still open is released by the"
                                + " orphan job.");
                return Handled.processed("not completed: " + c.detail());
        }
    }

    private Handled orderRejected(WebhookEvent event, String source) {
        SyncResult result = sync.sync(event.dataId(), source);
        if (result.kind() == SyncResult.Kind.NOT_OURS) {
            return Handled.ignored(result.summary());
        }
        String smartpayOrderId = result.smartpayOrder().id();
        boolean hard = OrderStatus.REJECTED.equals(result.smartpayOrder().status());
        notices.raise("rejected:" + smartpayOrderId, NoticeKind.ORDER_REJECTED, result.orderId(), smartpayOrderId,
                "Smartpay declined the shopper of Broadleaf order " + result.orderId() + " (" + (hard
                        ? "hard decline: Smartpay order " + smartpayOrderId + " is rejected"
                        : "soft decline: the shopper may still pay with another method") + ").");
        return Handled.processed((hard ? "hard" : "soft") + " decline of order " + result.orderId() + " noted");
    }

    private Handled synced(SyncResult result, Date now) {
        if (result.kind() == SyncResult.Kind.NOT_OURS) {
            return Handled.ignored(result.summary());
        }
        if (!result.waiting().isEmpty()) {
            return Handled.postponed(result.summary(), new Date(now.getTime() + Math.max(BUSY_RETRY_MS, settings.initialBackoffMs())));
        }
        return Handled.processed(result.summary());
    }

    /** The Smartpay order an event concerns: the order itself, a payment's order, a refund's payment's order. */
    private String smartpayOrderId(WebhookEvent event) {
        String type = event.type();
        if (type.startsWith("order.")) {
            return event.dataId();
        }
        JsonNode data = event.data();
        if (WebhookEventType.PAYMENT_CREATED.equals(type)) {
            return idOf(data == null ? null : data.get("order"));
        }
        String paymentId = idOf(data == null ? null : data.get("payment"));
        if (paymentId == null) {
            return null;
        }
        SmartpayClient client = clientProvider.client();
        Payment payment = client.getPayment(paymentId, Expand.NO);
        return payment.order() == null ? null : payment.order().id();
    }

    /**
     * Why a signed event of a type the module handles can never be applied, however often it is retried (its data is
     * null, not an object, or lacks the ids the handler needs); null when it can be handled. Such an event is a dead
     * letter at once, with this reason.
     */
    static String unusableReason(WebhookEvent event) {
        String type = event.type();
        boolean handled = WebhookEventType.ORDER_AUTHORIZED.equals(type) || WebhookEventType.ORDER_REJECTED.equals(type)
                || WebhookEventType.ORDER_CANCELED.equals(type) || WebhookEventType.PAYMENT_CREATED.equals(type)
                || WebhookEventType.REFUND_CREATED.equals(type);
        if (!handled) {
            return null;
        }
        JsonNode data = event.data();
        if (data == null || data.isNull()) {
            return "eventData.data is null";
        }
        if (!data.isObject()) {
            return "eventData.data is not an object";
        }
        String id = event.dataId();
        if (id == null || id.trim().isEmpty()) {
            return "eventData.data has no id";
        }
        if (WebhookEventType.PAYMENT_CREATED.equals(type) && idOf(data.get("order")) == null) {
            return "the payment's data names no order";
        }
        if (WebhookEventType.REFUND_CREATED.equals(type) && idOf(data.get("payment")) == null) {
            return "the refund's data names no payment";
        }
        return null;
    }

    /** The id of a reference that is either a plain id string or an expanded object. */
    static String idOf(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        JsonNode id = node.get("id");
        return id == null || id.isNull() ? null : id.asText();
    }

    /** What handling an event came to. */
    public static final class Handled {

        /** PROCESSED / IGNORED settle the event; POSTPONED looks again at {@link #retryAt()} (not an attempt). */
        public enum Kind { PROCESSED, IGNORED, POSTPONED }

        private final Kind kind;
        private final String outcome;
        private final Date retryAt;

        private Handled(Kind kind, String outcome, Date retryAt) {
            this.kind = kind;
            this.outcome = outcome;
            this.retryAt = retryAt;
        }

        static Handled processed(String outcome) {
            return new Handled(Kind.PROCESSED, outcome, null);
        }

        static Handled ignored(String outcome) {
            return new Handled(Kind.IGNORED, outcome, null);
        }

        static Handled postponed(String outcome, Date retryAt) {
            return new Handled(Kind.POSTPONED, outcome, retryAt);
        }

        public Kind kind() { return kind; }

        public String outcome() { return outcome; }

        public Date retryAt() { return retryAt; }

        @Override
        public String toString() {
            return kind + ": " + outcome;
        }
    }
}
