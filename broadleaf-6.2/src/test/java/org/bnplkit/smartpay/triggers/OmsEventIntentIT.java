package org.bnplkit.smartpay.triggers;

import static org.bnplkit.smartpay.triggers.IntentHarness.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

import org.bnplkit.smartpay.client.CaptureMethod;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.operations.IntentAction;
import org.bnplkit.smartpay.operations.OperationKeys;
import org.bnplkit.smartpay.operations.PaidOrderFixture;
import org.bnplkit.smartpay.operations.PaidOrderFixture.Paid;
import org.bnplkit.smartpay.testing.BroadleafTestContext;
import org.broadleafcommerce.common.event.ItemsFulfilledEvent;
import org.broadleafcommerce.common.event.ItemsReturnedEvent;
import org.broadleafcommerce.core.order.domain.FulfillmentGroup;
import org.broadleafcommerce.core.order.domain.OrderItem;
import org.broadleafcommerce.core.order.service.FulfillmentGroupService;
import org.broadleafcommerce.core.order.service.OrderService;
import org.broadleafcommerce.core.order.service.type.FulfillmentGroupStatusType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Broadleaf 6.2's order management events journal their intent in the publisher's transaction, like a status change
 * (docs/lifecycle.md, "Broadleaf 6.2's order management events"), on the real context and the sandbox over HTTP: a
 * report rolled back leaves no intent, even when its persistence context commits later; a node that dies between the
 * publisher's commit and the decision leaves the intent to the retry worker, which moves the money once; a group
 * reported fulfilled and set FULFILLED in one transaction is captured once.
 */
class OmsEventIntentIT {

    private static final BroadleafTestContext ctx = IntentHarness.ctx;
    private final PaidOrderFixture fixture = new PaidOrderFixture(ctx);

    @BeforeEach
    void settings() {
        IntentHarness.start();
    }

    @AfterEach
    void restore() {
        IntentHarness.finish();
    }

    @Test
    void aReportRolledBackLeavesNoIntentWhileOneCommittedIsJournaledInItsTransaction() {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{1500, 700}, new int[]{1, 1});
        Long rolledBack = paid.groupIds().get(0);
        Long committed = paid.groupIds().get(1);
        List<Long> items = itemIds(paid);
        int posts = sandbox().requestCount("POST", "/v1/payments");
        List<String> journaledInTransaction = Collections.synchronizedList(new ArrayList<>());
        triggers().beforeIntentWrite = () -> journaledInTransaction.add(String.valueOf(
                TransactionSynchronizationManager.isActualTransactionActive()));

        // one persistence context across both transactions, as Broadleaf's OpenEntityManagerInView filter binds it
        inOneRequest(requestEm -> {
                ctx.transactionTemplate().execute(status -> {
                    ctx.root().publishEvent(new ItemsFulfilledEvent(rolledBack, Collections.singletonMap(items.get(0), 1)));
                    status.setRollbackOnly();
                    return null;
                });
                ctx.transactionTemplate().execute(status -> {
                    ctx.root().publishEvent(new ItemsFulfilledEvent(committed, Collections.singletonMap(items.get(1), 1)));
                    return null;
                });
        });
        SmartpayOperation capture = settled(OperationKeys.captureGroup(committed));
        idle();

        assertEquals(OperationStatus.SUCCEEDED, capture.getStatus(), capture.toString());
        assertEquals(List.of("true"), journaledInTransaction, "one intent, written inside the publisher's transaction");
        assertNull(journal().find(OperationKeys.captureGroup(rolledBack)), "the rolled-back report moved nothing");
        assertEquals(posts + 1, sandbox().requestCount("POST", "/v1/payments"));
        assertTrue(intents(paid.orderId()).isEmpty(), "a decided intent gives way to its operation");
    }

    @Test
    void aCaptureReportedByANodeThatDiedAfterTheCommitIsSentByTheRetryWorker() {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{1500, 700}, new int[]{1, 1});
        Long group = paid.groupIds().get(0);
        int posts = sandbox().requestCount("POST", "/v1/payments");
        triggers().beforeDecide = () -> {
            throw new IllegalStateException("the node died between the commit and the send");
        };

        ctx.inTransaction(() -> ctx.root().publishEvent(
                new ItemsFulfilledEvent(group, Collections.singletonMap(itemIds(paid).get(0), 1))));
        triggers().beforeDecide = null;
        idle();

        List<SmartpayOperation> left = intents(paid.orderId());
        assertEquals(1, left.size(), "the intent committed with the report");
        assertEquals(IntentAction.CAPTURE_SHIPMENT, IntentAction.ofKey(left.get(0).getOperationKey()));
        assertEquals(OperationStatus.PENDING, left.get(0).getStatus());
        assertNull(journal().find(OperationKeys.captureGroup(group)), "nothing decided yet");

        recoverWithTheRetryWorker();
        SmartpayOperation capture = journal().find(OperationKeys.captureGroup(group));
        assertNotNull(capture);
        assertEquals(OperationStatus.SUCCEEDED, capture.getStatus(), capture.toString());
        assertEquals(posts + 1, sandbox().requestCount("POST", "/v1/payments"));
        assertTrue(intents(paid.orderId()).isEmpty());
    }

    @Test
    void aReturnReportedByANodeThatDiedAfterTheCommitIsRefundedByTheRetryWorkerOnce() {
        Paid paid = fixture.paidOrder(CaptureMethod.AUTOMATIC, new long[]{1000, 3000}, new int[]{2, 1});
        ItemsReturnedEvent returned = new ItemsReturnedEvent(paid.orderId(), Collections.singletonMap(itemIds(paid).get(0), 1));
        triggers().beforeDecide = () -> {
            throw new IllegalStateException("the node died between the commit and the send");
        };
        ctx.inTransaction(() -> ctx.root().publishEvent(returned));
        ctx.inTransaction(() -> ctx.root().publishEvent(returned)); // the same report twice
        triggers().beforeDecide = null;
        idle();
        assertEquals(2, intents(paid.orderId()).size(), "each publication committed its intent");
        String requestKey = OperationKeys.refundRequest(OperationKeys.reportedReturnRequestId(paid.orderId(),
                returned.getTimestamp()));
        assertNull(journal().find(requestKey));

        recoverWithTheRetryWorker();
        SmartpayOperation refund = journal().find(requestKey);
        assertNotNull(refund);
        assertEquals(OperationStatus.SUCCEEDED, refund.getStatus(), refund.toString());
        assertEquals(1100, refund.getAmount(), "one unit with its 10 % tax, read back from the intent");
        assertEquals(1100, sandbox().order(paid.smartpayOrderId()).refunded(), "the same report refunds once");
        assertTrue(intents(paid.orderId()).isEmpty());
    }

    @Test
    void aGroupReportedFulfilledAndSetFulfilledInOneTransactionIsCapturedOnce() {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{1500, 700}, new int[]{1, 1});
        Long group = paid.groupIds().get(0);
        List<Long> items = itemIds(paid);
        int posts = sandbox().requestCount("POST", "/v1/payments");
        triggers().beforeDecide = () -> {
            throw new IllegalStateException("the node died between the commit and the send");
        };
        ctx.inTransaction(() -> {
            FulfillmentGroupService groups = ctx.bean("blFulfillmentGroupService", FulfillmentGroupService.class);
            FulfillmentGroup fg = groups.findFulfillmentGroupById(group);
            fg.setStatus(FulfillmentGroupStatusType.FULFILLED);
            groups.save(fg);
            ctx.root().publishEvent(new ItemsFulfilledEvent(group, Collections.singletonMap(items.get(0), 1)));
        });
        triggers().beforeDecide = null;
        idle();
        List<SmartpayOperation> left = intents(paid.orderId());
        assertEquals(2, left.size(), "the status change's intent and the report's: " + left);
        assertTrue(left.stream().allMatch(i -> IntentAction.ofKey(i.getOperationKey()) == IntentAction.CAPTURE_SHIPMENT));

        recoverWithTheRetryWorker();
        SmartpayOperation capture = journal().find(OperationKeys.captureGroup(group));
        assertEquals(OperationStatus.SUCCEEDED, capture.getStatus(), capture.toString());
        assertEquals(posts + 1, sandbox().requestCount("POST", "/v1/payments"), "captured once");
        assertEquals(capture.getAmount(), sandbox().order(paid.smartpayOrderId()).captured());
        assertTrue(intents(paid.orderId()).isEmpty());
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** The dead node's lease runs out; the worker (twice: a second pass finds nothing more) decides what is left. */
    private static void recoverWithTheRetryWorker() {
        worker().runOnce(); // within the lease: left to the node that wrote it
        afterTheLease();
        worker().runOnce();
        worker().runOnce();
        idle();
    }

    private static List<Long> itemIds(Paid paid) {
        return ctx.inTransaction(() -> ctx.bean("blOrderService", OrderService.class).findOrderById(paid.orderId())
                .getOrderItems().stream().map(OrderItem::getId).sorted().collect(Collectors.toList()));
    }

}
