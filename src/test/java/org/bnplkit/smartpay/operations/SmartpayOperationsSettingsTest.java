package org.bnplkit.smartpay.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class SmartpayOperationsSettingsTest {

    private final SmartpayOperationsSettings settings = new SmartpayOperationsSettings();

    @Test
    void backoffDoublesFromTheInitialDelayUpToTheCap() {
        settings.override(SmartpayOperationsSettings.RETRY_INITIAL_BACKOFF_MS, "1000");
        settings.override(SmartpayOperationsSettings.RETRY_MAX_BACKOFF_MS, "5000");
        assertEquals(1000, settings.backoffMs(1));
        assertEquals(2000, settings.backoffMs(2));
        assertEquals(4000, settings.backoffMs(3));
        assertEquals(5000, settings.backoffMs(4));
        assertEquals(5000, settings.backoffMs(40));
    }

    @Test
    void defaultsWithoutBroadleafAndOverridesWin() {
        assertEquals(Arrays.asList("SHIPPED", "FULFILLED"), settings.captureStatuses());
        assertEquals(true, settings.refundCapturedOnCancel());
        assertEquals(10, settings.maxAttempts());
        settings.override(SmartpayOperationsSettings.TRIGGER_CAPTURE_STATUSES, " SHIPPED, DELIVERED ,");
        assertEquals(Arrays.asList("SHIPPED", "DELIVERED"), settings.captureStatuses());
        settings.override(SmartpayOperationsSettings.CANCEL_REFUND_CAPTURED, "false");
        assertEquals(false, settings.refundCapturedOnCancel());
        settings.override(SmartpayOperationsSettings.RETRY_MAX_ATTEMPTS, "not a number");
        assertEquals(10, settings.maxAttempts());
        settings.clearOverrides();
        assertEquals(true, settings.refundCapturedOnCancel());
    }
}
