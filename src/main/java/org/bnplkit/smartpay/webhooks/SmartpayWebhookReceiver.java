package org.bnplkit.smartpay.webhooks;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Date;

import javax.annotation.Resource;

import org.bnplkit.smartpay.client.webhook.WebhookEvent;
import org.bnplkit.smartpay.client.webhook.WebhookEventType;
import org.bnplkit.smartpay.client.webhook.WebhookSignatureException;
import org.bnplkit.smartpay.journal.SmartpayWebhookEvent;
import org.bnplkit.smartpay.journal.WebhookEventStatus;
import org.bnplkit.smartpay.journal.WebhookInbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The endpoint's logic, free of servlet types: verify, parse, store, hand off, answer. In that order, so nothing is
 * stored that was not signed by Smartpay, and Smartpay gets its 2xx only once the event is safely in the inbox.
 *
 * <table>
 *   <caption>Answers</caption>
 *   <tr><td>200</td><td>stored (a new event) — or already stored (a redelivered event id): nothing new</td></tr>
 *   <tr><td>400</td><td>signed but not a Smartpay event (not JSON, no id or type, ids that disagree)</td></tr>
 *   <tr><td>401</td><td>signature missing, malformed, wrong, or timestamp outside gateway.smartpay.webhook.toleranceSeconds</td></tr>
 *   <tr><td>413</td><td>body larger than gateway.smartpay.webhook.maxBodyBytes (the controller stops reading)</td></tr>
 *   <tr><td>503</td><td>no signing secret configured, or the inbox cannot be written: Smartpay retries later</td></tr>
 * </table>
 * Every refusal is logged on one line with its reason (never the secret, the signature or the body).
 */
@Component("blSmartpayWebhookReceiver")
public class SmartpayWebhookReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(SmartpayWebhookReceiver.class);

    @Resource(name = "blSmartpayWebhookSecrets")
    protected SmartpayWebhookSecrets secrets;

    @Resource(name = "blSmartpayWebhookInbox")
    protected WebhookInbox inbox;

    @Resource(name = "blSmartpayWebhookProcessor")
    protected SmartpayWebhookProcessor processor;

    @Resource(name = "blSmartpayWebhookSettings")
    protected SmartpayWebhookSettings settings;

    /**
     * Receives one delivery.
     *
     * @param body           the exact bytes received
     * @param signature      Smartpay-Signature
     * @param timestamp      Smartpay-Signature-Timestamp
     * @param subscriptionId Smartpay-Subscription-Id (picks the secret; may be null)
     * @param eventIdHeader  Smartpay-Event-Id (must agree with the body's id when present)
     */
    public Reception receive(byte[] body, String signature, String timestamp, String subscriptionId, String eventIdHeader) {
        if (body == null || body.length > settings.maxBodyBytes()) {
            LOG.warn("Smartpay webhook refused (413): body larger than {} bytes", settings.maxBodyBytes());
            return Reception.refused(413, "body too large");
        }
        String secretMode;
        try {
            secretMode = secrets.verify(body, signature, timestamp, subscriptionId);
        } catch (SmartpayWebhookSecrets.NoSigningSecretException e) {
            LOG.error("Smartpay webhook refused (503): {}", e.getMessage());
            return Reception.refused(503, "webhook signing secret not configured");
        } catch (WebhookSignatureException e) {
            LOG.warn("Smartpay webhook refused (401): {} (subscription {}, event {})", e.getMessage(), subscriptionId,
                    eventIdHeader);
            return Reception.refused(401, "invalid signature");
        }
        WebhookEvent event;
        String text;
        try {
            text = strictUtf8(body);
            event = WebhookEvent.parse(body);
        } catch (RuntimeException | CharacterCodingException e) {
            LOG.warn("Smartpay webhook refused (400): signed body is not a Smartpay event: {}", e.getMessage());
            return Reception.refused(400, "malformed event");
        }
        if (event == null) {
            LOG.warn("Smartpay webhook refused (400): the signed body is not an event object");
            return Reception.refused(400, "malformed event");
        }
        if (secretMode != null && ("test".equals(secretMode) != event.test())) {
            // a test-mode endpoint's secret (a developer's, a staging store's) must never authenticate live money
            LOG.warn("Smartpay webhook refused (401): event {} is {} but was signed with the {} endpoint's secret",
                    event.id(), event.test() ? "test" : "live", secretMode);
            return Reception.refused(401, "invalid signature");
        }
        String problem = problem(event, eventIdHeader);
        if (problem != null) {
            LOG.warn("Smartpay webhook refused (400): {}", problem);
            return Reception.refused(400, "malformed event");
        }
        SmartpayWebhookEvent row = new SmartpayWebhookEvent();
        Date now = new Date();
        row.setEventId(event.id());
        row.setEventType(event.type());
        row.setSubscriptionId(truncate(subscriptionId, 128));
        row.setObjectId(truncate(event.dataId(), 64));
        row.setSmartpayOrderId(truncate(smartpayOrderId(event), 64));
        row.setTestMode(event.test());
        row.setBody(text);
        row.setStatus(WebhookEventStatus.RECEIVED);
        row.setAttempts(0);
        row.setReceivedAt(now);
        row.setUpdatedAt(now);
        WebhookInbox.Insert insert;
        try {
            insert = inbox.insertIfAbsent(row);
        } catch (RuntimeException e) {
            LOG.error("Smartpay webhook {} could not be stored (503, Smartpay will retry): {}", event.id(), e.toString());
            return Reception.refused(503, "inbox unavailable");
        }
        if (!insert.created()) {
            LOG.info("Smartpay webhook {} ({}) received again: already in the inbox as {}", event.id(), event.type(),
                    insert.row().getStatus());
            return new Reception(200, "duplicate", insert.row().getId(), false);
        }
        processor.dispatch(insert.row().getId());
        return new Reception(200, "received", insert.row().getId(), true);
    }

    private static String problem(WebhookEvent event, String eventIdHeader) {
        if (event.id() == null || event.id().trim().isEmpty()) {
            return "the event has no id";
        }
        if (event.id().length() > SmartpayWebhookEvent.EVENT_ID_LENGTH) {
            return "event id longer than " + SmartpayWebhookEvent.EVENT_ID_LENGTH + " characters";
        }
        if (event.type() == null || event.type().trim().isEmpty() || event.type().length() > 64) {
            return "event " + event.id() + " has no usable type";
        }
        if (eventIdHeader != null && !eventIdHeader.trim().isEmpty() && !eventIdHeader.trim().equals(event.id())) {
            return "Smartpay-Event-Id " + eventIdHeader + " differs from the signed body's id " + event.id();
        }
        return null;
    }

    /** The Smartpay order named by the body: order.* carry it, payment.* name it; refunds are resolved later. */
    private static String smartpayOrderId(WebhookEvent event) {
        if (event.type().startsWith("order.")) {
            return event.dataId();
        }
        if (WebhookEventType.PAYMENT_CREATED.equals(event.type())) {
            JsonNode data = event.data();
            return SmartpayWebhookHandlers.idOf(data == null ? null : data.get("order"));
        }
        return null;
    }

    private static String strictUtf8(byte[] body) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** The answer to give Smartpay. */
    public static final class Reception {
        private final int status;
        private final String outcome;
        private final Long inboxId;
        private final boolean created;

        Reception(int status, String outcome, Long inboxId, boolean created) {
            this.status = status;
            this.outcome = outcome;
            this.inboxId = inboxId;
            this.created = created;
        }

        static Reception refused(int status, String outcome) {
            return new Reception(status, outcome, null, false);
        }

        /** HTTP status for Smartpay. */
        public int status() { return status; }

        /** Short reason, safe to send back ("received", "duplicate", "invalid signature", ...). */
        public String outcome() { return outcome; }

        /** The inbox row (new or existing), or null when refused. */
        public Long inboxId() { return inboxId; }

        /** True only for a new event. */
        public boolean created() { return created; }

        @Override
        public String toString() {
            return status + " " + outcome;
        }
    }
}
