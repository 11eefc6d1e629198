package org.bnplkit.smartpay.client.examples;

import org.bnplkit.smartpay.client.CancelRemainder;
import org.bnplkit.smartpay.client.CheckoutSession;
import org.bnplkit.smartpay.client.Expand;
import org.bnplkit.smartpay.client.Expandable;
import org.bnplkit.smartpay.client.Order;
import org.bnplkit.smartpay.client.OrderLineItem;
import org.bnplkit.smartpay.client.Payment;
import org.bnplkit.smartpay.client.PaymentCreateParams;
import org.bnplkit.smartpay.client.RequestOptions;
import org.bnplkit.smartpay.client.SmartpayClient;

import java.util.ArrayList;
import java.util.List;

/**
 * Capture: when a parcel ships, capture what it holds. Several partial captures need {@code cancelRemainder=manual};
 * the reference (order number + parcel) and the line item ids let the merchant dashboard match the payment to the
 * shipment.
 */
public final class CaptureExample {

    private CaptureExample() {
    }

    /** The ids of the order's line items, in the order they were sent at checkout. */
    public static List<String> lineItemIds(SmartpayClient client, String orderId) {
        Order order = client.getOrder(orderId, Expand.ALL);
        List<String> ids = new ArrayList<>();
        for (Expandable<OrderLineItem> item : order.lineItems()) {
            ids.add(item.id());
        }
        return ids;
    }

    public static Payment captureParcel(SmartpayClient client, String orderId, String orderNumber, int parcel,
                                        long amount, List<String> lineItemIds) {
        PaymentCreateParams params = PaymentCreateParams.builder().order(orderId).amount(amount)
                .cancelRemainder(CancelRemainder.MANUAL)         // more parcels may follow
                .reference(orderNumber + "/parcel-" + parcel)    // at most 40 characters
                .lineItems(lineItemIds)
                .build();
        return client.createPayment(params, RequestOptions.idempotencyKey("capture:" + orderNumber + ":" + parcel));
    }

    public static void main(String[] args) {
        try (ExampleClients smartpay = ExampleClients.open()) {
            CheckoutSession session = CheckoutExample.startCheckout(smartpay.client, "BLC-1002");
            String orderId = session.order().id();
            smartpay.approve(orderId, session.url());
            List<String> items = lineItemIds(smartpay.client, orderId);
            Payment cups = captureParcel(smartpay.client, orderId, "BLC-1002", 1, 650, items.subList(0, 1));
            Payment pot = captureParcel(smartpay.client, orderId, "BLC-1002", 2, 500, items.subList(1, 2));
            System.out.println("Captured " + cups.id() + " (" + cups.amount() + ") and " + pot.id() + " (" + pot.amount() + ")");
        }
    }
}
