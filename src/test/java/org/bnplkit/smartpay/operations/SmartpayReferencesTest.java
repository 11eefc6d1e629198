package org.bnplkit.smartpay.operations;

import org.bnplkit.smartpay.journal.OperationKind;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reference captures and refunds carry to Smartpay: order id and request, within Smartpay's 40 characters. */
class SmartpayReferencesTest {

    private static SmartpayOperation row(OperationKind kind, String key, String parentKey) {
        SmartpayOperation row = new SmartpayOperation();
        row.setKind(kind);
        row.setOperationKey(key);
        row.setParentKey(parentKey);
        row.setOrderId(1234L);
        return row;
    }

    @Test
    void capturesNameTheOrderAndTheShipment() {
        assertEquals("1234/fg:56", SmartpayReferences.capture(row(OperationKind.CAPTURE, "capture:fg:56", null)));
        assertEquals("1234/order:1234:2", SmartpayReferences.forRow(row(OperationKind.CAPTURE, "capture:order:1234:2", null)));
        assertNull(SmartpayReferences.forRow(row(OperationKind.CAPTURE, "import:capture:payment_test_1", null)));
    }

    @Test
    void refundSlicesNameTheOrderAndTheirRequest() {
        assertEquals("1234/return:fgi:78", SmartpayReferences.refund(
                row(OperationKind.REFUND, "refund:return:fgi:78:payment_test_abc", "refund:return:fgi:78")));
        assertEquals("1234/adm-7Kq2", SmartpayReferences.forRow(row(OperationKind.REFUND_REQUEST, "refund:adm-7Kq2", null)));
        assertNull(SmartpayReferences.forRow(row(OperationKind.REFUND, "import:refund:refund_test_1", null)));
        assertNull(SmartpayReferences.forRow(row(OperationKind.CANCEL, "cancel:order:1234", null)));
    }

    @Test
    void aLongRequestIdKeepsTheOrderAndItsEnd() {
        String requestId = "erp-return-2026-11-22-warehouse-osaka-000123456";
        String reference = SmartpayReferences.forRow(row(OperationKind.REFUND_REQUEST, "refund:" + requestId, null));
        assertEquals(SmartpayReferences.MAX_LENGTH, reference.length());
        assertTrue(reference.startsWith("1234/~"), reference);
        assertTrue(reference.endsWith("osaka-000123456"), reference);
    }
}
