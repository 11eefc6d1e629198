package org.bnplkit.smartpay.client.examples;

import org.bnplkit.smartpay.client.Address;
import org.bnplkit.smartpay.client.CaptureMethod;
import org.bnplkit.smartpay.client.CheckoutSession;
import org.bnplkit.smartpay.client.CheckoutSessionCreateParams;
import org.bnplkit.smartpay.client.CustomerInfo;
import org.bnplkit.smartpay.client.Expand;
import org.bnplkit.smartpay.client.LineItem;
import org.bnplkit.smartpay.client.Order;
import org.bnplkit.smartpay.client.OrderStatus;
import org.bnplkit.smartpay.client.RequestOptions;
import org.bnplkit.smartpay.client.ShippingInfo;
import org.bnplkit.smartpay.client.SmartpayClient;

/**
 * Checkout: create a hosted checkout session for a cart, send the shopper to its URL, and on their return read the
 * order's status from Smartpay (never trust the redirect alone). Run it with {@code SMARTPAY_SECRET_KEY} set, or
 * without to use the offline sandbox.
 */
public final class CheckoutExample {

    private CheckoutExample() {
    }

    /** Two teacups (250 yen each) and a teapot (500), 150 shipping, captured manually when shipped. */
    public static CheckoutSession startCheckout(SmartpayClient client, String orderNumber) {
        CheckoutSessionCreateParams params = CheckoutSessionCreateParams.builder()
                .amount(1150).currency("JPY").captureMethod(CaptureMethod.MANUAL)
                .reference(orderNumber)
                .successUrl("https://shop.example.jp/smartpay/return?order=" + orderNumber)
                .cancelUrl("https://shop.example.jp/cart")
                .customerInfo(CustomerInfo.builder().emailAddress("hanako@example.jp").build())
                .shippingInfo(ShippingInfo.builder().feeAmount(150L).address(Address.builder()
                        .line1("1-2-3 Shibuya").locality("Shibuya-ku").postalCode("150-0002").country("JP").build()).build())
                .item(LineItem.builder().name("Teacup").amount(250).quantity(2).reference("SKU-CUP").build())
                .item(LineItem.builder().name("Teapot").amount(500).quantity(1).reference("SKU-POT").build())
                .build();
        // one key per business operation: a retried or repeated request creates one session, not two
        return client.createCheckoutSession(params, RequestOptions.idempotencyKey("checkout:" + orderNumber));
    }

    /** On the shopper's return: is the order authorized (manual capture) or paid (automatic)? */
    public static boolean isAuthorized(SmartpayClient client, String orderId) {
        Order order = client.getOrder(orderId, Expand.NO);
        return OrderStatus.REQUIRES_CAPTURE.equals(order.status()) || OrderStatus.SUCCEEDED.equals(order.status());
    }

    public static void main(String[] args) {
        try (ExampleClients smartpay = ExampleClients.open()) {
            CheckoutSession session = startCheckout(smartpay.client, "BLC-1001");
            System.out.println("Send the shopper to " + session.url());
            smartpay.approve(session.order().id(), session.url());
            System.out.println("Order " + session.order().id() + " authorized: " + isAuthorized(smartpay.client, session.order().id()));
        }
    }
}
