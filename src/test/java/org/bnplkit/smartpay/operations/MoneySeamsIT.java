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
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.bnplkit.smartpay.client.CaptureMethod;
import org.bnplkit.smartpay.client.RefundReason;
import org.bnplkit.smartpay.client.RequestOptions;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.operations.PaidOrderFixture.Paid;
import org.bnplkit.smartpay.reconcile.SmartpayOperationRetryWorker;
import org.bnplkit.smartpay.sandbox.SandboxFault;
import org.bnplkit.smartpay.sandbox.SandboxOrder;
import org.bnplkit.smartpay.triggers.SmartpayFulfillmentGroupStatusType;
import org.bnplkit.smartpay.webhooks.SmartpayOrderSync;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.broadleafcommerce.core.order.service.type.OrderStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Money where two entry points meet (issue #10's scenarios): an admin item refund and a group return, a capture by
 * amount and a return, a return while the capture still retries, a cancel after Smartpay cancelled, two item
 * refunds at once. Each test states what the merchant meant and checks Smartpay's and Broadleaf's money against it.
 */
class MoneySeamsIT {

    private final PaidOrderFixture fixture = new PaidOrderFixture(ctx());

    @BeforeEach
    void settings() {
        OperationsTestSupport.testSettings();
    }

    @AfterEach
    void restore() {
        OperationsTestSupport.testSettings();
    }

    /** Scenario 1: a return of a group refunds its captured share minus what its items were already refunded. */
    @Test
    void aGroupReturnedAfterOneOfItsItemsWasRefundedRefundsOnlyTheRest() {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{4000, 3000}, new int[]{2, 1});
        Long groupA = paid.groupIds().get(0);
        Long groupB = paid.groupIds().get(1);
        long capturedA = operations().capture(groupA).amount();
        long capturedB = operations().capture(groupB).amount();
        assertEquals(paid.total(), capturedA + capturedB);

        OperationOutcome oneUnit = operations().refundItems(paid.orderId(), Collections.singletonMap(orderItemOf(groupA), 1),
                RefundReason.REQUESTED_BY_CUSTOMER, "one of two came back", "admin-item-" + paid.orderId());
        assertEquals(4400, oneUnit.amount());
        fixture.setGroupStatus(groupA, SmartpayFulfillmentGroupStatusType.RETURNED);
        OperationOutcome groupReturn = awaitRefundRequest(OperationKeys.groupReturnRequestId(groupA));

        assertEquals(capturedA - 4400, groupReturn.amount(), "the group's share less its item already refunded");
        SandboxOrder smartpay = sandbox().order(paid.smartpayOrderId());
        assertEquals(capturedA, smartpay.refunded(), "never more than the group's capture");
        assertEquals(capturedA, PaidOrderFixture.sum(fixture.transactions(paid.orderId(), PaymentTransactionType.REFUND)));
    }

    /** Scenario 1, the other way round: an item of a group already refunded whole cannot be refunded again. */
    @Test
    void anItemOfAGroupAlreadyRefundedWholeIsNotRefundedAgain() {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{4000, 9000}, new int[]{2, 1});
        Long groupA = paid.groupIds().get(0);
        operations().capture(groupA);
        operations().capture(paid.groupIds().get(1));
        assertTrue(operations().refundReturnedGroup(groupA).isSucceeded());
        int posts = sandbox().requestCount("POST", "/v1/refunds");
        assertThrows(SmartpayOperationException.class, () -> operations().refundItems(paid.orderId(),
                Collections.singletonMap(orderItemOf(groupA), 1), RefundReason.REQUESTED_BY_CUSTOMER, "again",
                "admin-again-" + paid.orderId()));
        assertEquals(posts, sandbox().requestCount("POST", "/v1/refunds"), "nothing sent");
    }

    /** Scenario 2: a group captured by an explicit amount (admin, integrator) is refunded its share on return. */
    @Test
    void aGroupCapturedByAnExplicitAmountIsRefundedItsShareOnReturn() {
        Paid byGroups = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{2000, 5000}, new int[]{1, 1});
        long shareOfSecond = operations().capture(byGroups.groupIds().get(1)).amount();

        Paid byAmount = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{2000, 5000}, new int[]{1, 1});
        assertTrue(operations().capture(byAmount.orderId(), byAmount.total()).isSucceeded());
        fixture.setGroupStatus(byAmount.groupIds().get(1), SmartpayFulfillmentGroupStatusType.RETURNED);
        OperationOutcome refund = awaitRefundRequest(OperationKeys.groupReturnRequestId(byAmount.groupIds().get(1)));

        assertEquals(shareOfSecond, refund.amount(), "the same share as a capture on shipment would have taken");
        assertEquals(shareOfSecond, sandbox().order(byAmount.smartpayOrderId()).refunded());
    }

    /**
     * Scenario 2: a group returned while its capture is still being retried is never charged for: the return
     * waits for the capture and refunds what it took, or the capture is not sent at all.
     */
    @Test
    void aGroupReturnedWhileItsCaptureRetriesEndsWithNothingCharged() {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{3000, 1000}, new int[]{1, 1});
        Long group = paid.groupIds().get(0);
        sandbox().injectFault(SandboxFault.status(500).times(8).on("POST", "/v1/payments"));
        OperationOutcome capture = operations().capture(group);
        assertEquals(OperationStatus.RETRYING, capture.status(), capture.toString());
        sandbox().clearFaults();

        fixture.setGroupStatus(group, SmartpayFulfillmentGroupStatusType.RETURNED);
        OrderLifecycleIT.operationsIdle();
        SmartpayOperation intent = journal().find(OperationKeys.refundRequest(OperationKeys.groupReturnRequestId(group)));
        assertNotNull(intent, "the return is journaled whatever the capture's state");

        settleEverything();
        SandboxOrder smartpay = sandbox().order(paid.smartpayOrderId());
        assertEquals(smartpay.captured(), smartpay.refunded(), "the returned group costs the shopper nothing: " + smartpay);
        SmartpayOperation captureRow = journal().find(OperationKeys.captureGroup(group));
        assertTrue(captureRow.getStatus().isFinal(), captureRow.toString());
        assertTrue(journal().find(OperationKeys.refundRequest(OperationKeys.groupReturnRequestId(group))).getStatus().isFinal());
    }

    /**
     * Scenario 2 under a slow Smartpay: the capture's first attempt outlasts the client's timeout and is still running
     * at Smartpay when the group comes back and the worker looks for its payment. "Not found" then is no proof it
     * was never made: the row waits out the in-flight window, finds the payment, records it, and the return
     * refunds it.
     */
    @Test
    void aCaptureStillRunningAtSmartpayWhenItsGroupComesBackIsRecordedAndRefunded() {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{3000, 1000}, new int[]{1, 1});
        Long group = paid.groupIds().get(0);
        ctx().properties().set("gateway.smartpay.readTimeoutMillis", "1000");
        sandbox().injectFault(SandboxFault.delay(Duration.ofSeconds(20)).on("POST", "/v1/payments"));
        OperationOutcome capture = operations().capture(group);
        assertEquals(OperationStatus.RETRYING, capture.status(), capture.toString());
        sandbox().clearFaults();
        fixture.setGroupStatus(group, SmartpayFulfillmentGroupStatusType.RETURNED);
        OrderLifecycleIT.operationsIdle();

        // past the capture's backoff, well inside the in-flight window: Smartpay has not made the payment yet
        OperationsTestSupport.advanceOperationsClock(Duration.ofSeconds(10));
        ctx().bean("blSmartpayOperationRetryWorker", SmartpayOperationRetryWorker.class).runOnce();
        SmartpayOperation waiting = journal().find(OperationKeys.captureGroup(group));
        assertEquals(OperationStatus.RETRYING, waiting.getStatus(), waiting.toString());
        assertEquals(CaptureOperation.WITHDRAWN_WAIT, waiting.getLastErrorCode(), waiting.toString());

        assertTrue(sandbox().awaitRequestsIdle(Duration.ofSeconds(60)), "the first attempt ends at Smartpay");
        long captured = sandbox().order(paid.smartpayOrderId()).captured();
        assertTrue(captured > 0, "the first attempt made the payment");
        settleEverything();
        SmartpayOperation captureRow = journal().find(OperationKeys.captureGroup(group));
        assertEquals(OperationStatus.SUCCEEDED, captureRow.getStatus(), captureRow.toString());
        assertEquals(captured, PaidOrderFixture.sum(fixture.transactions(paid.orderId(), PaymentTransactionType.CAPTURE)));
        assertEquals(captured, sandbox().order(paid.smartpayOrderId()).refunded(), "the returned group costs nothing");
        assertEquals(captured, PaidOrderFixture.sum(fixture.transactions(paid.orderId(), PaymentTransactionType.REFUND)));
    }

    /**
     * Found by the soak: group A's payment was refunded from Smartpay's dashboard (an amount, no items), then A comes
     * back while group B's capture still retries. Nothing is refundable at that moment, but B's capture will bring
     * money: the return waits for it and then refunds A's share, instead of settling at ¥0 for good.
     */
    @Test
    void aReturnWhileAnotherShipmentsCaptureRetriesWaitsForItAndRefundsTheGroupsShare() {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{1000, 3000}, new int[]{1, 1});
        Long groupA = paid.groupIds().get(0);
        Long groupB = paid.groupIds().get(1);
        OperationOutcome captureA = operations().capture(groupA);
        assertEquals(OperationStatus.SUCCEEDED, captureA.status(), captureA.toString());
        fixture.client().createRefund(org.bnplkit.smartpay.client.RefundCreateParams.builder()
                .payment(captureA.smartpayPaymentId()).amount(captureA.amount()).currency("JPY")
                .reason(RefundReason.REQUESTED_BY_CUSTOMER).build(), RequestOptions.idempotencyKey("dashboard-refund-" + paid.orderId()));
        ctx().bean("blSmartpayOrderSync", SmartpayOrderSync.class).sync(paid.smartpayOrderId(), paid.orderId(), "test");
        sandbox().injectFault(SandboxFault.status(500).times(8).on("POST", "/v1/payments"));
        OperationOutcome captureB = operations().capture(groupB);
        assertEquals(OperationStatus.RETRYING, captureB.status(), captureB.toString());
        sandbox().clearFaults();

        fixture.setGroupStatus(groupA, SmartpayFulfillmentGroupStatusType.RETURNED);
        OrderLifecycleIT.operationsIdle();
        SmartpayOperation waiting = journal().find(OperationKeys.refundRequest(OperationKeys.groupReturnRequestId(groupA)));
        assertNotNull(waiting, "the return is journaled");
        assertTrue(!waiting.getStatus().isFinal(), "it waits for B's capture instead of settling at 0: " + waiting);

        settleEverything();
        SandboxOrder smartpay = sandbox().order(paid.smartpayOrderId());
        assertEquals(paid.total(), smartpay.captured(), "B captured");
        assertEquals(captureA.amount() * 2, smartpay.refunded(), "the dashboard refund, then A's share for its return");
    }

    /** Scenario 2, for items: items returned while their group's capture still retries are refunded once it settles. */
    @Test
    void itemsReturnedWhileTheirCaptureRetriesAreRefundedOnceItSettles() {
        // two items of one price, so the test does not depend on the order the database lists a group's items in
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{2000, 2000}, new int[]{1, 1}, new int[]{0, 0});
        Long group = paid.groupIds().get(0);
        sandbox().injectFault(SandboxFault.dropAfterCommit().times(8).on("POST", "/v1/payments"));
        OperationOutcome capture = operations().capture(group);
        assertEquals(OperationStatus.RETRYING, capture.status(), capture.toString());
        sandbox().clearFaults();
        assertEquals(paid.total(), sandbox().order(paid.smartpayOrderId()).captured(), "Smartpay made the payment");

        fixture.setItemStatus(group, 0, SmartpayFulfillmentGroupStatusType.RETURNED);
        fixture.setGroupStatus(group, SmartpayFulfillmentGroupStatusType.PARTIALLY_RETURNED);
        OrderLifecycleIT.operationsIdle();
        assertNotNull(journal().find(OperationKeys.refundRequest(OperationKeys.itemReturnRequestId(itemIdOf(group, 0)))),
                "the item's return is journaled whatever the capture's state");

        settleEverything();
        assertEquals(2200, sandbox().order(paid.smartpayOrderId()).refunded(), "the returned item, once the capture settled");
    }

    /** Scenario 3: a partial return of several items refunds every returned item, each once. */
    @Test
    void aPartialReturnOfSeveralItemsRefundsEachOfThem() {
        // one group with three items; the first was already refunded in full by the admin
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{1000, 2000, 3000}, new int[]{1, 1, 1},
                new int[]{0, 0, 0});
        Long group = paid.groupIds().get(0);
        assertTrue(operations().capture(group).isSucceeded());
        Map<Integer, Long> items = itemsOf(group);
        operations().refundItems(paid.orderId(), Collections.singletonMap(items.get(0), 1), RefundReason.REQUESTED_BY_CUSTOMER,
                "refunded before it came back", "early-" + paid.orderId());
        for (int i = 0; i < 3; i++) {
            fixture.setItemStatus(group, i, SmartpayFulfillmentGroupStatusType.RETURNED);
        }
        fixture.setGroupStatus(group, SmartpayFulfillmentGroupStatusType.PARTIALLY_RETURNED);
        OrderLifecycleIT.operationsIdle();
        settleEverything();
        assertEquals(1100 + 2200 + 3300, sandbox().order(paid.smartpayOrderId()).refunded(),
                "every returned item refunded once, the one refunded early not again");
    }

    /** Scenario 4: a Broadleaf cancel after Smartpay cancelled (dashboard, expiry) still refunds what was captured. */
    @Test
    void aCancelAfterSmartpayCancelledStillRefundsTheCaptures() {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{2000, 4000}, new int[]{1, 1});
        long captured = operations().capture(paid.groupIds().get(0)).amount();
        fixture.client().cancelOrder(paid.smartpayOrderId(), RequestOptions.idempotencyKey("dashboard-" + paid.orderId()));
        ctx().bean("blSmartpayOrderSync", SmartpayOrderSync.class).sync(paid.smartpayOrderId(), paid.orderId(), "test");
        assertEquals(paid.total() - captured,
                PaidOrderFixture.sum(fixture.transactions(paid.orderId(), PaymentTransactionType.REVERSE_AUTH)));

        fixture.setOrderStatus(paid.orderId(), OrderStatus.CANCELLED);
        SmartpayOperation cancel = awaitSettled(OperationKeys.cancelOrder(paid.orderId()));
        assertEquals(OperationStatus.SUCCEEDED, cancel.getStatus(), cancel.toString());
        settleEverything();
        assertEquals(captured, sandbox().order(paid.smartpayOrderId()).refunded(), "refundCaptured=true is honoured");
        assertEquals(paid.total() - captured,
                PaidOrderFixture.sum(fixture.transactions(paid.orderId(), PaymentTransactionType.REVERSE_AUTH)),
                "released once");
    }

    /**
     * Scenario 13: a group removed after checkout (never shipped) is not charged for. The remaining group's capture is
     * its own share of the order as it is at shipment, not the authorization's residual, and what no longer exists is
     * released; the capture is kept.
     */
    @Test
    void aGroupRemovedAfterCheckoutIsNotChargedAndItsAmountIsReleased() {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{3000, 5000}, new int[]{1, 1});
        Long kept = paid.groupIds().get(0);
        Long removed = paid.groupIds().get(1);
        Paid reference = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{3000}, new int[]{1});
        long alone = reference.total(); // what the kept group's goods cost as an order of their own
        fixture.removeGroup(paid.orderId(), removed);

        OperationOutcome capture = operations().capture(kept);
        assertEquals(OperationStatus.SUCCEEDED, capture.status(), capture.toString());
        assertEquals(alone, capture.amount(), "the kept group's share, not the authorization's residual");
        SmartpayOperation release = awaitSettled(OperationKeys.releaseRemainder(paid.orderId()));
        assertEquals(OperationStatus.SUCCEEDED, release.getStatus(), release.toString());
        SandboxOrder smartpay = sandbox().order(paid.smartpayOrderId());
        assertEquals(alone, smartpay.captured());
        assertEquals(paid.total() - alone,
                PaidOrderFixture.sum(fixture.transactions(paid.orderId(), PaymentTransactionType.REVERSE_AUTH)),
                "what no longer exists is released");
        assertEquals(alone, PaidOrderFixture.sum(fixture.transactions(paid.orderId(), PaymentTransactionType.CAPTURE)));
    }

    /** Scenario 9: two refunds of the same last unit at the same moment: one is refused. */
    @Test
    void twoConcurrentRefundsOfTheSameUnitRefundItOnce() throws Exception {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{3000}, new int[]{1});
        Long group = paid.groupIds().get(0);
        operations().capture(group);
        Long item = orderItemOf(group);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Object> first = () -> tryRefundItem(paid, item, "staff-a-");
            Callable<Object> second = () -> tryRefundItem(paid, item, "staff-b-");
            Future<Object> a = pool.submit(first);
            Future<Object> b = pool.submit(second);
            Object ra = a.get(60, TimeUnit.SECONDS);
            Object rb = b.get(60, TimeUnit.SECONDS);
            assertTrue(ra instanceof Exception ^ rb instanceof Exception, "exactly one refused: " + ra + " / " + rb);
        } finally {
            pool.shutdownNow();
        }
        settleEverything();
        assertEquals(3300, sandbox().order(paid.smartpayOrderId()).refunded());
    }

    /** Scenario 10: a cancel while a refund is in flight settles (Smartpay cancelled) and refunds only the rest. */
    @Test
    void aCancelWhileARefundIsInFlightRefundsOnlyWhatIsLeft() throws Exception {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{2000, 4000}, new int[]{1, 1});
        long captured = operations().capture(paid.groupIds().get(0)).amount();
        sandbox().injectFault(SandboxFault.status(500).times(8).on("POST", "/v1/refunds"));
        OperationOutcome goodwill = operations().refund(paid.orderId(), 500, RefundReason.REQUESTED_BY_CUSTOMER,
                "goodwill", "goodwill-" + paid.orderId());
        assertEquals(OperationStatus.RETRYING, goodwill.overallStatus(), goodwill.toString());
        sandbox().clearFaults();

        OperationOutcome cancel = operations().cancel(paid.orderId());
        assertEquals(OperationStatus.SUCCEEDED, cancel.status(), cancel.toString());
        settleEverything();
        assertEquals(captured, sandbox().order(paid.smartpayOrderId()).refunded(), "the goodwill plus the rest, once");
        assertEquals(captured, PaidOrderFixture.sum(fixture.transactions(paid.orderId(), PaymentTransactionType.REFUND)));
        assertEquals(paid.total() - captured,
                PaidOrderFixture.sum(fixture.transactions(paid.orderId(), PaymentTransactionType.REVERSE_AUTH)));
    }

    /** Scenario 11: an answer for another amount (or another order) is never recorded as the operation. */
    @Test
    void anAnswerThatDoesNotMatchTheRequestIsNotRecorded() throws Exception {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{2000}, new int[]{1});
        try (TamperingProxy proxy = new TamperingProxy(sandbox().baseUrl(), "POST", "/v1/payments",
                body -> body.replaceFirst("\"amount\":(\\d+)", "\"amount\":1"))) {
            ctx().properties().set("gateway.smartpay.apiBaseUrl", proxy.baseUrl());
            OperationOutcome capture = operations().capture(paid.groupIds().get(0));
            assertEquals(OperationStatus.FAILED, capture.status(), capture.toString());
            assertEquals("smartpay.answer-mismatch", capture.errorCode());
        } finally {
            ctx().properties().set("gateway.smartpay.apiBaseUrl", sandbox().baseUrl());
        }
        assertTrue(fixture.transactions(paid.orderId(), PaymentTransactionType.CAPTURE).isEmpty(), "nothing recorded");
    }

    /**
     * Scenario 12: another store on the same Smartpay account used the journal key this store is about to use
     * ({@code capture:fg:<id>}: Broadleaf ids repeat across stores) as its Idempotency-Key. This store's capture is
     * still its own payment, of its own order.
     */
    @Test
    void anotherStoresIdempotencyKeyOfTheSameNameDoesNotAnswerOurCapture() {
        Paid theirs = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{500}, new int[]{1});
        Paid ours = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{2000}, new int[]{1});
        Long group = ours.groupIds().get(0);
        fixture.client().createPayment(org.bnplkit.smartpay.client.PaymentCreateParams.builder()
                .order(theirs.smartpayOrderId()).amount(300).currency("JPY")
                .cancelRemainder(org.bnplkit.smartpay.client.CancelRemainder.MANUAL).build(),
                RequestOptions.idempotencyKey(OperationKeys.captureGroup(group)));

        OperationOutcome capture = operations().capture(group);
        assertEquals(OperationStatus.SUCCEEDED, capture.status(), capture.toString());
        assertEquals(ours.total(), sandbox().order(ours.smartpayOrderId()).captured());
        assertEquals(300, sandbox().order(theirs.smartpayOrderId()).captured());
    }

    // ---- support --------------------------------------------------------------------------------------------------

    private Object tryRefundItem(Paid paid, Long item, String prefix) {
        try {
            return operations().refundItems(paid.orderId(), Collections.singletonMap(item, 1),
                    RefundReason.REQUESTED_BY_CUSTOMER, prefix, prefix + paid.orderId());
        } catch (RuntimeException refused) {
            return refused;
        }
    }

    /** Runs the retry worker, moving its clock past every backoff, until nothing is due (at most 30 passes). */
    static void settleEverything() {
        SmartpayOperationRetryWorker worker = ctx().bean("blSmartpayOperationRetryWorker", SmartpayOperationRetryWorker.class);
        Duration ahead = Duration.ZERO;
        for (int pass = 0; pass < 30; pass++) {
            OrderLifecycleIT.operationsIdle();
            // the clock jumps only once Smartpay has finished what it was doing, as time would pass in the world
            assertTrue(sandbox().awaitRequestsIdle(Duration.ofSeconds(60)), "the sandbox is still busy");
            ahead = ahead.plusMinutes(10);
            OperationsTestSupport.advanceOperationsClock(ahead);
            if (worker.runOnce() == 0) {
                OrderLifecycleIT.operationsIdle();
                if (worker.runOnce() == 0) {
                    return;
                }
            }
        }
    }

    private static OperationOutcome awaitRefundRequest(String requestId) {
        return OperationsTestSupport.await("refund request " + requestId + " to settle", () -> {
            OperationOutcome o = operations().find(OperationKeys.refundRequest(requestId));
            return o != null && o.overallStatus() == OperationStatus.SUCCEEDED ? o : null;
        });
    }

    private Long orderItemOf(Long groupId) {
        return itemsOf(groupId).get(0);
    }

    /** Id of the group's i-th fulfillment-group item. */
    private Long itemIdOf(Long groupId, int index) {
        return ctx().inTransaction(() -> ctx().bean("blFulfillmentGroupService",
                org.broadleafcommerce.core.order.service.FulfillmentGroupService.class)
                .findFulfillmentGroupById(groupId).getFulfillmentGroupItems().get(index).getId());
    }

    /** Order item ids of a group's items, by the items' index in the group. */
    private Map<Integer, Long> itemsOf(Long groupId) {
        return ctx().inTransaction(() -> {
            Map<Integer, Long> ids = new HashMap<>();
            List<org.broadleafcommerce.core.order.domain.FulfillmentGroupItem> items = ctx().bean("blFulfillmentGroupService",
                    org.broadleafcommerce.core.order.service.FulfillmentGroupService.class)
                    .findFulfillmentGroupById(groupId).getFulfillmentGroupItems();
            for (int i = 0; i < items.size(); i++) {
                ids.put(i, items.get(i).getOrderItem().getId());
            }
            return ids;
        });
    }
}
