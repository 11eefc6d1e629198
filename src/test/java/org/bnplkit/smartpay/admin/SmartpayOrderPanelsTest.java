package org.bnplkit.smartpay.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bnplkit.smartpay.journal.OperationKind;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.junit.jupiter.api.Test;

/** The panel's figures from Broadleaf's recorded transactions, the journal and Smartpay's live answer. */
class SmartpayOrderPanelsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T03:00:00Z");
    private static final long ORDER = 42;
    private static final AdminPermissions ALL = new AdminPermissions(true, true);

    private final SmartpayOrderPanels panels = new SmartpayOrderPanels();

    SmartpayOrderPanelsTest() {
        panels.setClock(Clock.fixed(NOW, ZoneOffset.UTC));
        panels.settings = new org.bnplkit.smartpay.config.SmartpaySettings() {
            @Override
            public String dashboardBaseUrl() {
                return "https://dashboard.smartpay.co/";
            }
        };
    }

    private static SmartpayOrderPanels.RecordedPayment recorded(boolean automatic, long authorized, long captured,
            long refunded, boolean released) {
        List<SmartpayOrderPanels.RecordedPayment.Line> lines = new ArrayList<>();
        lines.add(new SmartpayOrderPanels.RecordedPayment.Line(11, "Teacup", 2));
        lines.add(new SmartpayOrderPanels.RecordedPayment.Line(12, "Kettle", 1));
        return new SmartpayOrderPanels.RecordedPayment("order_test_1", automatic, false, authorized, captured, refunded,
                released, lines);
    }

    private static SmartpayOperation row(String key, OperationKind kind, OperationStatus status, long amount) {
        SmartpayOperation row = new SmartpayOperation();
        row.setOperationKey(key);
        row.setKind(kind);
        row.setStatus(status);
        row.setAmount(amount);
        row.setOrderId(ORDER);
        row.setCreatedAt(Date.from(NOW));
        return row;
    }

    private static SmartpayOrderPanels.LiveOrder live(String status, Duration expiresIn) {
        return new SmartpayOrderPanels.LiveOrder(true, status, expiresIn == null ? null : NOW.plus(expiresIn).toEpochMilli(), true, null);
    }

    @Test
    void figuresOfAPartlyCapturedPartlyRefundedOrder() {
        SmartpayOrderPanel p = panels.build(ORDER, recorded(false, 10_000, 6_000, 1_000, false), List.of(),
                live("requires_capture", Duration.ofDays(5)), ALL);

        assertEquals(10_000, p.getAuthorized());
        assertEquals(6_000, p.getCaptured());
        assertEquals(4_000, p.getUncaptured());
        assertEquals(1_000, p.getRefunded());
        assertEquals(5_000, p.getRefundable());
        assertTrue(p.isCapturePossible() && p.isCancelPossible() && p.isRefundPossible());
        assertEquals("https://dashboard.smartpay.co/orders/order_test_1", p.getDashboardUrl());
        assertEquals("2026-11-27 12:00 JST", p.getExpiresAt());
        assertFalse(p.isExpiringSoon());
        assertFalse(p.isLive(), "Smartpay says test mode");
    }

    @Test
    void operationsInFlightAreNotOfferedTwice() {
        List<SmartpayOperation> rows = List.of(
                row("capture:order:42:1", OperationKind.CAPTURE, OperationStatus.RETRYING, 3_000),
                row("refund:r1:payment_1", OperationKind.REFUND, OperationStatus.PENDING, 2_000),
                row("refund:r0:payment_1", OperationKind.REFUND, OperationStatus.FAILED, 500));

        SmartpayOrderPanel p = panels.build(ORDER, recorded(false, 10_000, 6_000, 1_000, false), rows,
                SmartpayOrderPanels.LiveOrder.NOT_ASKED, ALL);

        assertEquals(1_000, p.getUncaptured(), "authorized - captured - capture in flight");
        assertEquals(3_000, p.getRefundable(), "captured - refunded - refund in flight; the failed one does not count");
    }

    @Test
    void theHistoryShowsReferencesAndTheItemsOfRequestsAndOfImportedDashboardRefunds() {
        SmartpayOperation request = row("refund:rma-7", OperationKind.REFUND_REQUEST, OperationStatus.SUCCEEDED, 1_100);
        request.setItemQuantities("11:1:1100");
        SmartpayOperation slice = row("refund:rma-7:payment_1", OperationKind.REFUND, OperationStatus.SUCCEEDED, 1_100);
        slice.setParentKey("refund:rma-7");
        SmartpayOperation imported = row("import:refund:refund_test_9", OperationKind.REFUND, OperationStatus.SUCCEEDED, 3_300);
        imported.setItemQuantities("12:1:3300");
        List<SmartpayOperation> rows = List.of(row("capture:fg:5", OperationKind.CAPTURE, OperationStatus.SUCCEEDED, 6_000),
                request, slice, imported);

        SmartpayOrderPanel p = panels.build(ORDER, recorded(false, 10_000, 6_000, 4_400, false), rows,
                SmartpayOrderPanels.LiveOrder.NOT_ASKED, ALL);

        List<SmartpayOrderPanel.OperationRow> ops = p.getOperations();
        assertEquals("42/fg:5", ops.get(0).getReference());
        assertEquals("42/rma-7", ops.get(1).getReference());
        assertEquals("Teacup \u00d71", ops.get(1).getItems());
        assertEquals("42/rma-7", ops.get(2).getReference(), "a slice carries its request's reference");
        assertEquals(null, ops.get(2).getItems());
        assertEquals(null, ops.get(3).getReference());
        assertEquals("Kettle \u00d71", ops.get(3).getItems());
        assertEquals(1, p.getItems().get(0).getRefundedQuantity());
        assertEquals(1, p.getItems().get(1).getRefundedQuantity(), "the dashboard refund named the kettle");
    }

    @Test
    void aCancelledOrderHasNothingLeftToCaptureOrCancel() {
        SmartpayOrderPanel byJournal = panels.build(ORDER, recorded(false, 10_000, 6_000, 0, false),
                List.of(row("cancel:order:42", OperationKind.CANCEL, OperationStatus.SUCCEEDED, 4_000)),
                SmartpayOrderPanels.LiveOrder.NOT_ASKED, ALL);
        SmartpayOrderPanel byTransaction = panels.build(ORDER, recorded(false, 10_000, 6_000, 0, true), List.of(),
                SmartpayOrderPanels.LiveOrder.NOT_ASKED, ALL);

        for (SmartpayOrderPanel p : List.of(byJournal, byTransaction)) {
            assertEquals(0, p.getUncaptured());
            assertFalse(p.isCapturePossible());
            assertFalse(p.isCancelPossible());
            assertTrue(p.isRefundPossible(), "captured money can still be refunded");
        }
    }

    @Test
    void aFailedCancelCanBeRetriedAndLeavesTheOrderCancellable() {
        SmartpayOrderPanel p = panels.build(ORDER, recorded(false, 10_000, 0, 0, false),
                List.of(row("cancel:order:42", OperationKind.CANCEL, OperationStatus.FAILED, 10_000)),
                SmartpayOrderPanels.LiveOrder.NOT_ASKED, ALL);

        assertEquals(10_000, p.getUncaptured());
        assertTrue(p.isCancelPossible());
        assertTrue(p.getOperations().get(0).isRetryable());
    }

    @Test
    void automaticCaptureLeavesOnlyRefunds() {
        SmartpayOrderPanel p = panels.build(ORDER, recorded(true, 10_000, 10_000, 0, false), List.of(),
                live("succeeded", null), ALL);

        assertEquals("automatic", p.getCaptureMethod());
        assertEquals(0, p.getUncaptured());
        assertFalse(p.isCapturePossible() || p.isCancelPossible());
        assertEquals(10_000, p.getRefundable());
        assertNull(p.getExpiresAt(), "no expiry to watch once nothing stays authorized");
    }

    @Test
    void anAuthorizationCloseToItsExpiryIsFlaggedAndAnExpiredOneCannotBeCaptured() {
        SmartpayOrderPanel soon = panels.build(ORDER, recorded(false, 10_000, 0, 0, false), List.of(),
                live("requires_capture", Duration.ofHours(47)), ALL);
        SmartpayOrderPanel expired = panels.build(ORDER, recorded(false, 10_000, 0, 0, false), List.of(),
                live("requires_capture", Duration.ofMinutes(-1)), ALL);

        assertTrue(soon.isExpiringSoon());
        assertFalse(soon.isExpired());
        assertTrue(expired.isExpired());
        assertFalse(expired.isExpiringSoon());
        assertFalse(expired.isCapturePossible());
    }

    @Test
    void smartpaySayingTheOrderIsCancelledWins() {
        SmartpayOrderPanel p = panels.build(ORDER, recorded(false, 10_000, 0, 0, false), List.of(),
                live("canceled", null), ALL);

        assertFalse(p.isCancelPossible());
        assertFalse(p.isCapturePossible());
        assertEquals("canceled", p.getSmartpayStatus());
    }

    @Test
    void retryFollowsThePermissionOfTheOperationsKind() {
        List<SmartpayOperation> rows = List.of(
                row("capture:order:42:1", OperationKind.CAPTURE, OperationStatus.DEAD, 3_000),
                row("refund:r1", OperationKind.REFUND_REQUEST, OperationStatus.SUCCEEDED, 500),
                row("refund:r1:payment_1", OperationKind.REFUND, OperationStatus.FAILED, 500),
                row("refund:r2:payment_1", OperationKind.REFUND, OperationStatus.SUCCEEDED, 100));

        List<SmartpayOrderPanel.OperationRow> refundOnly = panels.build(ORDER, recorded(false, 10_000, 6_000, 0, false),
                rows, SmartpayOrderPanels.LiveOrder.NOT_ASKED, new AdminPermissions(true, false)).getOperations();

        assertFalse(refundOnly.get(0).isRetryable(), "capture retry needs 'capture and cancel'");
        assertFalse(refundOnly.get(1).isRetryable(), "a refund request has no call of its own");
        assertTrue(refundOnly.get(2).isRetryable());
        assertFalse(refundOnly.get(3).isRetryable(), "succeeded");
    }

    @Test
    void itemsRefundedByEarlierRequestsAreCounted() {
        SmartpayOperation first = row("refund:r1", OperationKind.REFUND_REQUEST, OperationStatus.SUCCEEDED, 3_300);
        first.setItemQuantities("11:1");
        SmartpayOperation second = row("refund:r2", OperationKind.REFUND_REQUEST, OperationStatus.SUCCEEDED, 15_000);
        second.setItemQuantities("11:1,12:1");

        SmartpayOrderPanel p = panels.build(ORDER, recorded(false, 30_000, 30_000, 0, false), List.of(first, second),
                SmartpayOrderPanels.LiveOrder.NOT_ASKED, ALL);

        assertEquals(2, p.getItems().get(0).getRefundedQuantity());
        assertEquals(0, p.getItems().get(0).getReturnableQuantity());
        assertEquals(0, p.getItems().get(1).getReturnableQuantity());
    }

    @Test
    void anErrorIsShownWithItsCode() {
        SmartpayOperation failed = row("refund:r1:payment_1", OperationKind.REFUND, OperationStatus.FAILED, 500);
        failed.setLastErrorCode("payment.excessive-amount");
        failed.setLastErrorMessage("The refund exceeds the payment");

        SmartpayOrderPanel p = panels.build(ORDER, recorded(false, 10_000, 6_000, 0, false), List.of(failed),
                SmartpayOrderPanels.LiveOrder.NOT_ASKED, ALL);

        assertEquals("payment.excessive-amount: The refund exceeds the payment", p.getOperations().get(0).getLastError());
        assertEquals("2026-11-22 12:00 JST", p.getOperations().get(0).getWhen());
    }
}
