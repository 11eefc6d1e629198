package org.bnplkit.smartpay.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OperationKeysTest {

    @Test
    void keysNameTheBusinessOperation() {
        assertEquals("capture:fg:42", OperationKeys.captureGroup(42));
        assertEquals("capture:order:7:2", OperationKeys.captureOrder(7, 2));
        assertTrue(OperationKeys.captureOrder(7, 2).startsWith(OperationKeys.captureOrderPrefix(7)));
        assertEquals("capture:request:spi:7:500", OperationKeys.captureRequest("spi:7:500"));
        assertFalse(OperationKeys.captureRequest("7:1").startsWith(OperationKeys.captureOrderPrefix(7)),
                "request captures do not count as capture:order:<id>:<n>");
        assertEquals("cancel:order:7", OperationKeys.cancelOrder(7));
        assertEquals("refund:rma-1", OperationKeys.refundRequest("rma-1"));
        assertEquals("refund:rma-1:payment_test_x", OperationKeys.refundSlice("rma-1", "payment_test_x"));
        assertEquals("refund:return:fg:3", OperationKeys.refundRequest(OperationKeys.groupReturnRequestId(3)));
        assertEquals("refund:cancel:order:7", OperationKeys.refundRequest(OperationKeys.cancelRefundRequestId(7)));
    }
}
