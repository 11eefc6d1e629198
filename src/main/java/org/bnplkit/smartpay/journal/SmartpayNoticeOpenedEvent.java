package org.bnplkit.smartpay.journal;

import org.springframework.context.ApplicationEvent;

/**
 * A notice was opened (raised the first time, or raised again after it was resolved), published once after it is
 * committed; raising an open notice again only counts it and publishes nothing. A snapshot of the notice.
 */
public class SmartpayNoticeOpenedEvent extends ApplicationEvent {

    private static final long serialVersionUID = 1L;

    private final String noticeKey;
    private final NoticeKind kind;
    private final Long orderId;
    private final String smartpayOrderId;
    private final String message;

    public SmartpayNoticeOpenedEvent(Object source, SmartpayNotice notice) {
        super(source);
        this.noticeKey = notice.getNoticeKey();
        this.kind = notice.getKind();
        this.orderId = notice.getOrderId();
        this.smartpayOrderId = notice.getSmartpayOrderId();
        this.message = notice.getMessage();
    }

    public String getNoticeKey() { return noticeKey; }

    public NoticeKind getKind() { return kind; }

    public NoticeKind.Severity getSeverity() { return kind.severity(); }

    /** The Broadleaf order, or null (an orphan approval, a webhook naming no order). */
    public Long getOrderId() { return orderId; }

    public String getSmartpayOrderId() { return smartpayOrderId; }

    public String getMessage() { return message; }

    @Override
    public String toString() {
        return "SmartpayNoticeOpenedEvent{" + kind + " [" + noticeKey + "] order=" + orderId + "}";
    }
}
