package org.bnplkit.smartpay.journal;

import java.io.Serializable;
import java.util.Date;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Temporal;
import javax.persistence.TemporalType;
import javax.persistence.UniqueConstraint;

import org.hibernate.annotations.Index;

/**
 * One action an admin took in the Smartpay section (retry, reprocess, mark resolved, capture now, release): who, when,
 * on which item, with which note, and what came of it. REQUEST_ID is the form's server-issued request id and unique,
 * so a form submitted twice acts once; the row is written before the action runs. Kept as the history of the
 * section (a resolved item's note stays here). Production DDL: config/bc/sql/smartpay_webhook_*.sql.
 */
@Entity
@Table(name = "SMARTPAY_ADMIN_ACTION",
        uniqueConstraints = @UniqueConstraint(name = "UK_SMARTPAY_ADMIN_ACTION_REQ", columnNames = "REQUEST_ID"))
@org.hibernate.annotations.Table(appliesTo = "SMARTPAY_ADMIN_ACTION", indexes = {
        @Index(name = "IX_SMARTPAY_ADMIN_ACTION_ITEM", columnNames = "ITEM_KEY"),
        @Index(name = "IX_SMARTPAY_ADMIN_ACTION_ORDER", columnNames = "ORDER_ID")})
public class SmartpayAdminAction implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final int NOTE_LENGTH = 500;
    public static final int RESULT_LENGTH = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "ID")
    private Long id;

    @Column(name = "REQUEST_ID", nullable = false, length = 128)
    private String requestId;

    /** The item acted on: {@code op-<id>}, {@code notice-<id>} or {@code webhook-<id>}. */
    @Column(name = "ITEM_KEY", nullable = false, length = 64)
    private String itemKey;

    @Column(name = "ORDER_ID")
    private Long orderId;

    /** RETRY, REPROCESS, RESOLVE, CAPTURE, RELEASE. */
    @Column(name = "ACTION_NAME", nullable = false, length = 16)
    private String action;

    @Column(name = "ADMIN_USER", nullable = false, length = 128)
    private String adminUser;

    @Column(name = "NOTE", length = NOTE_LENGTH)
    private String note;

    /** What came of it (an operation's status, a webhook's status); null while it runs. */
    @Column(name = "OUTCOME", length = RESULT_LENGTH)
    private String result;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "CREATED_AT", nullable = false)
    private Date createdAt;

    public Long getId() { return id; }
    public String getRequestId() { return requestId; }
    public void setRequestId(String requestId) { this.requestId = requestId; }
    public String getItemKey() { return itemKey; }
    public void setItemKey(String itemKey) { this.itemKey = itemKey; }
    public Long getOrderId() { return orderId; }
    public void setOrderId(Long orderId) { this.orderId = orderId; }
    public String getAction() { return action; }
    public void setAction(String action) { this.action = action; }
    public String getAdminUser() { return adminUser; }
    public void setAdminUser(String adminUser) { this.adminUser = adminUser; }
    public String getNote() { return note; }
    public void setNote(String note) { this.note = cut(note, NOTE_LENGTH); }
    public String getResult() { return result; }
    public void setResult(String result) { this.result = cut(result, RESULT_LENGTH); }
    public Date getCreatedAt() { return createdAt; }
    public void setCreatedAt(Date createdAt) { this.createdAt = createdAt; }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    @Override
    public String toString() {
        return "SmartpayAdminAction{" + action + " " + itemKey + " order=" + orderId + " by " + adminUser + ": " + result + "}";
    }
}
