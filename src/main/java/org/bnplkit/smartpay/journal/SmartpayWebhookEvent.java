package org.bnplkit.smartpay.journal;

import java.io.Serializable;
import java.util.Date;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Temporal;
import javax.persistence.TemporalType;
import javax.persistence.UniqueConstraint;
import javax.persistence.Version;

import org.hibernate.annotations.Index;

/**
 * The webhook inbox: one row per Smartpay event, written (and committed) after the signature was verified and
 * before the endpoint answers 2xx. EVENT_ID is unique, so a redelivered event (Smartpay retries with the same
 * id) finds its row and adds nothing. The processor works the row later, on any node, under a lease.
 *
 * <p>BODY is the exact JSON received (it was verified against its signature on arrival; it is not verified
 * again when re-processed). Production DDL: {@code config/bc/sql/smartpay_webhook_*.sql}.
 */
@Entity
@Table(name = "SMARTPAY_WEBHOOK_EVENT",
        uniqueConstraints = @UniqueConstraint(name = "UK_SMARTPAY_WEBHOOK_EVENT_ID", columnNames = "EVENT_ID"))
@org.hibernate.annotations.Table(appliesTo = "SMARTPAY_WEBHOOK_EVENT", indexes = {
        @Index(name = "IX_SMARTPAY_WH_DUE", columnNames = {"STATUS", "NEXT_ATTEMPT_AT"}),
        @Index(name = "IX_SMARTPAY_WH_ORDER", columnNames = "SMARTPAY_ORDER_ID")})
public class SmartpayWebhookEvent implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final int EVENT_ID_LENGTH = 128;
    /** Column size of BODY; the endpoint's configurable limit cannot go above it. */
    public static final int MAX_BODY_CHARS = 1_048_576;
    public static final int TEXT_LENGTH = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "ID")
    private Long id;

    @Column(name = "EVENT_ID", nullable = false, length = EVENT_ID_LENGTH)
    private String eventId;

    @Column(name = "EVENT_TYPE", nullable = false, length = 64)
    private String eventType;

    /** Smartpay-Subscription-Id: the webhook endpoint the delivery was for. */
    @Column(name = "SUBSCRIPTION_ID", length = 128)
    private String subscriptionId;

    /** Id of the event's object (eventData.data.id): an order, payment or refund id. */
    @Column(name = "OBJECT_ID", length = 64)
    private String objectId;

    /** The Smartpay order the event concerns, when the body names it (order.*, payment.*). */
    @Column(name = "SMARTPAY_ORDER_ID", length = 64)
    private String smartpayOrderId;

    @Column(name = "TEST_MODE", nullable = false)
    private boolean testMode;

    @Column(name = "BODY", nullable = false, length = MAX_BODY_CHARS)
    private String body;

    @Enumerated(EnumType.STRING)
    @Column(name = "STATUS", nullable = false, length = 16)
    private WebhookEventStatus status;

    @Column(name = "ATTEMPTS", nullable = false)
    private int attempts;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "NEXT_ATTEMPT_AT")
    private Date nextAttemptAt;

    @Column(name = "CLAIMED_BY", length = 128)
    private String claimedBy;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "CLAIMED_UNTIL")
    private Date claimedUntil;

    /** What processing did ("recorded CAPTURE ¥1,200 of payment_…", "nothing new"). */
    @Column(name = "OUTCOME", length = TEXT_LENGTH)
    private String outcome;

    @Column(name = "LAST_ERROR", length = TEXT_LENGTH)
    private String lastError;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "RECEIVED_AT", nullable = false)
    private Date receivedAt;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "PROCESSED_AT")
    private Date processedAt;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "UPDATED_AT", nullable = false)
    private Date updatedAt;

    @Version
    @Column(name = "VERSION", nullable = false)
    private int version;

    public Long getId() { return id; }

    public String getEventId() { return eventId; }

    public void setEventId(String eventId) { this.eventId = eventId; }

    public String getEventType() { return eventType; }

    public void setEventType(String eventType) { this.eventType = eventType; }

    public String getSubscriptionId() { return subscriptionId; }

    public void setSubscriptionId(String subscriptionId) { this.subscriptionId = subscriptionId; }

    public String getObjectId() { return objectId; }

    public void setObjectId(String objectId) { this.objectId = objectId; }

    public String getSmartpayOrderId() { return smartpayOrderId; }

    public void setSmartpayOrderId(String smartpayOrderId) { this.smartpayOrderId = smartpayOrderId; }

    public boolean isTestMode() { return testMode; }

    public void setTestMode(boolean testMode) { this.testMode = testMode; }

    public String getBody() { return body; }

    public void setBody(String body) { this.body = body; }

    public WebhookEventStatus getStatus() { return status; }

    public void setStatus(WebhookEventStatus status) { this.status = status; }

    public int getAttempts() { return attempts; }

    public void setAttempts(int attempts) { this.attempts = attempts; }

    public Date getNextAttemptAt() { return nextAttemptAt; }

    public void setNextAttemptAt(Date nextAttemptAt) { this.nextAttemptAt = nextAttemptAt; }

    public String getClaimedBy() { return claimedBy; }

    public void setClaimedBy(String claimedBy) { this.claimedBy = claimedBy; }

    public Date getClaimedUntil() { return claimedUntil; }

    public void setClaimedUntil(Date claimedUntil) { this.claimedUntil = claimedUntil; }

    public String getOutcome() { return outcome; }

    public void setOutcome(String outcome) { this.outcome = truncate(outcome); }

    public String getLastError() { return lastError; }

    public void setLastError(String lastError) { this.lastError = truncate(lastError); }

    public Date getReceivedAt() { return receivedAt; }

    public void setReceivedAt(Date receivedAt) { this.receivedAt = receivedAt; }

    public Date getProcessedAt() { return processedAt; }

    public void setProcessedAt(Date processedAt) { this.processedAt = processedAt; }

    public Date getUpdatedAt() { return updatedAt; }

    public void setUpdatedAt(Date updatedAt) { this.updatedAt = updatedAt; }

    public int getVersion() { return version; }

    private static String truncate(String s) {
        return s == null || s.length() <= TEXT_LENGTH ? s : s.substring(0, TEXT_LENGTH);
    }

    /** No body: it is the shopper's order data, not log material. */
    @Override
    public String toString() {
        return "SmartpayWebhookEvent{id=" + id + ", eventId=" + eventId + ", type=" + eventType + ", object=" + objectId
                + ", status=" + status + ", attempts=" + attempts + "}";
    }
}
