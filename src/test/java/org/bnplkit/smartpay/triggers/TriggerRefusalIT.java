package org.bnplkit.smartpay.triggers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bnplkit.smartpay.journal.NoticeKind;
import org.bnplkit.smartpay.journal.SmartpayNotice;
import org.bnplkit.smartpay.journal.SmartpayNotices;
import org.bnplkit.smartpay.operations.SmartpayOperationException;
import org.bnplkit.smartpay.testing.BroadleafTestContext;
import org.junit.jupiter.api.Test;

/**
 * A status change whose money move the operations refuse (or that fails before anything is journaled) is never a log
 * line alone: the real triggers bean opens a TRIGGER_REFUSED notice, which the admin's Needs attention lists.
 */
class TriggerRefusalIT {

    private static SmartpayLifecycleTriggers triggers() {
        return BroadleafTestContext.get().bean("blSmartpayLifecycleTriggers", SmartpayLifecycleTriggers.class);
    }

    private static SmartpayNotices notices() {
        return BroadleafTestContext.get().bean("blSmartpayNotices", SmartpayNotices.class);
    }

    @Test
    void aRefusalOpensANoticeWithItsReason() {
        triggers().run(() -> {
            throw new SmartpayOperationException("Order 9001 was cancelled: nothing can be captured");
        }, "order 9001 became CANCELLED", 9001L);
        SmartpayNotice notice = notices().find("trigger:order 9001 became CANCELLED");
        assertNotNull(notice);
        assertEquals(NoticeKind.TRIGGER_REFUSED, notice.getKind());
        assertEquals(Long.valueOf(9001L), notice.getOrderId());
        assertTrue(notice.getMessage().contains("nothing can be captured"), notice.getMessage());
        assertTrue(notice.isOpen());
    }

    @Test
    void aFailureBeforeJournalingOpensANoticeWithoutTheExceptionText() {
        triggers().run(() -> {
            throw new IllegalStateException("connection refused: jdbc:secret-host");
        }, "fulfillment group 9002 became SHIPPED", null);
        SmartpayNotice notice = notices().find("trigger:fulfillment group 9002 became SHIPPED");
        assertNotNull(notice);
        assertTrue(notice.getMessage().contains("IllegalStateException"), notice.getMessage());
        assertTrue(!notice.getMessage().contains("secret-host"), "details stay in the server log: " + notice.getMessage());
    }

    @Test
    void aTriggerThatWorksOpensNothing() {
        int before = notices().open(NoticeKind.TRIGGER_REFUSED, 1000).size();
        triggers().run(() -> { }, "order 9003 became CANCELLED", 9003L);
        assertEquals(before, notices().open(NoticeKind.TRIGGER_REFUSED, 1000).size());
    }
}
