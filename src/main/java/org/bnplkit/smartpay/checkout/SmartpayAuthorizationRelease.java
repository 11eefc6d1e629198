package org.bnplkit.smartpay.checkout;

import org.bnplkit.smartpay.client.Order;
import org.bnplkit.smartpay.client.OrderStatus;
import org.bnplkit.smartpay.client.Refund;
import org.bnplkit.smartpay.client.RefundCreateParams;
import org.bnplkit.smartpay.client.RefundReason;
import org.bnplkit.smartpay.client.RequestOptions;
import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.config.SmartpayClientProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import javax.annotation.Resource;

/**
 * Gives back what a shopper approved when no Broadleaf order will use it (the checkout failed after
 * approval, or the cart changed): manual capture cancels the Smartpay order (PUT …/cancellation),
 * automatic capture refunds its payment in full. Idempotency keys depend only on the Smartpay ids, so
 * the controller and Broadleaf's checkout rollback can both ask without doing it twice.
 */
@Component("blSmartpayAuthorizationRelease")
public class SmartpayAuthorizationRelease {

    private static final Logger LOG = LoggerFactory.getLogger(SmartpayAuthorizationRelease.class);

    @Resource(name = "blSmartpayClientProvider")
    protected SmartpayClientProvider clientProvider;

    public static String cancelKey(String smartpayOrderId) {
        return "cancel:" + smartpayOrderId;
    }

    public static String refundKey(String paymentId, long amount) {
        return "release-refund:" + paymentId + ":" + amount;
    }

    /** PUT /orders/{id}/cancellation; an order already canceled counts as released. */
    public Order cancel(String smartpayOrderId) {
        SmartpayClient client = clientProvider.client();
        Order order = client.cancelOrder(smartpayOrderId, RequestOptions.idempotencyKey(cancelKey(smartpayOrderId)));
        LOG.info("Released Smartpay order {} (now {})", smartpayOrderId, order.status());
        return order;
    }

    /** POST /refunds for {@code amount} yen of {@code paymentId}. */
    public Refund refund(String paymentId, long amount, String reference) {
        SmartpayClient client = clientProvider.client();
        Refund refund = client.createRefund(RefundCreateParams.builder()
                        .payment(paymentId)
                        .amount(amount)
                        .currency("JPY")
                        .reason(RefundReason.REQUESTED_BY_CUSTOMER)
                        .reference(reference)
                        .description("Checkout did not complete")
                        .build(),
                RequestOptions.idempotencyKey(refundKey(paymentId, amount)));
        LOG.info("Refunded ¥{} of Smartpay payment {} (refund {})", amount, paymentId, refund.id());
        return refund;
    }

    /**
     * Releases an approval verified by {@link SmartpayApproval}. Never throws: a failure is logged for the
     * operator (the reconcile job also finds orphan authorizations).
     */
    public void releaseQuietly(SmartpayApproval approval, String broadleafOrderId) {
        try {
            if (approval.isAutomaticCapture()) {
                refund(approval.paymentId(), approval.amount(), broadleafOrderId);
            } else {
                cancel(approval.smartpayOrderId());
            }
        } catch (RuntimeException e) {
            LOG.error("Could not release Smartpay order {} for Broadleaf order {}: {}. Release it in the Smartpay"
                    + " dashboard if the reconcile job does not.", approval.smartpayOrderId(), broadleafOrderId, e.toString());
        }
    }

    /** Releases the linked order if it is approved; a Smartpay order still awaiting approval is left to expire. */
    public void releaseIfApprovedQuietly(String smartpayOrderId, String broadleafOrderId) {
        try {
            Order order = clientProvider.client().getOrder(smartpayOrderId, null);
            if (!broadleafOrderId.equals(order.reference())) {
                LOG.warn("Not releasing Smartpay order {}: it belongs to {}, not Broadleaf order {}", smartpayOrderId,
                        order.reference(), broadleafOrderId);
                return;
            }
            if (OrderStatus.REQUIRES_CAPTURE.equals(order.status())) {
                cancel(smartpayOrderId);
            } else if (OrderStatus.SUCCEEDED.equals(order.status())) {
                String paymentId = SmartpayApproval.capturedPayment(order);
                if (paymentId != null) {
                    refund(paymentId, order.amount(), broadleafOrderId);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Could not release Smartpay order {} for Broadleaf order {}: {}", smartpayOrderId,
                    broadleafOrderId, e.toString());
        }
    }
}
