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
 * Something an operator should see, raised by the webhook processor and the reconciliation jobs: an
 * authorization about to lapse, a change made in Smartpay's dashboard, a difference nobody can explain.
 * NOTICE_KEY is unique (e.g. {@code expiring:<smartpayOrderId>}): raising the same notice again updates it
 * (message, OCCURRENCES, UPDATED_AT) instead of piling up rows. An operator (or the condition going away)
 * resolves it.
 */
@Entity
@Table(name = "SMARTPAY_NOTICE",
        uniqueConstraints = @UniqueConstraint(name = "UK_SMARTPAY_NOTICE_KEY", columnNames = "NOTICE_KEY"))
@org.hibernate.annotations.Table(appliesTo = "SMARTPAY_NOTICE", indexes = {
        @Index(name = "IX_SMARTPAY_NOTICE_ORDER", columnNames = "ORDER_ID"),
        @Index(name = "IX_SMARTPAY_NOTICE_OPEN", columnNames = {"RESOLVED_AT", "SEVERITY"})})
public class SmartpayNotice implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final int KEY_LENGTH = 190;
    public static final int MESSAGE_LENGTH = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "ID")
    private Long id;

    @Column(name = "NOTICE_KEY", nullable = false, length = KEY_LENGTH)
    private String noticeKey;

    @Enumerated(EnumType.STRING)
    @Column(name = "KIND", nullable = false, length = 32)
    private NoticeKind kind;

    @Enumerated(EnumType.STRING)
    @Column(name = "SEVERITY", nullable = false, length = 16)
    private NoticeKind.Severity severity;

    /** The Broadleaf order, when there is one. */
    @Column(name = "ORDER_ID")
    private Long orderId;

    @Column(name = "SMARTPAY_ORDER_ID", length = 64)
    private String smartpayOrderId;

    @Column(name = "MESSAGE", nullable = false, length = MESSAGE_LENGTH)
    private String message;

    @Column(name = "OCCURRENCES", nullable = false)
    private int occurrences;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "CREATED_AT", nullable = false)
    private Date createdAt;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "UPDATED_AT", nullable = false)
    private Date updatedAt;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "RESOLVED_AT")
    private Date resolvedAt;

    @Version
    @Column(name = "VERSION", nullable = false)
    private int version;

    public Long getId() { return id; }

    public String getNoticeKey() { return noticeKey; }

    public void setNoticeKey(String noticeKey) { this.noticeKey = noticeKey; }

    public NoticeKind getKind() { return kind; }

    public void setKind(NoticeKind kind) {
        this.kind = kind;
        this.severity = kind == null ? null : kind.severity();
    }

    public NoticeKind.Severity getSeverity() { return severity; }

    public Long getOrderId() { return orderId; }

    public void setOrderId(Long orderId) { this.orderId = orderId; }

    public String getSmartpayOrderId() { return smartpayOrderId; }

    public void setSmartpayOrderId(String smartpayOrderId) { this.smartpayOrderId = smartpayOrderId; }

    public String getMessage() { return message; }

    public void setMessage(String message) {
        this.message = message == null || message.length() <= MESSAGE_LENGTH ? message : message.substring(0, MESSAGE_LENGTH);
    }

    public int getOccurrences() { return occurrences; }

    public void setOccurrences(int occurrences) { this.occurrences = occurrences; }

    public Date getCreatedAt() { return createdAt; }

    public void setCreatedAt(Date createdAt) { this.createdAt = createdAt; }

    public Date getUpdatedAt() { return updatedAt; }

    public void setUpdatedAt(Date updatedAt) { this.updatedAt = updatedAt; }

    public Date getResolvedAt() { return resolvedAt; }

    public void setResolvedAt(Date resolvedAt) { this.resolvedAt = resolvedAt; }

    public boolean isOpen() { return resolvedAt == null; }

    public int getVersion() { return version; }

    @Override
    public String toString() {
        return "SmartpayNotice{" + noticeKey + ", " + kind + ", order=" + orderId + ", smartpayOrder=" + smartpayOrderId
                + ", open=" + isOpen() + ", occurrences=" + occurrences + ": " + message + "}";
    }
}
