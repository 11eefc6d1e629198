package org.bnplkit.smartpay.operations;

import static org.bnplkit.smartpay.operations.OperationsTestSupport.ctx;
import static org.bnplkit.smartpay.operations.OperationsTestSupport.journal;
import static org.bnplkit.smartpay.operations.OperationsTestSupport.operations;
import static org.bnplkit.smartpay.operations.OperationsTestSupport.sandbox;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.bnplkit.smartpay.client.CaptureMethod;
import org.bnplkit.smartpay.journal.NoticeKind;
import org.bnplkit.smartpay.journal.OperationKind;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.SmartpayNoticeOpenedEvent;
import org.bnplkit.smartpay.journal.SmartpayNotices;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.journal.SmartpayOperationDeadEvent;
import org.bnplkit.smartpay.journal.SmartpayOperationEvent;
import org.bnplkit.smartpay.journal.SmartpayOperationFailedEvent;
import org.bnplkit.smartpay.operations.PaidOrderFixture.Paid;
import org.bnplkit.smartpay.reconcile.SmartpayOperationRetryWorker;
import org.bnplkit.smartpay.sandbox.SandboxFault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring events integrators listen to (docs/admin.md, "Events"): an operation that becomes FAILED or DEAD and a
 * notice that opens are each published once, after the change is committed, in the real context; a change that rolls
 * back publishes nothing.
 */
class SmartpayEventsIT {

    private static final String PAYMENTS = "/v1/payments";
    /** One listener for the whole JVM's context; each test looks only at the events of its own keys. */
    private static final List<ApplicationEvent> EVENTS = new CopyOnWriteArrayList<>();
    private static boolean listening;

    private final PaidOrderFixture fixture = new PaidOrderFixture(ctx());

    @BeforeEach
    void listen() {
        OperationsTestSupport.testSettings();
        synchronized (SmartpayEventsIT.class) {
            if (!listening) {
                ((ConfigurableApplicationContext) ctx().root()).addApplicationListener(new ApplicationListener<ApplicationEvent>() {
                    @Override
                    public void onApplicationEvent(ApplicationEvent event) {
                        if (event instanceof SmartpayOperationEvent || event instanceof SmartpayNoticeOpenedEvent) {
                            EVENTS.add(event);
                        }
                    }
                });
                listening = true;
            }
        }
    }

    @AfterEach
    void restore() {
        OperationsTestSupport.testSettings();
    }

    private static List<SmartpayOperationEvent> operationEvents(String key) {
        return EVENTS.stream().filter(e -> e instanceof SmartpayOperationEvent).map(e -> (SmartpayOperationEvent) e)
                .filter(e -> e.getOperationKey().equals(key)).collect(Collectors.toList());
    }

    private static List<SmartpayNoticeOpenedEvent> noticeEvents(String key) {
        return EVENTS.stream().filter(e -> e instanceof SmartpayNoticeOpenedEvent).map(e -> (SmartpayNoticeOpenedEvent) e)
                .filter(e -> e.getNoticeKey().equals(key)).collect(Collectors.toList());
    }

    @Test
    void aCaptureSmartpayRefusesIsPublishedOnceAsFailed() {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{1200}, new int[]{1});
        sandbox().injectFault(SandboxFault.status(400).errorCode("payment.declined").times(1).on("POST", PAYMENTS));
        OperationOutcome refused = operations().capture(paid.groupIds().get(0));
        assertEquals(OperationStatus.FAILED, refused.status());
        operations().find(refused.operationKey()); // reading it again publishes nothing

        List<SmartpayOperationEvent> events = operationEvents(refused.operationKey());
        assertEquals(1, events.size(), events.toString());
        SmartpayOperationEvent event = events.get(0);
        assertTrue(event instanceof SmartpayOperationFailedEvent, event.toString());
        assertEquals(OperationStatus.FAILED, event.getStatus());
        assertEquals(OperationKind.CAPTURE, event.getKind());
        assertEquals((long) paid.orderId(), event.getOrderId());
        assertTrue(event.getAmount() > 0, "the row's amount: " + event.getAmount());
        assertEquals("payment.declined", event.getErrorCode());

        // sent again and refused again: a new failure, a new event; then it succeeds: nothing more
        sandbox().injectFault(SandboxFault.status(400).errorCode("payment.declined").times(1).on("POST", PAYMENTS));
        operations().retry(refused.operationKey());
        assertEquals(2, operationEvents(refused.operationKey()).size());
        OperationOutcome done = operations().retry(refused.operationKey());
        assertEquals(OperationStatus.SUCCEEDED, done.status());
        assertEquals(2, operationEvents(refused.operationKey()).size());
    }

    @Test
    void retriesThatRunOutArePublishedOnceAsDeadAndNeverAsFailed() {
        ctx().properties().set(SmartpayOperationsSettings.RETRY_MAX_ATTEMPTS, "2");
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{900}, new int[]{1});
        sandbox().injectFault(SandboxFault.status(503).times(1000).on("POST", PAYMENTS));
        OperationOutcome first = operations().capture(paid.groupIds().get(0));
        assertEquals(OperationStatus.RETRYING, first.status());
        assertTrue(operationEvents(first.operationKey()).isEmpty(), "retrying is not yet a person's business");

        OperationsTestSupport.advanceOperationsClock(Duration.ofSeconds(5));
        ctx().bean("blSmartpayOperationRetryWorker", SmartpayOperationRetryWorker.class).runOnce();
        assertEquals(OperationStatus.DEAD, operations().find(first.operationKey()).status());
        ctx().bean("blSmartpayOperationRetryWorker", SmartpayOperationRetryWorker.class).runOnce(); // nothing due: no event

        List<SmartpayOperationEvent> events = operationEvents(first.operationKey());
        assertEquals(1, events.size(), events.toString());
        assertTrue(events.get(0) instanceof SmartpayOperationDeadEvent, events.toString());
        assertEquals(2, events.get(0).getAttempts());
    }

    @Test
    void aFailedRowWhoseTransactionRollsBackPublishesNothing() {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{700}, new int[]{1});
        SmartpayOperation row = new SmartpayOperation();
        String key = "test:rolled-back:" + UUID.randomUUID();
        row.setOperationKey(key);
        row.setKind(OperationKind.REFUND_REQUEST);
        row.setOrderId(paid.orderId());
        row.setAmount(700);
        row.setCurrency("JPY");
        row.setStatus(OperationStatus.FAILED);
        row.setCreatedAt(new Date());
        row.setUpdatedAt(new Date());
        assertThrows(IllegalStateException.class, () -> journal().inNewTransaction(status -> {
            journal().insertInCurrentTransaction(Collections.singletonList(row));
            throw new IllegalStateException("the caller's work failed after the row was written");
        }));
        assertNull(journal().find(key), "rolled back");
        assertTrue(operationEvents(key).isEmpty(), "nothing published for a row that never existed");
    }

    @Test
    void aNoticeIsPublishedWhenItOpensNotEachTimeItIsRaisedAgain() {
        SmartpayNotices notices = ctx().bean("blSmartpayNotices", SmartpayNotices.class);
        String key = "test-event:" + UUID.randomUUID();
        notices.raise(key, NoticeKind.UNEXPLAINED_DIFFERENCE, 42L, "order_test_x", "Smartpay and Broadleaf differ");
        notices.raise(key, NoticeKind.UNEXPLAINED_DIFFERENCE, 42L, "order_test_x", "still differ");
        List<SmartpayNoticeOpenedEvent> events = noticeEvents(key);
        assertEquals(1, events.size(), events.toString());
        assertEquals(NoticeKind.UNEXPLAINED_DIFFERENCE, events.get(0).getKind());
        assertEquals(NoticeKind.Severity.ERROR, events.get(0).getSeverity());
        assertEquals(Long.valueOf(42L), events.get(0).getOrderId());

        notices.resolve(key);
        notices.raise(key, NoticeKind.UNEXPLAINED_DIFFERENCE, 42L, "order_test_x", "differ again");
        assertEquals(2, noticeEvents(key).size(), "opened again after it was resolved");
    }
}
