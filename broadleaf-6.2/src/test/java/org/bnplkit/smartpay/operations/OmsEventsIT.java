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
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.operations.PaidOrderFixture.Paid;
import org.bnplkit.smartpay.triggers.SmartpayLifecycleTriggers;
import org.broadleafcommerce.common.event.ItemsFulfilledEvent;
import org.broadleafcommerce.common.event.ItemsReturnedEvent;
import org.broadleafcommerce.core.order.domain.OrderItem;
import org.broadleafcommerce.core.order.service.OrderService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Broadleaf 6.2: what an order management or warehouse integration publishes moves money like a status change —
 * ItemsFulfilledEvent captures the group, ItemsReturnedEvent refunds the items — after the publisher's transaction
 * commits, never inside it.
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
        assertEquals(1100, sandbox().order(paid.smartpayOrderId()).refunded());
    }

    private static List<Long> itemIds(Paid paid) {
        return ctx().inTransaction(() -> ctx().bean("blOrderService", OrderService.class).findOrderById(paid.orderId())
                .getOrderItems().stream().map(OrderItem::getId).sorted().collect(java.util.stream.Collectors.toList()));
    }

}
