package org.bnplkit.smartpay.operations;

import static org.bnplkit.smartpay.operations.OperationsTestSupport.awaitSettled;
import static org.bnplkit.smartpay.operations.OperationsTestSupport.ctx;
import static org.bnplkit.smartpay.operations.OperationsTestSupport.journal;
import static org.bnplkit.smartpay.operations.OperationsTestSupport.sandbox;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;

import org.bnplkit.smartpay.client.CaptureMethod;
import org.bnplkit.smartpay.journal.OperationKind;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.operations.PaidOrderFixture.Paid;
import org.bnplkit.smartpay.triggers.SmartpayLifecycleTriggers;
import org.broadleafcommerce.common.event.ItemsCancelledEvent;
import org.broadleafcommerce.common.event.ItemsFulfilledEvent;
import org.broadleafcommerce.common.event.ItemsReturnedEvent;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.broadleafcommerce.core.order.domain.OrderItem;
import org.broadleafcommerce.core.order.service.OrderService;
import org.broadleafcommerce.core.order.service.type.FulfillmentGroupStatusType;
import org.broadleafcommerce.core.order.service.type.OrderStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Broadleaf 6.2: what an order management or warehouse integration publishes moves money like a status change —
 * ItemsFulfilledEvent captures the group, ItemsReturnedEvent refunds the items, ItemsCancelledEvent refunds paid-for
 * units or, for the order's last units, ends the authorization — after the publisher's transaction commits, never
 * inside it. (The intents' durability: triggers.OmsEventIntentIT.)
 */
class OmsEventsIT {

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
    void aGroupReportedFulfilledIsCapturedAfterThePublishersCommit() {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{1200, 800}, new int[]{1, 2});
        Long group = paid.groupIds().get(0);
        ctx().inTransaction(() -> {
            ctx().root().publishEvent(new ItemsFulfilledEvent(group, Collections.singletonMap(itemIds(paid).get(0), 1)));
            assertNull(journal().find(OperationKeys.captureGroup(group)), "nothing happens before the commit");
        });
        SmartpayOperation capture = awaitSettled(OperationKeys.captureGroup(group));
        assertEquals(OperationStatus.SUCCEEDED, capture.getStatus(), capture.toString());
        assertEquals(capture.getAmount(), sandbox().order(paid.smartpayOrderId()).captured());
        assertTrue(capture.getAmount() < paid.total(), "only that group");
    }

    @Test
    void itemsReportedReturnedAreRefundedOnce() {
        Paid paid = fixture.paidOrder(CaptureMethod.AUTOMATIC, new long[]{1000, 3000}, new int[]{1, 1});
        ItemsReturnedEvent returned = new ItemsReturnedEvent(paid.orderId(), Collections.singletonMap(itemIds(paid).get(0), 1));
        ctx().root().publishEvent(returned);
        ctx().root().publishEvent(returned); // the same report again: one refund

        String requestId = SmartpayLifecycleTriggers.omsReturnRequestId(paid.orderId(), returned.getTimestamp());
        SmartpayOperation refund = awaitSettled(OperationKeys.refundRequest(requestId));
        assertEquals(OperationStatus.SUCCEEDED, refund.getStatus(), refund.toString());
        assertEquals(1100, refund.getAmount(), "the item's price with its 10 % tax");
        idle(); // sent from the operations' threads, like a status change's
        assertEquals(1100, sandbox().order(paid.smartpayOrderId()).refunded());
    }

    @Test
    void cancellingTheOrdersLastUnitsBeforeAnythingShippedCancelsItAtSmartpayOnce() {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{1200}, new int[]{2});
        Long group = paid.groupIds().get(0);
        int cancels = sandbox().requestCount("PUT", "/v1/orders/.*/cancellation");
        ctx().inTransaction(() -> ctx().root().publishEvent(
                new ItemsCancelledEvent(group, Collections.singletonMap(itemIds(paid).get(0), 2))));

        SmartpayOperation cancel = awaitSettled(OperationKeys.cancelOrder(paid.orderId()));
        assertEquals(OperationStatus.SUCCEEDED, cancel.getStatus(), cancel.toString());
        assertEquals(paid.total(), PaidOrderFixture.sum(fixture.transactions(paid.orderId(), PaymentTransactionType.REVERSE_AUTH)));
        // the order then made CANCELLED (as an order management system would): the same cancel, not a second one
        fixture.setOrderStatus(paid.orderId(), OrderStatus.CANCELLED);
        idle();
        assertEquals(cancels + 1, sandbox().requestCount("PUT", "/v1/orders/.*/cancellation"));
        assertEquals(0, sandbox().order(paid.smartpayOrderId()).captured());
    }

    @Test
    void cancellingSomeUnitsWhileOthersAreStillToShipMovesNoMoneyAndTheLastOnesReleaseTheRest() {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{1200, 800, 500}, new int[]{1, 1, 1});
        List<Long> items = itemIds(paid);
        int posts = sandbox().requestCount("POST", "/v1/payments");
        int cancels = sandbox().requestCount("PUT", "/v1/orders/.*/cancellation");
        ctx().inTransaction(() -> ctx().root().publishEvent(
                new ItemsCancelledEvent(paid.groupIds().get(2), Collections.singletonMap(items.get(2), 1))));
        idle();
        List<SmartpayOperation> rows = journal().findByOrder(paid.orderId());
        assertEquals(1, rows.size(), rows.toString());
        assertEquals(OperationKind.INTENT, rows.get(0).getKind(), "two groups still ship: nothing moves");
        assertEquals(OperationStatus.SUCCEEDED, rows.get(0).getStatus(), "the record of the cancelled unit");
        assertEquals(posts, sandbox().requestCount("POST", "/v1/payments"));
        assertEquals(cancels, sandbox().requestCount("PUT", "/v1/orders/.*/cancellation"));

        fixture.setGroupStatus(paid.groupIds().get(0), FulfillmentGroupStatusType.FULFILLED);
        SmartpayOperation capture = awaitSettled(OperationKeys.captureGroup(paid.groupIds().get(0)));
        ctx().inTransaction(() -> ctx().root().publishEvent(
                new ItemsCancelledEvent(paid.groupIds().get(1), Collections.singletonMap(items.get(1), 1))));

        SmartpayOperation release = awaitSettled(OperationKeys.releaseRemainder(paid.orderId()));
        assertEquals(OperationStatus.SUCCEEDED, release.getStatus(), release.toString());
        assertNull(journal().find(OperationKeys.cancelOrder(paid.orderId())), "the capture is kept, nothing refunded");
        assertEquals(capture.getAmount(), sandbox().order(paid.smartpayOrderId()).captured());
        assertEquals(0, sandbox().order(paid.smartpayOrderId()).refunded());
        assertEquals(paid.total() - capture.getAmount(),
                PaidOrderFixture.sum(fixture.transactions(paid.orderId(), PaymentTransactionType.REVERSE_AUTH)));
    }

    @Test
    void underAutomaticCaptureCancelledUnitsAreRefundedOnce() {
        Paid paid = fixture.paidOrder(CaptureMethod.AUTOMATIC, new long[]{1000, 3000}, new int[]{2, 1});
        Long group = paid.groupIds().get(0);
        ItemsCancelledEvent cancelled = new ItemsCancelledEvent(group, Collections.singletonMap(itemIds(paid).get(0), 1));
        ctx().inTransaction(() -> ctx().root().publishEvent(cancelled));
        ctx().inTransaction(() -> ctx().root().publishEvent(cancelled)); // the same report twice: one refund

        SmartpayOperation refund = awaitSettled(OperationKeys.refundRequest(
                OperationKeys.reportedCancelRequestId(group, cancelled.getTimestamp())));
        assertEquals(OperationStatus.SUCCEEDED, refund.getStatus(), refund.toString());
        assertEquals(1100, refund.getAmount(), "one unit with its 10 % tax");
        idle();
        assertEquals(1100, sandbox().order(paid.smartpayOrderId()).refunded());
        assertNull(journal().find(OperationKeys.cancelOrder(paid.orderId())), "the rest of the order stands");
    }

    private void idle() {
        try {
            assertTrue(OperationsTestSupport.operations().awaitBackground(20_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<Long> itemIds(Paid paid) {
        return ctx().inTransaction(() -> ctx().bean("blOrderService", OrderService.class).findOrderById(paid.orderId())
                .getOrderItems().stream().map(OrderItem::getId).sorted().collect(java.util.stream.Collectors.toList()));
    }

}
