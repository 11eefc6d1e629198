package org.bnplkit.smartpay.checkout;

import org.bnplkit.smartpay.checkout.SmartpayCheckoutException.Reason;
import org.bnplkit.smartpay.client.Expandable;
import org.bnplkit.smartpay.client.Order;
import org.bnplkit.smartpay.client.OrderStatus;
import org.bnplkit.smartpay.client.Payment;

import java.util.List;

/**
 * A Smartpay order verified, server-side, as the shopper's approval of one Broadleaf order: right
 * reference, yen, the expected amount, and the status the capture mode leads to ({@code requires_capture}
 * for manual capture, {@code succeeded} with its payment for automatic). {@link #verify} is the only way
 * to get one.
 */
public final class SmartpayApproval {

    private final String smartpayOrderId;
    private final String paymentId;
    private final long amount;
    private final boolean automaticCapture;
    private final boolean test;
    private final String status;

    private SmartpayApproval(String smartpayOrderId, String paymentId, long amount, boolean automaticCapture,
                             boolean test, String status) {
        this.smartpayOrderId = smartpayOrderId;
        this.paymentId = paymentId;
        this.amount = amount;
        this.automaticCapture = automaticCapture;
        this.test = test;
        this.status = status;
    }

    /**
     * @param broadleafOrderId the Broadleaf order the approval must be for (the session's reference)
     * @param expectedAmount   yen the Broadleaf order needs
     * @param automaticCapture how the session was created
     * @throws SmartpayCheckoutException NOT_APPROVED, DECLINED, CANCELLED, CART_CHANGED or MISMATCH
     */
    public static SmartpayApproval verify(Order order, String broadleafOrderId, long expectedAmount,
                                          boolean automaticCapture) throws SmartpayCheckoutException {
        String id = order.id();
        String reference = order.reference();
        String linkedId = order.metadata() == null ? null : order.metadata().get(CheckoutSessionMapper.METADATA_ORDER_ID);
        if (!broadleafOrderId.equals(reference) || (linkedId != null && !broadleafOrderId.equals(linkedId))) {
            throw new SmartpayCheckoutException(Reason.MISMATCH, "Smartpay order " + id + " has reference " + reference
                    + " (metadata " + linkedId + "), not Broadleaf order " + broadleafOrderId);
        }
        if (!"JPY".equals(order.currency())) {
            throw new SmartpayCheckoutException(Reason.MISMATCH,
                    "Smartpay order " + id + " is in " + order.currency() + ", not JPY");
        }
        String status = order.status();
        if (OrderStatus.REQUIRES_AUTHORIZATION.equals(status)) {
            throw new SmartpayCheckoutException(Reason.NOT_APPROVED, "Smartpay order " + id + " is not approved yet");
        }
        if (OrderStatus.REJECTED.equals(status)) {
            throw new SmartpayCheckoutException(Reason.DECLINED, "Smartpay declined order " + id);
        }
        if (OrderStatus.CANCELED.equals(status)) {
            throw new SmartpayCheckoutException(Reason.CANCELLED, "Smartpay order " + id + " is canceled (or expired)");
        }
        String approvedStatus = automaticCapture ? OrderStatus.SUCCEEDED : OrderStatus.REQUIRES_CAPTURE;
        if (!approvedStatus.equals(status)) {
            throw new SmartpayCheckoutException(Reason.MISMATCH, "Smartpay order " + id + " is " + status + "; "
                    + (automaticCapture ? "automatic" : "manual") + " capture expects " + approvedStatus);
        }
        if (order.amount() != expectedAmount) {
            throw new SmartpayCheckoutException(Reason.CART_CHANGED, "Smartpay order " + id + " is for ¥" + order.amount()
                    + " but Broadleaf order " + broadleafOrderId + " now totals ¥" + expectedAmount);
        }
        String paymentId = null;
        if (automaticCapture) {
            paymentId = capturedPayment(order);
            if (paymentId == null) {
                throw new SmartpayCheckoutException(Reason.MISMATCH,
                        "Smartpay order " + id + " succeeded but lists no payment");
            }
        }
        return new SmartpayApproval(id, paymentId, order.amount(), automaticCapture, order.test(), status);
    }

    /** The (first) payment of an auto-captured order. */
    static String capturedPayment(Order order) {
        List<Expandable<Payment>> payments = order.payments();
        if (payments == null || payments.isEmpty()) {
            return null;
        }
        return payments.get(0).id();
    }

    public String smartpayOrderId() {
        return smartpayOrderId;
    }

    /** The captured payment (automatic capture), else null. */
    public String paymentId() {
        return paymentId;
    }

    public long amount() {
        return amount;
    }

    public boolean isAutomaticCapture() {
        return automaticCapture;
    }

    /** "test" or "live". */
    public String mode() {
        return test ? "test" : "live";
    }

    public String status() {
        return status;
    }

    @Override
    public String toString() {
        return "SmartpayApproval{order=" + smartpayOrderId + ", payment=" + paymentId + ", amount=" + amount
                + ", status=" + status + "}";
    }
}
