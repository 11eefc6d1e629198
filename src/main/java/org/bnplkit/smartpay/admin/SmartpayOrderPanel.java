package org.bnplkit.smartpay.admin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the Smartpay panel on an admin Order screen shows, ready for the template (JavaBean getters: Thymeleaf 2.1
 * reads properties through SpEL). Built by {@link SmartpayOrderPanels}; amounts are integer yen.
 */
public final class SmartpayOrderPanel {

    private final long orderId;
    private final String smartpayOrderId;
    private final String dashboardUrl;
    private final boolean live;
    private final String captureMethod;
    private final String smartpayStatus;
    private final String statusProblem;
    private final long authorized;
    private final long captured;
    private final long refunded;
    private final long refundable;
    private final long uncaptured;
    private final String expiresAt;
    private final boolean expiringSoon;
    private final boolean expired;
    private final boolean cancellable;
    private final List<OperationRow> operations;
    private final List<RefundableItem> items;
    private final AdminPermissions permissions;

    private SmartpayOrderPanel(Builder b) {
        this.orderId = b.orderId;
        this.smartpayOrderId = b.smartpayOrderId;
        this.dashboardUrl = b.dashboardUrl;
        this.live = b.live;
        this.captureMethod = b.captureMethod;
        this.smartpayStatus = b.smartpayStatus;
        this.statusProblem = b.statusProblem;
        this.authorized = b.authorized;
        this.captured = b.captured;
        this.refunded = b.refunded;
        this.refundable = b.refundable;
        this.uncaptured = b.uncaptured;
        this.expiresAt = b.expiresAt;
        this.expiringSoon = b.expiringSoon;
        this.expired = b.expired;
        this.cancellable = b.cancellable;
        this.operations = Collections.unmodifiableList(new ArrayList<OperationRow>(b.operations));
        this.items = Collections.unmodifiableList(new ArrayList<RefundableItem>(b.items));
        this.permissions = b.permissions;
    }

    public static Builder builder() {
        return new Builder();
    }

    public long getOrderId() { return orderId; }
    public String getSmartpayOrderId() { return smartpayOrderId; }
    /** Link to the order in Smartpay's dashboard, or null. */
    public String getDashboardUrl() { return dashboardUrl; }
    public boolean isLive() { return live; }
    /** "manual" or "automatic". */
    public String getCaptureMethod() { return captureMethod; }
    /** Smartpay's order status (requires_capture, succeeded, canceled, ...), or null when Smartpay did not answer. */
    public String getSmartpayStatus() { return smartpayStatus; }
    /** Why the status is missing (e.g. "503 timeout"), or null. */
    public String getStatusProblem() { return statusProblem; }
    public long getAuthorized() { return authorized; }
    public long getCaptured() { return captured; }
    public long getRefunded() { return refunded; }
    public long getRefundable() { return refundable; }
    public long getUncaptured() { return uncaptured; }
    public String getAuthorizedText() { return YenFormat.format(authorized); }
    public String getCapturedText() { return YenFormat.format(captured); }
    public String getRefundedText() { return YenFormat.format(refunded); }
    public String getRefundableText() { return YenFormat.format(refundable); }
    public String getUncapturedText() { return YenFormat.format(uncaptured); }
    /** Authorization expiry, formatted, or null when nothing is left authorized. */
    public String getExpiresAt() { return expiresAt; }
    public boolean isExpiringSoon() { return expiringSoon; }
    public boolean isExpired() { return expired; }
    public List<OperationRow> getOperations() { return operations; }
    public List<RefundableItem> getItems() { return items; }

    /** A refund makes sense: something captured is not refunded yet. */
    public boolean isRefundPossible() { return refundable > 0; }

    /** A manual capture makes sense: something authorized is not captured yet and the authorization is alive. */
    /** An operation of the order is in flight (PENDING): the page keeps refreshing the panel until it settles. */
    public boolean isSettling() {
        for (OperationRow row : operations) {
            if ("PENDING".equals(row.getStatus())) {
                return true;
            }
        }
        return false;
    }

    public boolean isCapturePossible() { return uncaptured > 0 && cancellable && !expired; }

    /** Smartpay can still cancel the order (it is authorized, not canceled, rejected or fully settled). */
    public boolean isCancelPossible() { return cancellable; }

    public boolean isMayRefund() { return permissions.mayRefund(); }
    public boolean isMayCaptureAndCancel() { return permissions.mayCaptureAndCancel(); }

    /** One journal row (a capture, a refund slice, a cancel, a refund request). */
    public static final class OperationRow {
        private final String operationKey;
        private final String kind;
        private final String status;
        private final long amount;
        private final int attempts;
        private final String lastError;
        private final String when;
        private final boolean retryable;
        private final String reference;
        private final String items;

        public OperationRow(String operationKey, String kind, String status, long amount, int attempts, String lastError,
                String when, boolean retryable) {
            this(operationKey, kind, status, amount, attempts, lastError, when, retryable, null, null);
        }

        /**
         * @param reference the reference the operation carries to Smartpay (null: none, e.g. a cancel)
         * @param items     what a refund refunded by item ("Teacup ×2, Teapot ×1"), or null
         */
        public OperationRow(String operationKey, String kind, String status, long amount, int attempts, String lastError,
                String when, boolean retryable, String reference, String items) {
            this.operationKey = operationKey;
            this.kind = kind;
            this.status = status;
            this.amount = amount;
            this.attempts = attempts;
            this.lastError = lastError;
            this.when = when;
            this.retryable = retryable;
            this.reference = reference;
            this.items = items;
        }

        public String getOperationKey() { return operationKey; }
        /** CAPTURE, CANCEL, REFUND, REFUND_REQUEST. */
        public String getKind() { return kind; }
        /** PENDING, RETRYING, SUCCEEDED, FAILED, DEAD. */
        public String getStatus() { return status; }
        public long getAmount() { return amount; }
        public String getAmountText() { return YenFormat.format(amount); }
        public int getAttempts() { return attempts; }
        /** "errorCode: message" of the last failure, or null. */
        public String getLastError() { return lastError; }
        public String getWhen() { return when; }
        /** FAILED or DEAD, and the admin holds the permission for this kind of operation. */
        public boolean isRetryable() { return retryable; }
        /** The {@code reference} Smartpay shows for it (order id / request), or null. */
        public String getReference() { return reference; }
        /** The items a refund named, or null. */
        public String getItems() { return items; }
    }

    /** An order line that can be refunded by item. */
    public static final class RefundableItem {
        private final long orderItemId;
        private final String name;
        private final int quantity;
        private final int refundedQuantity;

        public RefundableItem(long orderItemId, String name, int quantity, int refundedQuantity) {
            this.orderItemId = orderItemId;
            this.name = name;
            this.quantity = quantity;
            this.refundedQuantity = refundedQuantity;
        }

        public long getOrderItemId() { return orderItemId; }
        public String getName() { return name; }
        public int getQuantity() { return quantity; }
        public int getRefundedQuantity() { return refundedQuantity; }
        public int getReturnableQuantity() { return Math.max(0, quantity - refundedQuantity); }
    }

    public static final class Builder {
        private long orderId;
        private String smartpayOrderId;
        private String dashboardUrl;
        private boolean live;
        private String captureMethod = "manual";
        private String smartpayStatus;
        private String statusProblem;
        private long authorized;
        private long captured;
        private long refunded;
        private long refundable;
        private long uncaptured;
        private String expiresAt;
        private boolean expiringSoon;
        private boolean expired;
        private boolean cancellable;
        private final List<OperationRow> operations = new ArrayList<OperationRow>();
        private final List<RefundableItem> items = new ArrayList<RefundableItem>();
        private AdminPermissions permissions = AdminPermissions.NONE;

        public Builder orderId(long v) { orderId = v; return this; }
        public Builder smartpayOrderId(String v) { smartpayOrderId = v; return this; }
        public Builder dashboardUrl(String v) { dashboardUrl = v; return this; }
        public Builder live(boolean v) { live = v; return this; }
        public Builder captureMethod(String v) { captureMethod = v; return this; }
        public Builder smartpayStatus(String v) { smartpayStatus = v; return this; }
        public Builder statusProblem(String v) { statusProblem = v; return this; }
        public Builder authorized(long v) { authorized = v; return this; }
        public Builder captured(long v) { captured = v; return this; }
        public Builder refunded(long v) { refunded = v; return this; }
        public Builder refundable(long v) { refundable = v; return this; }
        public Builder uncaptured(long v) { uncaptured = v; return this; }
        public Builder expiresAt(String v) { expiresAt = v; return this; }
        public Builder expiringSoon(boolean v) { expiringSoon = v; return this; }
        public Builder expired(boolean v) { expired = v; return this; }
        public Builder cancellable(boolean v) { cancellable = v; return this; }
        public Builder operation(OperationRow v) { operations.add(v); return this; }
        public Builder item(RefundableItem v) { items.add(v); return this; }
        public Builder permissions(AdminPermissions v) { permissions = v; return this; }

        public SmartpayOrderPanel build() {
            return new SmartpayOrderPanel(this);
        }
    }
}
