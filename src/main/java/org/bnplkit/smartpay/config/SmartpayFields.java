package org.bnplkit.smartpay.config;

/**
 * Keys the module writes into {@code PaymentResponseDTO.responseMap}, which Broadleaf copies into
 * {@code PaymentTransaction.additionalFields} (and from there into follow-up requests'
 * {@code PaymentRequestDTO.additionalFields}). Every transaction carries the Smartpay order id so that
 * each row is self-contained.
 */
public final class SmartpayFields {

    /** Smartpay order id ({@code order_test_…}/{@code order_live_…}). */
    public static final String ORDER_ID = "smartpayOrderId";
    /** Smartpay payment id, i.e. one capture ({@code payment_…}). */
    public static final String PAYMENT_ID = "smartpayPaymentId";
    /** Smartpay refund id ({@code refund_…}). */
    public static final String REFUND_ID = "smartpayRefundId";
    /** "test" or "live", from the secret key that made the call. */
    public static final String MODE = "smartpayMode";
    /** "manual" or "automatic": how the Smartpay order was created. */
    public static final String CAPTURE_METHOD = "smartpayCaptureMethod";
    /**
     * Request-only: the Idempotency-Key a caller wants used, passed in {@code PaymentRequestDTO.additionalFields}.
     * Never store it in a transaction's additionalFields: {@code translatePaymentTransaction} copies a
     * parent's fields into its children's requests, which would reuse the key for another call.
     */
    public static final String IDEMPOTENCY_KEY = "smartpayIdempotencyKey";
    /** The operation journal key of the business operation (operations package). */
    public static final String OPERATION_KEY = "smartpayOperationKey";
    /**
     * Response-only: the PaymentTransaction(s) the operations already recorded for a transaction-SPI capture, refund
     * or cancel (comma-separated ids). Its presence means: do not record this response again.
     */
    public static final String PAYMENT_TRANSACTION_ID = "smartpayPaymentTransactionId";

    private SmartpayFields() {
    }
}
