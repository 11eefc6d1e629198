package org.bnplkit.smartpay.operations;

import static org.bnplkit.smartpay.operations.OperationsTestSupport.awaitSettled;
import static org.bnplkit.smartpay.operations.OperationsTestSupport.ctx;
import static org.bnplkit.smartpay.operations.OperationsTestSupport.journal;
import static org.bnplkit.smartpay.operations.OperationsTestSupport.operations;
import static org.bnplkit.smartpay.operations.OperationsTestSupport.sandbox;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.bnplkit.smartpay.client.CaptureMethod;
import org.bnplkit.smartpay.client.RefundReason;
import org.bnplkit.smartpay.config.SmartpayFields;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.operations.PaidOrderFixture.Paid;
import org.bnplkit.smartpay.operations.PaidOrderFixture.Tx;
import org.bnplkit.smartpay.reconcile.SmartpayOperationRetryWorker;
import org.bnplkit.smartpay.sandbox.SandboxFault;
import org.bnplkit.smartpay.sandbox.SandboxOrder;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.broadleafcommerce.core.order.service.type.FulfillmentGroupStatusType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whatever goes wrong between us and Smartpay, each operation ends as exactly one Smartpay payment or refund,
 * and Broadleaf's transactions match Smartpay's state.
 */
class FaultToleranceIT {

    private static final String PAYMENTS = "/v1/payments";

    private final PaidOrderFixture fixture = new PaidOrderFixture(ctx());

    @BeforeEach
    void settings() {
        OperationsTestSupport.testSettings();
        // a quick client: 1 s read timeout, 3 attempts close together
        ctx().properties().set("gateway.smartpay.readTimeoutMillis", "1000");
        ctx().properties().set("gateway.smartpay.retry.maxAttempts", "3");
        ctx().properties().set("gateway.smartpay.retry.initialBackoffMillis", "20");
        ctx().properties().set("gateway.smartpay.retry.maxBackoffMillis", "50");
        ctx().properties().set("gateway.smartpay.retry.maxElapsedMillis", "10000");
    }

    @AfterEach
    void restore() {
        operations().afterSmartpayAnswer(null);
        OperationsTestSupport.testSettings();
    }

    @Test
    void serverErrorThenSuccess() {
        assertOnePaymentDespite(SandboxFault.status(500).times(1).on("POST", PAYMENTS));
    }

    @Test
    void rateLimited() {
        assertOnePaymentDespite(SandboxFault.status(429).retryAfterSeconds(0).times(1).on("POST", PAYMENTS));
    }

    @Test
    void timeoutWhileSmartpayWorks() {
        assertOnePaymentDespite(SandboxFault.delay(Duration.ofMillis(1500)).times(1).on("POST", PAYMENTS));
    }

    @Test
    void connectionDroppedAfterSmartpayCommitted() {
        assertOnePaymentDespite(SandboxFault.dropAfterCommit().times(1).on("POST", PAYMENTS));
    }

    @Test
    void connectionDroppedBeforeSmartpayCommitted() {
        assertOnePaymentDespite(SandboxFault.dropBeforeCommit().times(1).on("POST", PAYMENTS));
    }

    /** Every attempt of the client's budget lost after Smartpay committed: the worker later records the one payment. */
    @Test
    void everyAnswerLostAfterSmartpayCommittedThenTheWorkerRecordsThePayment() {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{2000, 1000}, new int[]{1, 1});
        Long group = paid.groupIds().get(0);
        sandbox().injectFault(SandboxFault.dropAfterCommit().times(3).on("POST", PAYMENTS));
        OperationOutcome first = operations().capture(group);
        assertEquals(OperationStatus.RETRYING, first.status(), first.toString());
        assertNotNull(first.errorCode());
        assertEquals(1, sandbox().order(paid.smartpayOrderId()).payments().size(), "Smartpay did capture once");
        assertTrue(fixture.transactions(paid.orderId(), PaymentTransactionType.CAPTURE).isEmpty());

        OperationsTestSupport.advanceOperationsClock(Duration.ofSeconds(5));
        assertTrue(worker().runOnce() >= 1);
        SmartpayOperation row = journal().find(OperationKeys.captureGroup(group));
        assertEquals(OperationStatus.SUCCEEDED, row.getStatus());
        assertEquals(2, row.getAttempts());
        assertSmartpayMatchesBroadleaf(paid, 1);
    }

    @Test
    void smartpayDownForAWhile() {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{2000, 1000}, new int[]{1, 1});
        Long group = paid.groupIds().get(0);
        sandbox().injectFault(SandboxFault.status(503).times(1000).on("POST", PAYMENTS));
        fixture.setGroupStatus(group, FulfillmentGroupStatusType.SHIPPED);
        SmartpayOperation down = awaitSettled(OperationKeys.captureGroup(group));
        assertEquals(OperationStatus.RETRYING, down.getStatus());
        assertNotNull(down.getLastErrorCode());
        assertTrue(down.getLastErrorMessage().contains("503"), down.getLastErrorMessage());
        assertNotNull(down.getNextAttemptAt());

        // still down at the next attempt: backoff grows
        OperationsTestSupport.advanceOperationsClock(Duration.ofSeconds(2));
        worker().runOnce();
        SmartpayOperation again = journal().find(down.getOperationKey());
        assertEquals(OperationStatus.RETRYING, again.getStatus());
        assertEquals(2, again.getAttempts());
        assertTrue(again.getNextAttemptAt().getTime() - down.getNextAttemptAt().getTime() >= 2000, "exponential backoff");

        // not due yet: the worker leaves it alone
        int posts = sandbox().requestCount("POST", PAYMENTS);
        worker().runOnce();
        assertEquals(posts, sandbox().requestCount("POST", PAYMENTS));

        sandbox().clearFaults();
        OperationsTestSupport.advanceOperationsClock(Duration.ofSeconds(20));
        assertTrue(worker().runOnce() >= 1);
        assertEquals(OperationStatus.SUCCEEDED, journal().find(down.getOperationKey()).getStatus());
        assertSmartpayMatchesBroadleaf(paid, 1);
    }

    @Test
    void retryableFailuresBecomeDeadAfterTheMaximumAttempts() {
        ctx().properties().set(SmartpayOperationsSettings.RETRY_MAX_ATTEMPTS, "2");
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{1000}, new int[]{1});
        sandbox().injectFault(SandboxFault.status(503).times(1000).on("POST", PAYMENTS));
        OperationOutcome first = operations().capture(paid.groupIds().get(0));
        assertEquals(OperationStatus.RETRYING, first.status());
        OperationsTestSupport.advanceOperationsClock(Duration.ofSeconds(5));
        worker().runOnce();
        assertEquals(OperationStatus.DEAD, operations().find(first.operationKey()).status());
        // an operator retries once Smartpay is back
        sandbox().clearFaults();
        OperationOutcome retried = operations().retry(first.operationKey());
        assertEquals(OperationStatus.SUCCEEDED, retried.status(), retried.toString());
        assertSmartpayMatchesBroadleaf(paid, 1);
    }

    /** A node dies after Smartpay's answer and before our commit: the row stays PENDING until its lease runs out. */
    @Test
    void crashBetweenSmartpaySuccessAndOurCommitIsRecoveredWithoutDuplication() {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{1000, 3000}, new int[]{1, 1});
        Long group = paid.groupIds().get(1);
        operations().afterSmartpayAnswer(() -> {
            throw new SimulatedCrash();
        });
        assertThrows(SimulatedCrash.class, () -> operations().capture(group));
        operations().afterSmartpayAnswer(null);
        SmartpayOperation orphan = journal().find(OperationKeys.captureGroup(group));
        assertEquals(OperationStatus.PENDING, orphan.getStatus());
        assertEquals(1, sandbox().order(paid.smartpayOrderId()).payments().size());
        int posts = sandbox().requestCount("POST", PAYMENTS);

        // within the lease the row belongs to the (dead) node
        worker().runOnce();
        assertEquals(OperationStatus.PENDING, journal().find(orphan.getOperationKey()).getStatus());
        OperationsTestSupport.advanceOperationsClock(Duration.ofMillis(new SmartpayOperationsSettings().leaseMs() + 1000));
        assertTrue(worker().runOnce() >= 1);
        SmartpayOperation recovered = journal().find(orphan.getOperationKey());
        assertEquals(OperationStatus.SUCCEEDED, recovered.getStatus());
        assertEquals(posts, sandbox().requestCount("POST", PAYMENTS), "found by its key, not sent again");
        assertSmartpayMatchesBroadleaf(paid, 1);
    }

    /**
     * A node stalls between Smartpay's answer and its commit for longer than its lease; another node resumes the
     * row, finds the payment by its key and records it. When the first node wakes up, its conditional UPDATE finds
     * the row changed and it records nothing: one payment, one CAPTURE.
     */
    @Test
    void aStalledNodeThatWakesUpAfterAnotherRecordedTheCaptureRecordsNothing() {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{2000, 2500}, new int[]{1, 1});
        Long group = paid.groupIds().get(0);
        java.util.concurrent.atomic.AtomicBoolean stalled = new java.util.concurrent.atomic.AtomicBoolean();
        operations().afterSmartpayAnswer(() -> {
            if (stalled.compareAndSet(false, true)) {
                OperationsTestSupport.advanceOperationsClock(Duration.ofMillis(new SmartpayOperationsSettings().leaseMs() + 1000));
                assertTrue(worker().runOnce() >= 1, "the other node resumes the row while this one stalls");
            }
        });
        int posts = sandbox().requestCount("POST", PAYMENTS);
        OperationOutcome late = operations().capture(group);
        assertTrue(stalled.get());
        assertEquals(OperationStatus.SUCCEEDED, late.status(), late.toString());
        SmartpayOperation row = journal().find(OperationKeys.captureGroup(group));
        assertEquals(OperationStatus.SUCCEEDED, row.getStatus());
        assertEquals(1, row.getAttempts(), "settled once, by the node that resumed it");
        assertEquals(row.getPaymentTransactionId(), late.paymentTransactionId());
        assertEquals(posts + 1, sandbox().requestCount("POST", PAYMENTS), "the resuming node found the payment, sent nothing");
        assertSmartpayMatchesBroadleaf(paid, 1);
    }

    @Test
    void refundsSurviveFaultsToo() {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{4000}, new int[]{1});
        assertTrue(operations().capture(paid.groupIds().get(0)).isSucceeded());
        sandbox().injectFault(SandboxFault.dropAfterCommit().times(1).on("POST", "/v1/refunds"));
        sandbox().injectFault(SandboxFault.status(500).times(1).on("POST", "/v1/refunds"));
        OperationOutcome refund = operations().refund(paid.orderId(), 1000, RefundReason.REQUESTED_BY_CUSTOMER, "RMA",
                "faulty-" + paid.orderId());
        assertEquals(OperationStatus.SUCCEEDED, refund.overallStatus(), refund.toString());
        SandboxOrder smartpay = sandbox().order(paid.smartpayOrderId());
        assertEquals(1000, smartpay.refunded());
        List<Tx> refunds = fixture.transactions(paid.orderId(), PaymentTransactionType.REFUND);
        assertEquals(1, refunds.size());
        assertEquals(1000, PaidOrderFixture.sum(refunds));
    }

    private void assertOnePaymentDespite(SandboxFault fault) {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{2000, 1000}, new int[]{1, 1});
        sandbox().injectFault(fault);
        fixture.setGroupStatus(paid.groupIds().get(0), FulfillmentGroupStatusType.SHIPPED);
        SmartpayOperation row = awaitSettled(OperationKeys.captureGroup(paid.groupIds().get(0)));
        if (row.getStatus() == OperationStatus.RETRYING) { // the client's own retries were not enough
            if ("idempotency-key.in-use".equals(row.getLastErrorCode())) {
                // Smartpay still works on the first attempt (409 in-use to every retry so far): the row waits for a
                // retry, it is not failed; that retry gets the first attempt's payment once Smartpay made it
                awaitPayments(paid.smartpayOrderId(), 1);
            }
            OperationsTestSupport.advanceOperationsClock(Duration.ofSeconds(5));
            worker().runOnce();
            row = journal().find(row.getOperationKey());
        }
        assertEquals(OperationStatus.SUCCEEDED, row.getStatus(), row.toString());
        assertSmartpayMatchesBroadleaf(paid, 1);
    }

    private static void awaitPayments(String smartpayOrderId, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (sandbox().order(smartpayOrderId).payments().size() < count) {
            assertTrue(System.nanoTime() < deadline, "Smartpay never made the first attempt's payment");
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Smartpay's payments on the order and Broadleaf's CAPTURE transactions are the same set. */
    private void assertSmartpayMatchesBroadleaf(Paid paid, int expectedPayments) {
        SandboxOrder smartpay = sandbox().order(paid.smartpayOrderId());
        List<Tx> captures = fixture.transactions(paid.orderId(), PaymentTransactionType.CAPTURE);
        assertEquals(expectedPayments, smartpay.payments().size(), "Smartpay payments");
        assertEquals(expectedPayments, captures.size(), "Broadleaf CAPTURE transactions");
        assertEquals(smartpay.captured(), PaidOrderFixture.sum(captures));
        assertEquals(new java.util.HashSet<>(smartpay.paymentIds()),
                new java.util.HashSet<>(captures.stream().map(t -> t.field(SmartpayFields.PAYMENT_ID)).toList()));
    }

    private static SmartpayOperationRetryWorker worker() {
        return ctx().bean("blSmartpayOperationRetryWorker", SmartpayOperationRetryWorker.class);
    }

    static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;
    }
}
