package org.bnplkit.smartpay.triggers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

import org.bnplkit.smartpay.client.CaptureMethod;
import org.bnplkit.smartpay.journal.OperationJournal;
import org.bnplkit.smartpay.journal.OperationKind;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.operations.IntentAction;
import org.bnplkit.smartpay.operations.OperationKeys;
import org.bnplkit.smartpay.operations.PaidOrderFixture;
import org.bnplkit.smartpay.operations.PaidOrderFixture.Paid;
import org.bnplkit.smartpay.operations.SmartpayOperationsSettings;
import org.bnplkit.smartpay.operations.SmartpayOrderOperationsImpl;
import org.bnplkit.smartpay.reconcile.SmartpayOperationRetryWorker;
import org.bnplkit.smartpay.sandbox.SmartpaySandbox;
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
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Broadleaf 6.2's order management events journal their intent in the publisher's transaction, like a status change
 * (docs/lifecycle.md, "Broadleaf 6.2's order management events"), on the real context and the sandbox over HTTP: a
 * report rolled back leaves no intent, even when its persistence context commits later; a node that dies between the
 * publisher's commit and the decision leaves the intent to the retry worker, which moves the money once; a group
 * reported fulfilled and set FULFILLED in one transaction is captured once.
 */
class OmsEventIntentIT {

    private static final BroadleafTestContext ctx = BroadleafTestContext.get();
    private final PaidOrderFixture fixture = new PaidOrderFixture(ctx);

    private static SmartpayLifecycleTriggers triggers() {
        return ctx.bean("blSmartpayLifecycleTriggers", SmartpayLifecycleTriggers.class);
    }

    private static SmartpayOrderOperationsImpl operations() {
        return ctx.bean("blSmartpayOrderOperations", SmartpayOrderOperationsImpl.class);
    }

    private static OperationJournal journal() {
        return ctx.bean("blSmartpayOperationJournal", OperationJournal.class);
    }

    private static SmartpaySandbox sandbox() {
        return ctx.sandbox();
    }

    @BeforeEach
    void settings() {
        ctx.properties().reset();
        ctx.properties().set(SmartpayOperationsSettings.WORKER_ENABLED, "false");
        operations().setClock(Clock.systemUTC());
        sandbox().clearFaults();
    }

    @AfterEach
    void restore() {
        triggers().beforeIntentWrite = null;
        triggers().beforeDecide = null;
        operations().setClock(Clock.systemUTC());
        ctx.properties().reset();
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
        javax.persistence.EntityManagerFactory emf = ctx.bean("entityManagerFactory", javax.persistence.EntityManagerFactory.class);
        javax.persistence.EntityManager requestEm = emf.createEntityManager();
        TransactionSynchronizationManager.bindResource(emf, new EntityManagerHolder(requestEm));
        try {
            ctx.transactionTemplate().execute(status -> {
                ctx.root().publishEvent(new ItemsFulfilledEvent(rolledBack, Collections.singletonMap(items.get(0), 1)));
                status.setRollbackOnly();
                return null;
            });
            ctx.transactionTemplate().execute(status -> {
                ctx.root().publishEvent(new ItemsFulfilledEvent(committed, Collections.singletonMap(items.get(1), 1)));
                return null;
            });
        } finally {
            TransactionSynchronizationManager.unbindResource(emf);
            requestEm.close();
        }
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
        SmartpayOperationRetryWorker worker = ctx.bean("blSmartpayOperationRetryWorker", SmartpayOperationRetryWorker.class);
        worker.runOnce(); // within the lease: left to the node that wrote it
        long leaseMs = ctx.bean("blSmartpayOperationsSettings", SmartpayOperationsSettings.class).leaseMs();
        operations().setClock(Clock.offset(Clock.systemUTC(), Duration.ofMillis(leaseMs + 1_000)));
        worker.runOnce();
        worker.runOnce();
        idle();
    }

    private static List<Long> itemIds(Paid paid) {
        return ctx.inTransaction(() -> ctx.bean("blOrderService", OrderService.class).findOrderById(paid.orderId())
                .getOrderItems().stream().map(OrderItem::getId).sorted().collect(Collectors.toList()));
    }

    private static List<SmartpayOperation> intents(Long orderId) {
        return journal().findByOrder(orderId).stream().filter(r -> r.getKind() == OperationKind.INTENT).toList();
    }

    private static SmartpayOperation settled(String key) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            SmartpayOperation row = journal().find(key);
            if (row != null && row.getStatus() != OperationStatus.PENDING) {
                return row;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("Timed out waiting for journal row " + key + " to settle");
    }

    private static void idle() {
        try {
            assertTrue(operations().awaitBackground(20_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
