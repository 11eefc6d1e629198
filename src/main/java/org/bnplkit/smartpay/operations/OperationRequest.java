package org.bnplkit.smartpay.operations;

import org.bnplkit.smartpay.operations.SmartpayOrderOperations.Send;

/** Which rows an operation guards itself with, and how its outcome is shown. */
final class OperationRequest {
    /** The unique key that makes the operation happen once; null: the decision names it (its first row). */
    final String key;
    final Long fulfillmentGroupId;
    final Long orderId;
    /** Load each capture's Smartpay payment id (refunds need them). */
    final boolean captureDetails;
    final Send send;
    /** The outcome lists the parts (a refund request and its slices). */
    final boolean multipart;

    OperationRequest(String key, Long fulfillmentGroupId, Long orderId, boolean captureDetails, Send send, boolean multipart) {
        this.key = key;
        this.fulfillmentGroupId = fulfillmentGroupId;
        this.orderId = orderId;
        this.captureDetails = captureDetails;
        this.send = send;
        this.multipart = multipart;
    }
}
