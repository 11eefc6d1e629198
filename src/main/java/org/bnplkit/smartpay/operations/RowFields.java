package org.bnplkit.smartpay.operations;

import java.util.HashMap;
import java.util.Map;

import org.bnplkit.smartpay.client.SmartpayException;
import org.bnplkit.smartpay.config.SmartpayFields;
import org.bnplkit.smartpay.journal.SmartpayOperation;

/** What a journal row puts on Smartpay objects and Broadleaf transactions, and how its errors are kept. */
final class RowFields {

    private RowFields() {
    }

    /** Metadata on Smartpay payments and refunds: finds what a crashed node sent. */
    static Map<String, String> operationMetadata(SmartpayOperation row) {
        Map<String, String> metadata = new HashMap<>();
        metadata.put(SmartpayFields.OPERATION_KEY, row.getOperationKey());
        metadata.put("broadleafOrderId", String.valueOf(row.getOrderId()));
        return metadata;
    }

    /**
     * The additional fields of a recorded transaction. Each is a CLOB row in Broadleaf, so only what is read
     * back: the Smartpay order (Broadleaf copies it into SPI requests made from this transaction) and the
     * journal key. Not the Idempotency-Key (Broadleaf would copy it into a child's request, which would then
     * reuse this operation's key) and not the mode (the authorization has it).
     */
    static Map<String, String> fields(SmartpayOperation row) {
        Map<String, String> fields = new HashMap<>();
        fields.put(SmartpayFields.ORDER_ID, row.getSmartpayOrderId());
        fields.put(SmartpayFields.OPERATION_KEY, row.getOperationKey());
        return fields;
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    static String errorCode(SmartpayException e) {
        if (e.errorCode() != null) {
            return e.errorCode();
        }
        return e.httpStatus() < 0 ? "connection" : "http." + e.httpStatus();
    }
}
