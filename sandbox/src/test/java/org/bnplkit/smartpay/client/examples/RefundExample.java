package org.bnplkit.smartpay.client.examples;

import org.bnplkit.smartpay.client.CheckoutSession;
import org.bnplkit.smartpay.client.Payment;
import org.bnplkit.smartpay.client.Refund;
import org.bnplkit.smartpay.client.RefundCreateParams;
import org.bnplkit.smartpay.client.RefundReason;
import org.bnplkit.smartpay.client.RequestOptions;
import org.bnplkit.smartpay.client.SmartpayClient;

import java.util.List;

/**
 * Refund: the shopper returned two teacups. A refund targets one payment (capture); it names the returned line
 * items and carries a reference (order number + return) so that the merchant dashboard shows what came back.
 */
public final class RefundExample {

    private RefundExample() {
    }

    public static Refund refundReturn(SmartpayClient client, String paymentId, String orderNumber, String returnId,
                                      long amount, List<String> returnedLineItems) {
        RefundCreateParams params = RefundCreateParams.builder().payment(paymentId).amount(amount)
                .reason(RefundReason.REQUESTED_BY_CUSTOMER)
                .reference(orderNumber + "/" + returnId)   // at most 40 characters
                .lineItems(returnedLineItems)
                .description("Returned: 2 teacups")
                .build();
        // Smartpay answers 403 amount.insufficient when the payment has less left to refund
        return client.createRefund(params, RequestOptions.idempotencyKey("refund:" + orderNumber + ":" + returnId));
    }

    public static void main(String[] args) {
        try (ExampleClients smartpay = ExampleClients.open()) {
            CheckoutSession session = CheckoutExample.startCheckout(smartpay.client, "BLC-1003");
            String orderId = session.order().id();
            smartpay.approve(orderId, session.url());
            List<String> items = CaptureExample.lineItemIds(smartpay.client, orderId);
            Payment payment = CaptureExample.captureParcel(smartpay.client, orderId, "BLC-1003", 1, 1150, items);
            Refund refund = refundReturn(smartpay.client, payment.id(), "BLC-1003", "RMA-7", 500, items.subList(0, 1));
            System.out.println("Refunded " + refund.amount() + " as " + refund.id() + " (" + refund.reference() + ")");
        }
    }
}
