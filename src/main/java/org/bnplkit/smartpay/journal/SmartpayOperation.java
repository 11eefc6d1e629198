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
 * One business operation against Smartpay (a capture, a cancellation, a refund slice), written and committed
 * before anything is sent. {@link #getOperationKey()} is unique across the cluster and is sent as the
 * Idempotency-Key, so a second node (or a retry after a crash) can never make Smartpay move money twice.
 *
 * <p>Everything the request needs (amount, cancelRemainder, reason, description, target ids) is stored here
 * when the row is created, so every retry sends the same body under the same key.
 *
 * <p>Production DDL: {@code config/bc/sql/smartpay_operation_*.sql}.
 */
@Entity
@Table(name = "SMARTPAY_OPERATION",
        uniqueConstraints = @UniqueConstraint(name = "UK_SMARTPAY_OPERATION_KEY", columnNames = "OPERATION_KEY"))
@org.hibernate.annotations.Table(appliesTo = "SMARTPAY_OPERATION", indexes = {
        @Index(name = "IX_SMARTPAY_OP_DUE", columnNames = {"STATUS", "NEXT_ATTEMPT_AT"}),
        @Index(name = "IX_SMARTPAY_OP_ORDER", columnNames = "ORDER_ID"),
        @Index(name = "IX_SMARTPAY_OP_PARENT", columnNames = "PARENT_KEY")})
public class SmartpayOperation implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final int KEY_LENGTH = 190;
    public static final int ERROR_MESSAGE_LENGTH = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "ID")
    private Long id;

    @Column(name = "OPERATION_KEY", nullable = false, length = KEY_LENGTH)
    private String operationKey;

    /** Key of the request this row belongs to (a refund request, or the cancel that refunds captured money). */
    @Column(name = "PARENT_KEY", length = KEY_LENGTH)
    private String parentKey;

    @Enumerated(EnumType.STRING)
    @Column(name = "KIND", nullable = false, length = 32)
    private OperationKind kind;

    @Column(name = "ORDER_ID", nullable = false)
    private Long orderId;

    @Column(name = "FULFILLMENT_GROUP_ID")
    private Long fulfillmentGroupId;

    /** The Broadleaf OrderPayment (gateway Smartpay) the transaction is recorded on. */
    @Column(name = "ORDER_PAYMENT_ID")
    private Long orderPaymentId;

    /** The Broadleaf parent transaction: AUTHORIZE for capture/cancel, the CAPTURE for a refund. */
    @Column(name = "PARENT_TRANSACTION_ID")
    private Long parentTransactionId;

    /** The Broadleaf transaction recorded on success. */
    @Column(name = "PAYMENT_TRANSACTION_ID")
    private Long paymentTransactionId;

    @Column(name = "SMARTPAY_ORDER_ID", length = 64)
    private String smartpayOrderId;

    /** The capture's payment id once made; for a refund, the payment being refunded. */
    @Column(name = "SMARTPAY_PAYMENT_ID", length = 64)
    private String smartpayPaymentId;

    @Column(name = "SMARTPAY_REFUND_ID", length = 64)
    private String smartpayRefundId;

    /** Integer yen. */
    @Column(name = "AMOUNT", nullable = false)
    private long amount;

    @Column(name = "CURRENCY", nullable = false, length = 3)
    private String currency;

    /** Capture only: "manual" or "automatic", fixed when the row is written. */
    @Column(name = "CANCEL_REMAINDER", length = 16)
    private String cancelRemainder;

    /** Refund only: Smartpay reason wire value. */
    @Column(name = "REFUND_REASON", length = 32)
    private String refundReason;

    @Column(name = "DESCRIPTION", length = 255)
    private String description;

    /** Refund request by items only: "orderItemId:quantity,..." (what later item returns count as returned). */
    @Column(name = "ITEM_QUANTITIES", length = 1000)
    private String itemQuantities;

    @Enumerated(EnumType.STRING)
    @Column(name = "STATUS", nullable = false, length = 16)
    private OperationStatus status;

    @Column(name = "ATTEMPTS", nullable = false)
    private int attempts;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "NEXT_ATTEMPT_AT")
    private Date nextAttemptAt;

    @Column(name = "LAST_ERROR_CODE", length = 64)
    private String lastErrorCode;

    @Column(name = "LAST_ERROR_MESSAGE", length = ERROR_MESSAGE_LENGTH)
    private String lastErrorMessage;

    @Column(name = "CLAIMED_BY", length = 128)
    private String claimedBy;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "CLAIMED_UNTIL")
    private Date claimedUntil;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "CREATED_AT", nullable = false)
    private Date createdAt;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "UPDATED_AT", nullable = false)
    private Date updatedAt;

    @Version
    @Column(name = "VERSION", nullable = false)
    private int version;

    public Long getId() { return id; }
    public String getOperationKey() { return operationKey; }
    public void setOperationKey(String operationKey) { this.operationKey = operationKey; }
    public String getParentKey() { return parentKey; }
    public void setParentKey(String parentKey) { this.parentKey = parentKey; }
    public OperationKind getKind() { return kind; }
    public void setKind(OperationKind kind) { this.kind = kind; }
    public Long getOrderId() { return orderId; }
    public void setOrderId(Long orderId) { this.orderId = orderId; }
    public Long getFulfillmentGroupId() { return fulfillmentGroupId; }
    public void setFulfillmentGroupId(Long fulfillmentGroupId) { this.fulfillmentGroupId = fulfillmentGroupId; }
    public Long getOrderPaymentId() { return orderPaymentId; }
    public void setOrderPaymentId(Long orderPaymentId) { this.orderPaymentId = orderPaymentId; }
    public Long getParentTransactionId() { return parentTransactionId; }
    public void setParentTransactionId(Long parentTransactionId) { this.parentTransactionId = parentTransactionId; }
    public Long getPaymentTransactionId() { return paymentTransactionId; }
    public void setPaymentTransactionId(Long paymentTransactionId) { this.paymentTransactionId = paymentTransactionId; }
    public String getSmartpayOrderId() { return smartpayOrderId; }
    public void setSmartpayOrderId(String smartpayOrderId) { this.smartpayOrderId = smartpayOrderId; }
    public String getSmartpayPaymentId() { return smartpayPaymentId; }
    public void setSmartpayPaymentId(String smartpayPaymentId) { this.smartpayPaymentId = smartpayPaymentId; }
    public String getSmartpayRefundId() { return smartpayRefundId; }
    public void setSmartpayRefundId(String smartpayRefundId) { this.smartpayRefundId = smartpayRefundId; }
    public long getAmount() { return amount; }
    public void setAmount(long amount) { this.amount = amount; }
    public String getCurrency() { return currency; }
    public void setCurrency(String currency) { this.currency = currency; }
    public String getCancelRemainder() { return cancelRemainder; }
    public void setCancelRemainder(String cancelRemainder) { this.cancelRemainder = cancelRemainder; }
    public String getRefundReason() { return refundReason; }
    public void setRefundReason(String refundReason) { this.refundReason = refundReason; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getItemQuantities() { return itemQuantities; }
    public void setItemQuantities(String itemQuantities) { this.itemQuantities = itemQuantities; }
    public OperationStatus getStatus() { return status; }
    public void setStatus(OperationStatus status) { this.status = status; }
    public int getAttempts() { return attempts; }
    public void setAttempts(int attempts) { this.attempts = attempts; }
    public Date getNextAttemptAt() { return nextAttemptAt; }
    public void setNextAttemptAt(Date nextAttemptAt) { this.nextAttemptAt = nextAttemptAt; }
    public String getLastErrorCode() { return lastErrorCode; }
    public void setLastErrorCode(String lastErrorCode) { this.lastErrorCode = lastErrorCode; }
    public String getLastErrorMessage() { return lastErrorMessage; }
    public void setLastErrorMessage(String lastErrorMessage) {
        this.lastErrorMessage = lastErrorMessage == null || lastErrorMessage.length() <= ERROR_MESSAGE_LENGTH
                ? lastErrorMessage : lastErrorMessage.substring(0, ERROR_MESSAGE_LENGTH);
    }
    public String getClaimedBy() { return claimedBy; }
    public void setClaimedBy(String claimedBy) { this.claimedBy = claimedBy; }
    public Date getClaimedUntil() { return claimedUntil; }
    public void setClaimedUntil(Date claimedUntil) { this.claimedUntil = claimedUntil; }
    public Date getCreatedAt() { return createdAt; }
    public void setCreatedAt(Date createdAt) { this.createdAt = createdAt; }
    public Date getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(Date updatedAt) { this.updatedAt = updatedAt; }
    public int getVersion() { return version; }

    /** Only the journal's own conditional UPDATEs move the version outside Hibernate; they keep the copy in step. */
    void setVersion(int version) {
        this.version = version;
    }

    @Override
    public String toString() {
        return "SmartpayOperation{" + operationKey + " " + kind + " " + status + " amount=" + amount + " " + currency
                + " attempts=" + attempts + (lastErrorCode == null ? "" : " error=" + lastErrorCode) + "}";
    }
}
