package org.bnplkit.smartpay.triggers;

import static org.bnplkit.smartpay.operations.OperationsTestSupport.await;
import static org.bnplkit.smartpay.triggers.IntentHarness.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.bnplkit.smartpay.client.CaptureMethod;
import org.bnplkit.smartpay.journal.NoticeKind;
import org.bnplkit.smartpay.journal.OperationKind;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.SmartpayNotice;
import org.bnplkit.smartpay.journal.SmartpayNotices;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.operations.IntentAction;
import org.bnplkit.smartpay.operations.OperationKeys;
import org.bnplkit.smartpay.operations.OperationOutcome;
import org.bnplkit.smartpay.operations.PaidOrderFixture;
import org.bnplkit.smartpay.operations.PaidOrderFixture.Paid;
import org.bnplkit.smartpay.operations.SmartpayOrderOperations.Send;
import org.bnplkit.smartpay.testing.BroadleafTestContext;
import org.broadleafcommerce.core.order.domain.FulfillmentGroup;
import org.broadleafcommerce.core.order.service.FulfillmentGroupService;
import org.broadleafcommerce.core.order.service.type.FulfillmentGroupStatusType;
import org.broadleafcommerce.core.order.service.type.OrderStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The status change and its intent are one database transaction (docs/lifecycle.md, "How the triggers see the
 * change"), on the real Broadleaf context and the sandbox over HTTP: a status change rolled back leaves no journal
 * row; an intent that cannot be written rolls the status change back; the intent written before the commit is sent
 * after it exactly once; an intent whose node died between the commit and the send is sent by the retry worker; a
 * decision the operations refuse is a FAILED row with its reason and a TRIGGER_REFUSED notice.
 */
class DurableIntentIT {

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
    void aStatusChangeRolledBackLeavesNoJournalRowAndSendsNothing() {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{1500}, new int[]{1});
        Long group = paid.groupIds().get(0);
        int posts = sandbox().requestCount("POST", "/v1/payments");

        // one persistence context across both transactions, as Broadleaf's OpenEntityManagerInView filter binds it
        inOneRequest(requestEm -> {
                ctx.transactionTemplate().execute(status -> {
                    FulfillmentGroupService groups = ctx.bean("blFulfillmentGroupService", FulfillmentGroupService.class);
                    FulfillmentGroup fg = groups.findFulfillmentGroupById(group);
                    fg.setStatus(FulfillmentGroupStatusType.SHIPPED);
                    groups.save(fg);
                    EntityManagerFactoryUtils.getTransactionalEntityManager(ctx.bean("entityManagerFactory", javax.persistence.EntityManagerFactory.class)).flush(); // the listener sees the change...
                    status.setRollbackOnly(); // ...and the transaction rolls back
                    return null;
                });
                requestEm.clear();
                // the same persistence context commits another change: the rolled-back one must not be journaled with it
                ctx.transactionTemplate().execute(status -> {
                    FulfillmentGroupService groups = ctx.bean("blFulfillmentGroupService", FulfillmentGroupService.class);
                    FulfillmentGroup fg = groups.findFulfillmentGroupById(group);
                    fg.setStatus(FulfillmentGroupStatusType.PROCESSING);
                    groups.save(fg);
                    return null;
                });
        });
        idle();

        assertTrue(!FulfillmentGroupStatusType.SHIPPED.getType().equals(groupStatus(group)), "rolled back");
        assertTrue(journal().findByOrder(paid.orderId()).isEmpty(), journal().findByOrder(paid.orderId()).toString());
        assertEquals(posts, sandbox().requestCount("POST", "/v1/payments"));
    }

    @Test
    void anIntentThatCannotBeWrittenRollsTheStatusChangeBack() {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{1500}, new int[]{1});
        Long group = paid.groupIds().get(0);
        int posts = sandbox().requestCount("POST", "/v1/payments");
        triggers().beforeIntentWrite = () -> {
            throw new IllegalStateException("the journal cannot be written");
        };

        assertThrows(RuntimeException.class, () -> fixture.setGroupStatus(group, FulfillmentGroupStatusType.SHIPPED));
        triggers().beforeIntentWrite = null;
        idle();

        assertTrue(!FulfillmentGroupStatusType.SHIPPED.getType().equals(groupStatus(group)),
                "the shipment was rolled back with its intent");
        assertTrue(journal().findByOrder(paid.orderId()).isEmpty());
        assertEquals(posts, sandbox().requestCount("POST", "/v1/payments"));

        // shipped again once the journal works: captured once
        fixture.setGroupStatus(group, FulfillmentGroupStatusType.SHIPPED);
        assertEquals(OperationStatus.SUCCEEDED, settled(OperationKeys.captureGroup(group)).getStatus());
        assertEquals(posts + 1, sandbox().requestCount("POST", "/v1/payments"));
    }

    @Test
    void theIntentWrittenBeforeTheCommitIsSentAfterItExactlyOnce() {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{1500, 700}, new int[]{1, 1});
        Long group = paid.groupIds().get(0);
        int posts = sandbox().requestCount("POST", "/v1/payments");
        String[] seenInTransaction = new String[1];
        triggers().beforeIntentWrite = () -> seenInTransaction[0] = String.valueOf(
                TransactionSynchronizationManager.isActualTransactionActive());

        fixture.setGroupStatus(group, FulfillmentGroupStatusType.SHIPPED);
        SmartpayOperation capture = settled(OperationKeys.captureGroup(group));
        idle();

        assertEquals("true", seenInTransaction[0], "the intent is written inside the status change's transaction");
        assertEquals(OperationStatus.SUCCEEDED, capture.getStatus());
        assertEquals(posts + 1, sandbox().requestCount("POST", "/v1/payments"));
        assertTrue(intents(paid.orderId()).isEmpty(), "a decided intent gives way to its operation");
        // the worker, even after every lease has run out, finds nothing more to send
        operations().setClock(Clock.offset(Clock.systemUTC(), Duration.ofHours(1)));
        worker().runOnce();
        idle();
        assertEquals(posts + 1, sandbox().requestCount("POST", "/v1/payments"));
        assertEquals(1, fixture.transactions(paid.orderId(),
                org.broadleafcommerce.common.payment.PaymentTransactionType.CAPTURE).size());
    }

    @Test
    void anIntentLeftUnsentByANodeThatDiedIsSentByTheRetryWorker() {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{1500, 700}, new int[]{1, 1});
        Long group = paid.groupIds().get(0);
        int posts = sandbox().requestCount("POST", "/v1/payments");
        triggers().beforeDecide = () -> {
            throw new IllegalStateException("the node died between the commit and the send");
        };

        fixture.setGroupStatus(group, FulfillmentGroupStatusType.SHIPPED);
        triggers().beforeDecide = null;
        idle();

        assertEquals(FulfillmentGroupStatusType.SHIPPED.getType(), groupStatus(group), "the shipment stands");
        List<SmartpayOperation> left = intents(paid.orderId());
        assertEquals(1, left.size(), "the intent committed with the shipment");
        SmartpayOperation intent = left.get(0);
        assertEquals(OperationStatus.PENDING, intent.getStatus());
        assertEquals(IntentAction.CAPTURE_SHIPMENT, IntentAction.ofKey(intent.getOperationKey()));
        assertEquals(group, intent.getFulfillmentGroupId());
        assertNull(journal().find(OperationKeys.captureGroup(group)), "nothing decided yet");
        assertEquals(posts, sandbox().requestCount("POST", "/v1/payments"));

        // within the dead node's lease the worker leaves it alone; after it, the worker decides and sends it once
        worker().runOnce();
        assertNull(journal().find(OperationKeys.captureGroup(group)));
        afterTheLease();
        worker().runOnce();
        worker().runOnce();
        idle();
        SmartpayOperation capture = journal().find(OperationKeys.captureGroup(group));
        assertNotNull(capture);
        assertEquals(OperationStatus.SUCCEEDED, capture.getStatus(), capture.toString());
        assertEquals(posts + 1, sandbox().requestCount("POST", "/v1/payments"));
        assertTrue(intents(paid.orderId()).isEmpty());
    }

    @Test
    void aDecisionTheOperationsRefuseIsAFailedRowWithItsReasonAndANotice() {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{1500}, new int[]{1});
        long missingGroup = 987_654_321L;
        SmartpayOperation intent = operations().newIntent(IntentAction.CAPTURE_SHIPMENT, paid.orderId(), missingGroup,
                "Shipment (fulfillment group) " + missingGroup + " became SHIPPED");
        journal().insertIfAbsent(intent);

        OperationOutcome outcome = operations().decideIntent(intent.getOperationKey(), Send.NOW);

        assertEquals(OperationStatus.FAILED, outcome.status(), outcome.toString());
        SmartpayOperation failed = journal().find(intent.getOperationKey());
        assertEquals(OperationKind.INTENT, failed.getKind());
        assertEquals(OperationStatus.FAILED, failed.getStatus());
        assertEquals("trigger.refused", failed.getLastErrorCode());
        assertTrue(failed.getLastErrorMessage().contains(String.valueOf(missingGroup)), failed.getLastErrorMessage());
        SmartpayNotice notice = ctx.bean("blSmartpayNotices", SmartpayNotices.class).find("trigger:" + intent.getOperationKey());
        assertNotNull(notice);
        assertEquals(NoticeKind.TRIGGER_REFUSED, notice.getKind());
        assertEquals(paid.orderId(), notice.getOrderId());
        assertTrue(notice.getMessage().contains(String.valueOf(missingGroup)), notice.getMessage());
        // a person's Retry decides it again (and it is refused again, nothing sent)
        OperationOutcome retried = operations().retry(intent.getOperationKey());
        assertEquals(OperationStatus.FAILED, retried.status());
    }

    @Test
    void aShipmentWhoseGroupWasRemovedBeforeItsIntentWasDecidedIsAFailedIntentAndANotice() {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{1500, 700}, new int[]{1, 1});
        Long group = paid.groupIds().get(0);
        int posts = sandbox().requestCount("POST", "/v1/payments");
        triggers().beforeDecide = () -> {
            throw new IllegalStateException("the node died between the commit and the send");
        };
        fixture.setGroupStatus(group, FulfillmentGroupStatusType.SHIPPED);
        triggers().beforeDecide = null;
        fixture.removeGroup(paid.orderId(), group); // the shipment is taken off the order before anyone decided it

        afterTheLease();
        worker().runOnce();
        idle();

        SmartpayOperation intent = intents(paid.orderId()).get(0);
        assertEquals(OperationStatus.FAILED, intent.getStatus());
        assertEquals("trigger.refused", intent.getLastErrorCode());
        assertTrue(intent.getLastErrorMessage().contains("does not exist"), intent.getLastErrorMessage());
        SmartpayNotice notice = ctx.bean("blSmartpayNotices", SmartpayNotices.class).find("trigger:" + intent.getOperationKey());
        assertEquals(NoticeKind.TRIGGER_REFUSED, notice.getKind());
        assertTrue(notice.isOpen());
        assertEquals(posts, sandbox().requestCount("POST", "/v1/payments"), "nothing captured");
        // FAILED is final: the worker does not pick it up again
        worker().runOnce();
        assertEquals(1, journal().find(intent.getOperationKey()).getAttempts());
    }

    @Test
    void aCancelledOrderIsCancelledOnceThroughItsIntent() {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{1200}, new int[]{1});
        int cancels = sandbox().requestCount("PUT", "/v1/orders/.*/cancellation");
        fixture.setOrderStatus(paid.orderId(), OrderStatus.CANCELLED);
        SmartpayOperation cancel = settled(OperationKeys.cancelOrder(paid.orderId()));
        idle();
        assertEquals(OperationStatus.SUCCEEDED, cancel.getStatus(), cancel.toString());
        assertEquals(cancels + 1, sandbox().requestCount("PUT", "/v1/orders/.*/cancellation"));
        assertTrue(intents(paid.orderId()).isEmpty());
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static String groupStatus(Long groupId) {
        return ctx.inTransaction(() -> {
            FulfillmentGroup fg = ctx.bean("blFulfillmentGroupService", FulfillmentGroupService.class)
                    .findFulfillmentGroupById(groupId);
            return fg.getStatus() == null ? null : fg.getStatus().getType();
        });
    }
}
