package org.bnplkit.smartpay.operations;

/**
 * Business keys of journal rows. Each key is unique in SMARTPAY_OPERATION and is sent as Smartpay's
 * Idempotency-Key, so one business operation moves money once on every node, retry and restart.
 */
public final class OperationKeys {

    private OperationKeys() {
    }

    /** Capture of one fulfillment group (shipment). */
    public static String captureGroup(long fulfillmentGroupId) {
        return "capture:fg:" + fulfillmentGroupId;
    }

    /** The n-th explicit capture of an order by amount (n counts from 1). */
    public static String captureOrder(long orderId, int n) {
        return "capture:order:" + orderId + ":" + n;
    }

    /** Prefix shared by every explicit capture of an order. */
    public static String captureOrderPrefix(long orderId) {
        return "capture:order:" + orderId + ":";
    }

    /** An explicit capture made for the caller's request id (the payment gateway's capture request, an ERP id). */
    public static String captureRequest(String requestId) {
        return "capture:request:" + requestId;
    }

    /** Cancellation of an order (release of the uncaptured authorization). */
    public static String cancelOrder(long orderId) {
        return "cancel:order:" + orderId;
    }

    /** Release of what is still authorized, keeping what was captured (nothing is refunded). */
    public static String releaseRemainder(long orderId) {
        return "release:order:" + orderId;
    }

    /** The module's own intents that end an order's authorization: its cancel and its release of the remainder. */
    public static boolean isOwnCancel(long orderId, String key) {
        return cancelOrder(orderId).equals(key) || releaseRemainder(orderId).equals(key);
    }

    /** A refund request; its slices are {@link #refundSlice}. */
    public static String refundRequest(String requestId) {
        return "refund:" + requestId;
    }

    /** The part of a refund request sent against one capture (Smartpay payment). */
    public static String refundSlice(String requestId, String smartpayPaymentId) {
        return refundRequest(requestId) + ":" + smartpayPaymentId;
    }

    /** Request id of the refund that follows a cancellation (captured money back to the shopper). */
    public static String cancelRefundRequestId(long orderId) {
        return "cancel:order:" + orderId;
    }

    /** Request id of the refund for a fully returned fulfillment group. */
    public static String groupReturnRequestId(long fulfillmentGroupId) {
        return "return:fg:" + fulfillmentGroupId;
    }

    /** Request id of the refund for one returned fulfillment-group item. */
    public static String itemReturnRequestId(long fulfillmentGroupItemId) {
        return "return:fgi:" + fulfillmentGroupItemId;
    }

    /** Request id of the refund for items an order management system reported returned (its event's time). */
    public static String reportedReturnRequestId(long orderId, long reportedAt) {
        return "return:oms:" + orderId + ":" + reportedAt;
    }

    /** Request id of the refund for paid-for items an order management system reported cancelled (its event's time). */
    public static String reportedCancelRequestId(long fulfillmentGroupId, long reportedAt) {
        return "cancel:oms:fg:" + fulfillmentGroupId + ":" + reportedAt;
    }
}
