package org.bnplkit.smartpay.webhooks;

import static org.bnplkit.smartpay.webhooks.WebhookTestSupport.await;
import static org.bnplkit.smartpay.webhooks.WebhookTestSupport.awaitProcessing;
import static org.bnplkit.smartpay.webhooks.WebhookTestSupport.client;
import static org.bnplkit.smartpay.webhooks.WebhookTestSupport.ctx;
import static org.bnplkit.smartpay.webhooks.WebhookTestSupport.deliveries;
import static org.bnplkit.smartpay.webhooks.WebhookTestSupport.notices;
import static org.bnplkit.smartpay.webhooks.WebhookTestSupport.sandbox;
import static org.bnplkit.smartpay.webhooks.WebhookTestSupport.transactions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;

import org.bnplkit.smartpay.client.RequestOptions;
import org.bnplkit.smartpay.client.webhook.WebhookEventType;
import org.bnplkit.smartpay.journal.NoticeKind;
import org.bnplkit.smartpay.journal.OperationJournal;
import org.bnplkit.smartpay.journal.OperationKind;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.SmartpayNotice;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.operations.OperationKeys;
import org.bnplkit.smartpay.operations.OperationOutcome;
import org.bnplkit.smartpay.operations.SmartpayOperationsSettings;
import org.bnplkit.smartpay.operations.SmartpayOrderOperationsImpl;
import org.bnplkit.smartpay.sandbox.CapturedOrderCancellation;
import org.bnplkit.smartpay.sandbox.SandboxOrder;
import org.bnplkit.smartpay.webhooks.WebhookTestSupport.Checkout;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.broadleafcommerce.core.order.service.type.OrderStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * gateway.smartpay.order.cancelWhenCancelledAtSmartpay: a cancellation made in Smartpay's dashboard reaches the store
 * by the sandbox's signed order.canceled delivery. On, the Broadleaf order becomes CANCELLED as a cancel already done
 * at Smartpay: the cancel trigger that status fires sends no cancellation and no refund (the sandbox's request log
 * says so), and captures stay captured. Off, the order stays. The notice is open either way.
 */
class CanceledAtSmartpayIT {

    private static final String CANCELLATIONS = "/v1/orders/.*/cancellation";

    @BeforeAll
    static void registerTheStore() {
        WebhookTestSupport.registeredReceiver();
    }

    @AfterAll
    static void unregisterTheStore() {
        WebhookTestSupport.unregisterReceiver();
    }

    @BeforeEach
    void settings() {
        WebhookTestSupport.baseline();
    }

    @AfterEach
    void restore() {
        sandbox().capturedOrderCancellation(CapturedOrderCancellation.SUCCEEDED);
        WebhookTestSupport.baseline();
    }

    @Test
    void onADashboardCancelMovesTheOrderToCancelledAndSendsNoCancellationAndNoRefund() {
        ctx.properties().set(SmartpayOperationsSettings.ORDER_CANCEL_WHEN_CANCELLED_AT_SMARTPAY, "true");
        Checkout paid = settledPaidOrder(3600);
        int cancellations = sandbox().requestCount("PUT", CANCELLATIONS);
        int refunds = sandbox().requestCount("POST", "/v1/refunds");

        dashboardCancel(paid);
        await("the order to follow Smartpay's cancel", () -> WebhookTestSupport.status(paid.orderId()) == OrderStatus.CANCELLED);
        settle();

        assertFalse(deliveries(WebhookEventType.ORDER_CANCELED, paid.smartpayOrderId()).isEmpty(), "by the webhook");
        assertEquals(cancellations + 1, sandbox().requestCount("PUT", CANCELLATIONS), "the dashboard's cancel only");
        assertEquals(refunds, sandbox().requestCount("POST", "/v1/refunds"), "no refund");
        SmartpayOperation cancel = journal().find(OperationKeys.cancelOrder(paid.orderId()));
        assertNotNull(cancel, "the order's own cancel is journaled as done at Smartpay");
        assertEquals(OperationStatus.SUCCEEDED, cancel.getStatus());
        assertEquals(0, cancel.getAmount(), "it released nothing itself");
        assertTrue(journal().findByOrder(paid.orderId()).stream().noneMatch(r -> r.getKind() == OperationKind.INTENT),
                "the cancel trigger's intent was decided (into nothing to send)");
        assertEquals(paid.total(), WebhookTestSupport.transactions(paid.orderId(), PaymentTransactionType.REVERSE_AUTH)
                .get(0).amount(), "the release is recorded once, from Smartpay");
        assertEquals(1, transactions(paid.orderId(), PaymentTransactionType.REVERSE_AUTH).size());
        SmartpayNotice notice = openNotice(paid);
        assertTrue(notice.getMessage().contains("moved to CANCELLED"), notice.getMessage());
        assertEquals("canceled", sandbox().order(paid.smartpayOrderId()).status());
    }

    @Test
    void offTheOrderStaysAndTheNoticeIsOpen() {
        Checkout paid = settledPaidOrder(2400);
        int cancellations = sandbox().requestCount("PUT", CANCELLATIONS);

        dashboardCancel(paid);
        await("the release from order.canceled",
                () -> !transactions(paid.orderId(), PaymentTransactionType.REVERSE_AUTH).isEmpty());
        settle();

        assertEquals(OrderStatus.SUBMITTED, WebhookTestSupport.status(paid.orderId()));
        assertEquals(null, journal().find(OperationKeys.cancelOrder(paid.orderId())));
        assertEquals(cancellations + 1, sandbox().requestCount("PUT", CANCELLATIONS));
        SmartpayNotice notice = openNotice(paid);
        assertTrue(notice.getMessage().contains("status was not changed"), notice.getMessage());
    }

    @Test
    void aPartlyCapturedOrderCancelledAtSmartpayKeepsItsCaptures() {
        ctx.properties().set(SmartpayOperationsSettings.ORDER_CANCEL_WHEN_CANCELLED_AT_SMARTPAY, "true");
        // the default gateway.smartpay.cancel.refundCaptured=true: a cancel of the store's own would refund the capture
        sandbox().capturedOrderCancellation(CapturedOrderCancellation.CANCELED); // Smartpay answers canceled + order.canceled
        Checkout paid = settledPaidOrder(5000);
        OperationOutcome captured = operations().capture(paid.orderId(), 2_000L);
        assertTrue(captured.isSucceeded(), captured.toString());
        settle();
        int cancellations = sandbox().requestCount("PUT", CANCELLATIONS);
        int refunds = sandbox().requestCount("POST", "/v1/refunds");

        dashboardCancel(paid);
        await("the order to follow Smartpay's cancel", () -> WebhookTestSupport.status(paid.orderId()) == OrderStatus.CANCELLED);
        settle();

        assertEquals(cancellations + 1, sandbox().requestCount("PUT", CANCELLATIONS));
        assertEquals(refunds, sandbox().requestCount("POST", "/v1/refunds"), "the capture is never refunded by the move");
        SandboxOrder atSmartpay = sandbox().order(paid.smartpayOrderId());
        assertEquals(2_000L, atSmartpay.captured());
        assertEquals(0L, atSmartpay.refunded());
        assertEquals(1, transactions(paid.orderId(), PaymentTransactionType.CAPTURE).size());
        assertTrue(transactions(paid.orderId(), PaymentTransactionType.REFUND).isEmpty());
        assertEquals(paid.total() - 2_000L, transactions(paid.orderId(), PaymentTransactionType.REVERSE_AUTH).get(0).amount());
        SmartpayNotice notice = openNotice(paid);
        assertTrue(notice.getMessage().contains("stays captured"), notice.getMessage());
    }

    @Test
    void onAReconciliationPassThatFindsTheCancelMovesTheOrderTheSameWay() {
        ctx.properties().set(SmartpayOperationsSettings.ORDER_CANCEL_WHEN_CANCELLED_AT_SMARTPAY, "true");
        Checkout paid = settledPaidOrder(1800);
        int cancellations = sandbox().requestCount("PUT", CANCELLATIONS);
        int refunds = sandbox().requestCount("POST", "/v1/refunds");
        WebhookTestSupport.pauseReceiver(true); // the store is unreachable: order.canceled never arrives
        try {
            dashboardCancel(paid);
            assertTrue(sandbox().awaitWebhooksIdle(Duration.ofSeconds(10)));
        } finally {
            WebhookTestSupport.pauseReceiver(false);
        }
        assertEquals(OrderStatus.SUBMITTED, WebhookTestSupport.status(paid.orderId()));

        SmartpayOrderSync.SyncResult result = ctx.bean("blSmartpayOrderSync", SmartpayOrderSync.class)
                .sync(paid.smartpayOrderId(), paid.orderId(), "reconciliation");
        settle();

        assertTrue(result.changes().contains("order status CANCELLED"), result.summary());
        assertEquals(OrderStatus.CANCELLED, WebhookTestSupport.status(paid.orderId()));
        assertEquals(cancellations + 1, sandbox().requestCount("PUT", CANCELLATIONS));
        assertEquals(refunds, sandbox().requestCount("POST", "/v1/refunds"));
        assertTrue(openNotice(paid).getMessage().contains("(reconciliation)"));
        // a second pass changes nothing
        SmartpayOrderSync.SyncResult again = ctx.bean("blSmartpayOrderSync", SmartpayOrderSync.class)
                .sync(paid.smartpayOrderId(), paid.orderId(), "reconciliation");
        assertTrue(again.changes().isEmpty(), again.summary());
        assertTrue(again.problems().isEmpty(), again.summary());
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** A paid order whose checkout webhooks have been delivered and handled. */
    private static Checkout settledPaidOrder(long price) {
        Checkout paid = WebhookTestSupport.paidOrder(price, 1);
        settle();
        return paid;
    }

    private static void dashboardCancel(Checkout paid) {
        client().cancelOrder(paid.smartpayOrderId(), RequestOptions.idempotencyKey("dashboard-cancel-" + UUID.randomUUID()));
    }

    private static void settle() {
        assertTrue(sandbox().awaitWebhooksIdle(Duration.ofSeconds(10)));
        awaitProcessing();
        try {
            assertTrue(operations().awaitBackground(20_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static SmartpayNotice openNotice(Checkout paid) {
        SmartpayNotice notice = notices().find("canceled:" + paid.smartpayOrderId());
        assertNotNull(notice);
        assertEquals(NoticeKind.CANCELED_AT_SMARTPAY, notice.getKind());
        assertTrue(notice.isOpen());
        assertEquals(paid.orderId(), notice.getOrderId());
        return notice;
    }

    private static SmartpayOrderOperationsImpl operations() {
        return ctx.bean("blSmartpayOrderOperations", SmartpayOrderOperationsImpl.class);
    }

    private static OperationJournal journal() {
        return ctx.bean("blSmartpayOperationJournal", OperationJournal.class);
    }
}
