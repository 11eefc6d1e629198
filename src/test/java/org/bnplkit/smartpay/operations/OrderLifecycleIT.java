package org.bnplkit.smartpay.operations;

import static org.bnplkit.smartpay.operations.OperationsTestSupport.awaitSettled;
import static org.bnplkit.smartpay.operations.OperationsTestSupport.ctx;
import static org.bnplkit.smartpay.operations.OperationsTestSupport.journal;
import static org.bnplkit.smartpay.operations.OperationsTestSupport.operations;
import static org.bnplkit.smartpay.operations.OperationsTestSupport.sandbox;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bnplkit.smartpay.client.CaptureMethod;
import org.bnplkit.smartpay.client.RefundReason;
import org.bnplkit.smartpay.config.SmartpayFields;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.money.OverRefundException;
import org.bnplkit.smartpay.operations.PaidOrderFixture.Paid;
import org.bnplkit.smartpay.operations.PaidOrderFixture.Tx;
import org.bnplkit.smartpay.sandbox.SandboxOrder;
import org.bnplkit.smartpay.triggers.SmartpayFulfillmentGroupStatusType;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.broadleafcommerce.core.order.domain.FulfillmentGroup;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.service.OrderService;
import org.broadleafcommerce.core.order.service.type.FulfillmentGroupStatusType;
import org.broadleafcommerce.core.order.service.type.OrderStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle end to end on the real Broadleaf context and the sandbox over HTTP: statuses are set through
 * Broadleaf's services (so the Hibernate trigger fires after commit), Smartpay's state is read back from the
 * sandbox, Broadleaf's transactions from the database.
 */
class OrderLifecycleIT {

    private final PaidOrderFixture fixture = new PaidOrderFixture(ctx());

    @BeforeEach
    void settings() {
        OperationsTestSupport.testSettings();
    }

    @AfterEach
    void restore() {
        OperationsTestSupport.testSettings();
    }

    @Test
    void threeGroupsShippedOneByOneCaptureExactlyTheAuthorization() {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{1200, 2500, 800}, new int[]{1, 2, 3});
        assertEquals(3, paid.groupIds().size());
        List<SmartpayOperation> rows = new ArrayList<>();
        for (Long group : paid.groupIds()) {
            fixture.setGroupStatus(group, FulfillmentGroupStatusType.SHIPPED);
            SmartpayOperation row = awaitSettled(OperationKeys.captureGroup(group));
            assertEquals(OperationStatus.SUCCEEDED, row.getStatus(), row.toString());
            rows.add(row);
        }
        for (SmartpayOperation row : rows) {
            assertEquals("manual", row.getCancelRemainder(), "never let one capture cancel another's part");
        }
        assertTrue(rows.get(0).getAmount() > 0 && rows.get(1).getAmount() > rows.get(0).getAmount(),
                "shares follow the groups' gross amounts: " + rows);

        List<Tx> captures = fixture.transactions(paid.orderId(), PaymentTransactionType.CAPTURE);
        assertEquals(3, captures.size());
        assertEquals(paid.total(), PaidOrderFixture.sum(captures));
        Set<String> paymentIds = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            Tx tx = captures.get(i);
            assertEquals("AUTHORIZE", tx.parentType());
            assertEquals("JPY", tx.currency());
            assertEquals(paid.smartpayOrderId(), tx.field(SmartpayFields.ORDER_ID));
            assertEquals(rows.get(i).getOperationKey(), tx.field(SmartpayFields.OPERATION_KEY));
            assertEquals(rows.get(i).getPaymentTransactionId(), tx.id());
            paymentIds.add(tx.field(SmartpayFields.PAYMENT_ID));
        }
        assertEquals(3, paymentIds.size());

        SandboxOrder smartpay = sandbox().order(paid.smartpayOrderId());
        assertEquals("succeeded", smartpay.status());
        assertEquals(paid.total(), smartpay.captured());
        assertEquals(paymentIds, new HashSet<>(smartpay.paymentIds()));
    }

    @Test
    void switchedOffTriggersLeaveStatusChangesAlone() {
        ctx().properties().set(SmartpayOperationsSettings.TRIGGER_CAPTURE_ENABLED, "false");
        ctx().properties().set(SmartpayOperationsSettings.TRIGGER_CANCEL_ENABLED, "false");
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{1000}, new int[]{1});
        fixture.setGroupStatus(paid.groupIds().get(0), FulfillmentGroupStatusType.SHIPPED);
        fixture.setOrderStatus(paid.orderId(), OrderStatus.CANCELLED);
        operationsIdle();
        assertTrue(journal().findByOrder(paid.orderId()).isEmpty());
        assertEquals("requires_capture", sandbox().order(paid.smartpayOrderId()).status());
        // a custom capture status list is honoured
        ctx().properties().set(SmartpayOperationsSettings.TRIGGER_CAPTURE_ENABLED, "true");
        ctx().properties().set(SmartpayOperationsSettings.TRIGGER_CAPTURE_STATUSES, "DELIVERED");
        Paid other = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{1000}, new int[]{1});
        fixture.setGroupStatus(other.groupIds().get(0), FulfillmentGroupStatusType.SHIPPED);
        operationsIdle();
        assertNull(journal().find(OperationKeys.captureGroup(other.groupIds().get(0))));
        fixture.setGroupStatus(other.groupIds().get(0), FulfillmentGroupStatusType.DELIVERED);
        assertEquals(OperationStatus.SUCCEEDED, awaitSettled(OperationKeys.captureGroup(other.groupIds().get(0))).getStatus());
    }

    @Test
    void theSameShipmentReportedAgainCapturesNothingMore() {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{1000, 1000}, new int[]{1, 1});
        Long group = paid.groupIds().get(0);
        OperationOutcome first = operations().capture(group);
        int posts = sandbox().requestCount("POST", "/v1/payments");
        OperationOutcome again = operations().capture(group);
        fixture.setGroupStatus(group, FulfillmentGroupStatusType.SHIPPED); // the trigger finds the same key
        assertTrue(first.created());
        assertFalse(again.created());
        assertEquals(first.smartpayPaymentId(), again.smartpayPaymentId());
        awaitSettled(OperationKeys.captureGroup(group));
        operationsIdle();
        assertEquals(posts, sandbox().requestCount("POST", "/v1/payments"));
        assertEquals(1, fixture.transactions(paid.orderId(), PaymentTransactionType.CAPTURE).size());
    }

    @Test
    void shipOneOfTwoThenCancelReleasesTheRestAndRefundsTheShippedPart() {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{3000, 5000}, new int[]{1, 1});
        fixture.setGroupStatus(paid.groupIds().get(0), FulfillmentGroupStatusType.SHIPPED);
        long captured = awaitSettled(OperationKeys.captureGroup(paid.groupIds().get(0))).getAmount();

        fixture.setOrderStatus(paid.orderId(), OrderStatus.CANCELLED);
        SmartpayOperation cancel = awaitSettled(OperationKeys.cancelOrder(paid.orderId()));
        assertEquals(OperationStatus.SUCCEEDED, cancel.getStatus(), cancel.toString());
        OperationOutcome outcome = OperationsTestSupport.await("cancel refund", () -> {
            OperationOutcome o = operations().cancel(paid.orderId());
            return o.overallStatus() == OperationStatus.SUCCEEDED ? o : null;
        });
        assertFalse(outcome.created(), "a second cancel does nothing");

        SandboxOrder smartpay = sandbox().order(paid.smartpayOrderId());
        assertTrue(smartpay.remainderReleased());
        assertEquals(captured, smartpay.captured());
        assertEquals(captured, smartpay.refunded());

        List<Tx> reverse = fixture.transactions(paid.orderId(), PaymentTransactionType.REVERSE_AUTH);
        assertEquals(1, reverse.size());
        assertEquals(paid.total() - captured, PaidOrderFixture.sum(reverse));
        assertEquals("AUTHORIZE", reverse.get(0).parentType());
        List<Tx> refunds = fixture.transactions(paid.orderId(), PaymentTransactionType.REFUND);
        assertEquals(1, refunds.size());
        assertEquals(captured, PaidOrderFixture.sum(refunds));
        assertEquals("CAPTURE", refunds.get(0).parentType());

        Order order = fixture.ctx.fixtures().reload(paid.orderId());
        assertNotNull(order, "cancelling never deletes the order");
        assertEquals(OrderStatus.CANCELLED, order.getStatus());

        // nothing is captured after a cancel, whatever ships later
        int puts = sandbox().requestCount("PUT", "/v1/orders/.*/cancellation");
        fixture.setGroupStatus(paid.groupIds().get(1), FulfillmentGroupStatusType.SHIPPED);
        operationsIdle();
        assertNull(journal().find(OperationKeys.captureGroup(paid.groupIds().get(1))));
        assertTrue(operations().capture(paid.groupIds().get(1)).isNothingToDo());
        assertEquals(OperationStatus.SUCCEEDED, operations().cancel(paid.orderId()).status());
        assertEquals(puts, sandbox().requestCount("PUT", "/v1/orders/.*/cancellation"));
    }

    @Test
    void cancelKeepsTheShippedPartWhenRefundCapturedIsOff() {
        ctx().properties().set(SmartpayOperationsSettings.CANCEL_REFUND_CAPTURED, "false");
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{3000, 5000}, new int[]{1, 1});
        OperationOutcome capture = operations().capture(paid.groupIds().get(0));
        assertTrue(capture.isSucceeded());

        OperationOutcome cancel = operations().cancel(paid.orderId());
        assertEquals(OperationStatus.SUCCEEDED, cancel.status(), cancel.toString());
        assertTrue(cancel.parts().isEmpty());
        SandboxOrder smartpay = sandbox().order(paid.smartpayOrderId());
        assertTrue(smartpay.remainderReleased());
        assertEquals(capture.amount(), smartpay.captured());
        assertEquals(0, smartpay.refunded());
        assertEquals(paid.total() - capture.amount(),
                PaidOrderFixture.sum(fixture.transactions(paid.orderId(), PaymentTransactionType.REVERSE_AUTH)));
        assertTrue(fixture.transactions(paid.orderId(), PaymentTransactionType.REFUND).isEmpty());
    }

    /**
     * The cancel is journaled while a capture is still on its way to Smartpay: it waits for the capture, then
     * releases what is really left, and its row, its REVERSE_AUTH and Smartpay agree on that amount.
     */
    @Test
    void aCancelJournaledWhileACaptureIsInFlightReleasesWhatIsReallyLeft() throws Exception {
        ctx().properties().set(SmartpayOperationsSettings.CANCEL_REFUND_CAPTURED, "false");
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{3000, 5000}, new int[]{1, 1});
        sandbox().injectFault(org.bnplkit.smartpay.sandbox.SandboxFault.delay(java.time.Duration.ofMillis(1500))
                .times(1).on("POST", "/v1/payments"));
        OperationOutcome inFlight = operations().capture(paid.groupIds().get(0), SmartpayOrderOperations.Send.IN_BACKGROUND);
        assertEquals(OperationStatus.PENDING, inFlight.status());
        OperationOutcome cancel = operations().cancel(paid.orderId());
        assertEquals(paid.total(), cancel.amount(), "journaled before the capture settled: all of it looked uncaptured");

        SmartpayOperation captured = awaitSettled(OperationKeys.captureGroup(paid.groupIds().get(0)));
        assertEquals(OperationStatus.SUCCEEDED, captured.getStatus());
        OperationsTestSupport.advanceOperationsClock(java.time.Duration.ofSeconds(10));
        operations().sendDueOperations(10);
        SmartpayOperation settled = awaitSettled(OperationKeys.cancelOrder(paid.orderId()));
        assertEquals(OperationStatus.SUCCEEDED, settled.getStatus(), settled.toString());

        long released = paid.total() - captured.getAmount();
        assertEquals(released, settled.getAmount(), "the row says what was released");
        assertEquals(released, PaidOrderFixture.sum(fixture.transactions(paid.orderId(), PaymentTransactionType.REVERSE_AUTH)));
        SandboxOrder smartpay = sandbox().order(paid.smartpayOrderId());
        assertEquals(captured.getAmount(), smartpay.captured());
        assertTrue(smartpay.remainderReleased());
    }

    /**
     * A refund that settles between the moment another refund reads the order and the moment it reads the journal
     * still counts against its capture: the second refund is refused before anything is sent.
     */
    @Test
    void aRefundSettlingWhileAnotherIsDecidedStillCounts() throws Exception {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{1000}, new int[]{1});
        OperationOutcome capture = operations().capture(paid.groupIds().get(0));
        assertTrue(capture.isSucceeded());
        long captured = capture.amount();
        sandbox().injectFault(org.bnplkit.smartpay.sandbox.SandboxFault.delay(java.time.Duration.ofMillis(1000))
                .times(1).on("POST", "/v1/refunds"));
        int postsBefore = sandbox().requestCount("POST", "/v1/refunds");
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<OperationOutcome> first = other.submit(() -> operations().refund(paid.orderId(),
                    captured - 100, RefundReason.REQUESTED_BY_CUSTOMER, "first", "race-1-" + paid.orderId()));
            // the first refund's POST has reached Smartpay (and waits there in the delay fault): from now on the
            // count moves only if the second refund sends something
            OperationsTestSupport.await("the first refund's POST at the sandbox",
                    () -> sandbox().requestCount("POST", "/v1/refunds") == postsBefore + 1 ? Boolean.TRUE : null);
            operations().afterOrderRead(() -> {
                operations().afterOrderRead(null);
                OperationsTestSupport.await("the first refund settled", () -> {
                    SmartpayOperation slice = journal().findByParentKey(OperationKeys.refundRequest("race-1-" + paid.orderId())).get(0);
                    return slice.getStatus() == OperationStatus.SUCCEEDED ? slice : null;
                });
            });
            int posts = sandbox().requestCount("POST", "/v1/refunds");
            assertThrows(OverRefundException.class, () -> operations().refund(paid.orderId(), 200,
                    RefundReason.REQUESTED_BY_CUSTOMER, "second", "race-2-" + paid.orderId()));
            assertEquals(posts, sandbox().requestCount("POST", "/v1/refunds"), "nothing sent");
            assertNull(journal().find(OperationKeys.refundRequest("race-2-" + paid.orderId())), "nothing journaled");
            assertTrue(first.get(30, java.util.concurrent.TimeUnit.SECONDS).isSucceeded());
        } finally {
            operations().afterOrderRead(null);
            other.shutdownNow();
        }
        assertEquals(captured - 100, sandbox().order(paid.smartpayOrderId()).refunded());
    }

    @Test
    void returnOfOneItemOnAnOrderCapturedInTwoPartsRefundsTheNewestCaptureFirst() {
        // group 1: 2 × ¥1,000 (+10 % tax), group 2: 1 × ¥3,000 (+10 % tax); ¥660 shipping each
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{1000, 3000}, new int[]{2, 1});
        OperationOutcome older = operations().capture(paid.groupIds().get(0));
        OperationOutcome newer = operations().capture(paid.groupIds().get(1));
        assertTrue(older.isSucceeded() && newer.isSucceeded());
        assertEquals(paid.total(), older.amount() + newer.amount());

        Long itemOfGroup1 = orderItemOf(paid.groupIds().get(0));
        String requestId = "rma-" + paid.orderId();
        OperationOutcome refund = operations().refundItems(paid.orderId(), Collections.singletonMap(itemOfGroup1, 1),
                RefundReason.REQUESTED_BY_CUSTOMER, "Returned one unit", requestId);
        assertEquals(OperationStatus.SUCCEEDED, refund.overallStatus(), refund.toString());
        assertEquals(1100, refund.amount(), "one of two ¥1,000 units plus its 10 % tax");
        assertEquals(1, refund.parts().size());
        assertEquals(newer.smartpayPaymentId(), refund.parts().get(0).smartpayPaymentId(), "newest capture first");

        List<Tx> refunds = fixture.transactions(paid.orderId(), PaymentTransactionType.REFUND);
        assertEquals(1, refunds.size());
        assertEquals(1100, PaidOrderFixture.sum(refunds));
        assertEquals(newer.paymentTransactionId(), refunds.get(0).parentId());
        assertEquals(refund.parts().get(0).smartpayRefundId(), refunds.get(0).field(SmartpayFields.REFUND_ID));
        assertEquals(1100, sandbox().order(paid.smartpayOrderId()).refunded());

        // the same request again: nothing sent
        int posts = sandbox().requestCount("POST", "/v1/refunds");
        OperationOutcome again = operations().refundItems(paid.orderId(), Collections.singletonMap(itemOfGroup1, 1),
                RefundReason.REQUESTED_BY_CUSTOMER, "Returned one unit", requestId);
        assertFalse(again.created());
        assertEquals(posts, sandbox().requestCount("POST", "/v1/refunds"));

        // more than is left: refused before anything is journaled or sent
        long refundable = paid.total() - 1100;
        OverRefundException over = assertThrows(OverRefundException.class, () -> operations().refund(paid.orderId(),
                refundable + 1, RefundReason.REQUESTED_BY_CUSTOMER, "too much", "over-" + paid.orderId()));
        assertEquals(refundable, over.refundable());
        assertNull(journal().find(OperationKeys.refundRequest("over-" + paid.orderId())));
        assertEquals(posts, sandbox().requestCount("POST", "/v1/refunds"));

        // a refund larger than the newest capture still has: split over both, newest first
        long newerLeft = newer.amount() - 1100;
        OperationOutcome split = operations().refund(paid.orderId(), newerLeft + 10, RefundReason.REQUESTED_BY_CUSTOMER,
                "Goodwill", "split-" + paid.orderId());
        assertEquals(OperationStatus.SUCCEEDED, split.overallStatus(), split.toString());
        assertEquals(2, split.parts().size());
        assertEquals(newerLeft, amountOn(split, newer.smartpayPaymentId()));
        assertEquals(10, amountOn(split, older.smartpayPaymentId()));
        assertEquals(1100 + newerLeft + 10, sandbox().order(paid.smartpayOrderId()).refunded());
        assertEquals(1100 + newerLeft + 10, PaidOrderFixture.sum(fixture.transactions(paid.orderId(), PaymentTransactionType.REFUND)));
    }

    @Test
    void aReturnedShipmentIsRefundedItsCapturedShare() {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{1500, 2500}, new int[]{1, 1});
        Long group = paid.groupIds().get(0);
        fixture.setGroupStatus(group, FulfillmentGroupStatusType.SHIPPED);
        long captured = awaitSettled(OperationKeys.captureGroup(group)).getAmount();
        fixture.setGroupStatus(group, SmartpayFulfillmentGroupStatusType.RETURNED);
        String slicePrefix = OperationKeys.refundRequest(OperationKeys.groupReturnRequestId(group));
        OperationOutcome refund = OperationsTestSupport.await("return refund", () -> {
            OperationOutcome o = operations().find(slicePrefix);
            return o != null && o.overallStatus() == OperationStatus.SUCCEEDED ? o : null;
        });
        assertEquals(captured, refund.amount());
        assertEquals(captured, sandbox().order(paid.smartpayOrderId()).refunded());
    }

    @Test
    void aPartiallyReturnedShipmentRefundsItsReturnedItemsOnce() {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{2000}, new int[]{1});
        Long group = paid.groupIds().get(0);
        assertTrue(operations().capture(group).isSucceeded());
        fixture.setItemStatus(group, 0, SmartpayFulfillmentGroupStatusType.RETURNED);
        fixture.setGroupStatus(group, SmartpayFulfillmentGroupStatusType.PARTIALLY_RETURNED);
        operationsIdle();
        List<OperationOutcome> refunds = operations().refundReturnedItems(group);
        assertEquals(1, refunds.size());
        assertFalse(refunds.get(0).created(), "the trigger already made it");
        assertEquals(OperationStatus.SUCCEEDED, refunds.get(0).overallStatus());
        assertEquals(2200, refunds.get(0).amount());
        // then the rest of the group comes back: only what is left of its share
        OperationOutcome rest = operations().refundReturnedGroup(group);
        assertEquals(paid.total() - 2200, rest.amount());
        assertEquals(paid.total(), sandbox().order(paid.smartpayOrderId()).refunded());
    }

    @Test
    void automaticCaptureCapturesNothingAndACancelRefundsEverything() {
        Paid paid = fixture.paidOrder(CaptureMethod.AUTOMATIC, new long[]{1800}, new int[]{2});
        assertTrue(operations().capture(paid.groupIds().get(0)).isNothingToDo());
        OperationOutcome cancel = operations().cancel(paid.orderId());
        assertEquals(OperationStatus.SUCCEEDED, cancel.overallStatus(), cancel.toString());
        assertEquals(paid.total(), sandbox().order(paid.smartpayOrderId()).refunded());
        List<Tx> refunds = fixture.transactions(paid.orderId(), PaymentTransactionType.REFUND);
        assertEquals(paid.total(), PaidOrderFixture.sum(refunds));
        assertEquals("AUTHORIZE_AND_CAPTURE", refunds.get(0).parentType());
        assertTrue(fixture.transactions(paid.orderId(), PaymentTransactionType.REVERSE_AUTH).isEmpty());
    }

    @Test
    void explicitCapturesNeverExceedTheAuthorization() {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{1000, 1000}, new int[]{1, 1});
        int posts = sandbox().requestCount("POST", "/v1/payments");
        assertThrows(SmartpayOperationException.class, () -> operations().capture(paid.orderId(), paid.total() + 1));
        assertEquals(posts, sandbox().requestCount("POST", "/v1/payments"));
        OperationOutcome part = operations().capture(paid.orderId(), 500);
        assertEquals(OperationKeys.captureOrder(paid.orderId(), 1), part.operationKey());
        assertTrue(part.isSucceeded());
        // the groups then share what is left; the last takes the residual
        OperationOutcome g1 = operations().capture(paid.groupIds().get(0));
        OperationOutcome g2 = operations().capture(paid.groupIds().get(1));
        assertEquals(paid.total(), 500 + g1.amount() + g2.amount());
        assertEquals("succeeded", sandbox().order(paid.smartpayOrderId()).status());
    }

    @Test
    void aCaptureSmartpayRefusesIsFailedWithItsErrorCodeAndTheShipmentStands() {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{1000}, new int[]{1});
        sandbox().expire(paid.smartpayOrderId());
        fixture.setGroupStatus(paid.groupIds().get(0), FulfillmentGroupStatusType.SHIPPED);
        SmartpayOperation row = awaitSettled(OperationKeys.captureGroup(paid.groupIds().get(0)));
        assertEquals(OperationStatus.FAILED, row.getStatus());
        assertEquals("order.cannot-capture", row.getLastErrorCode());
        assertTrue(row.getLastErrorMessage().contains("order.cannot-capture"));
        FulfillmentGroup shipped = ctx().inTransaction(() -> ctx().bean("blOrderService", OrderService.class)
                .findOrderById(paid.orderId()).getFulfillmentGroups().get(0));
        assertEquals(FulfillmentGroupStatusType.SHIPPED, shipped.getStatus());
        assertTrue(fixture.transactions(paid.orderId(), PaymentTransactionType.CAPTURE).isEmpty());
    }

    private static long amountOn(OperationOutcome refund, String paymentId) {
        for (OperationOutcome part : refund.parts()) {
            if (paymentId.equals(part.smartpayPaymentId())) {
                return part.amount();
            }
        }
        return -1;
    }

    private Long orderItemOf(Long groupId) {
        return ctx().inTransaction(() -> ctx().bean("blFulfillmentGroupService",
                org.broadleafcommerce.core.order.service.FulfillmentGroupService.class)
                .findFulfillmentGroupById(groupId).getFulfillmentGroupItems().get(0).getOrderItem().getId());
    }

    static void operationsIdle() {
        try {
            assertTrue(operations().awaitBackground(20_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
