package org.bnplkit.smartpay.webhooks;

import static org.bnplkit.smartpay.webhooks.WebhookTestSupport.client;
import static org.bnplkit.smartpay.webhooks.WebhookTestSupport.ctx;
import static org.bnplkit.smartpay.webhooks.WebhookTestSupport.notices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.bnplkit.smartpay.client.Expand;
import org.bnplkit.smartpay.client.Order;
import org.bnplkit.smartpay.client.RefundReason;
import org.bnplkit.smartpay.journal.SmartpayNotice;
import org.bnplkit.smartpay.operations.OperationOutcome;
import org.bnplkit.smartpay.operations.SmartpayOrderOperations;
import org.bnplkit.smartpay.webhooks.SmartpayOrderSync.SyncResult;
import org.bnplkit.smartpay.webhooks.WebhookTestSupport.Checkout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The order sync reads Smartpay's order first and Broadleaf's record second. A capture or refund the module makes in
 * between (the demo's seeded order 4: captured, then refunded while the capture's payment.created was being handled)
 * is in Broadleaf's record but not in that older read of Smartpay: that is no difference, and no
 * UNEXPLAINED_DIFFERENCE notice may say "Broadleaf records refunds Smartpay does not list".
 */
class OrderSyncSnapshotIT {

    @BeforeEach
    void settings() {
        WebhookTestSupport.baseline();
    }

    @AfterEach
    void restore() {
        WebhookTestSupport.baseline();
    }

    private static SmartpayOrderSync sync() {
        return ctx.bean("blSmartpayOrderSync", SmartpayOrderSync.class);
    }

    private static SmartpayOrderOperations operations() {
        return ctx.bean("blSmartpayOrderOperations", SmartpayOrderOperations.class);
    }

    @Test
    void aRefundTheModuleRecordsAfterSmartpayWasReadIsNoDifference() {
        Checkout paid = WebhookTestSupport.paidOrder(4400, 1);
        OperationOutcome captured = operations().capture(paid.orderId(), paid.total());
        assertTrue(captured.isSucceeded(), captured.toString());
        // payment.created is being handled: Smartpay's order is read...
        Order readBeforeTheRefund = client().getOrder(paid.smartpayOrderId(), Expand.ALL);
        // ...and the module refunds (Smartpay answers, Broadleaf records) before the sync reads Broadleaf's record
        OperationOutcome refunded = operations().refund(paid.orderId(), 1_980L, RefundReason.REQUESTED_BY_CUSTOMER,
                "One furoshiki returned", "snapshot-" + UUID.randomUUID());
        assertTrue(refunded.isSucceeded(), refunded.toString());

        SyncResult result = sync().sync(client(), readBeforeTheRefund, null, "webhook evt_snapshot");

        assertEquals(SyncResult.Kind.SYNCED, result.kind());
        assertTrue(result.problems().isEmpty(), result.summary());
        assertTrue(result.changes().isEmpty(), "nothing to import: " + result.summary());
        SmartpayNotice difference = notices().find("difference:" + paid.smartpayOrderId());
        assertNull(difference == null || !difference.isOpen() ? null : difference, "a notice about no difference");
    }

    @Test
    void aCaptureTheModuleRecordsAfterSmartpayWasReadIsNoDifference() {
        Checkout paid = WebhookTestSupport.paidOrder(3000, 1);
        Order readBeforeTheCapture = client().getOrder(paid.smartpayOrderId(), Expand.ALL);
        OperationOutcome captured = operations().capture(paid.orderId(), 1_000L);
        assertTrue(captured.isSucceeded(), captured.toString());

        SyncResult result = sync().sync(client(), readBeforeTheCapture, null, "webhook evt_snapshot_capture");

        assertTrue(result.problems().isEmpty(), result.summary());
        SmartpayNotice difference = notices().find("difference:" + paid.smartpayOrderId());
        assertTrue(difference == null || !difference.isOpen(), String.valueOf(difference));
    }
}
