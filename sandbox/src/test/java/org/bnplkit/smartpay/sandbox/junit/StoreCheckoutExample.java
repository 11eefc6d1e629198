package org.bnplkit.smartpay.sandbox.junit;

import org.bnplkit.smartpay.client.Address;
import org.bnplkit.smartpay.client.CaptureMethod;
import org.bnplkit.smartpay.client.CheckoutSession;
import org.bnplkit.smartpay.client.CheckoutSessionCreateParams;
import org.bnplkit.smartpay.client.CustomerInfo;
import org.bnplkit.smartpay.client.Expand;
import org.bnplkit.smartpay.client.LineItem;
import org.bnplkit.smartpay.client.Order;
import org.bnplkit.smartpay.client.OrderStatus;
import org.bnplkit.smartpay.client.Payment;
import org.bnplkit.smartpay.client.PaymentCreateParams;
import org.bnplkit.smartpay.client.RequestOptions;
import org.bnplkit.smartpay.client.ShippingInfo;
import org.bnplkit.smartpay.client.SmartpayClient;

/**
 * Stands for a store's own checkout code in docs/sandbox.md's example: it creates the checkout session for a cart,
 * checks the order when the shopper comes back, and captures on shipment.
 */
final class StoreCheckoutExample {

    record Checkout(String orderId, String redirectUrl) {
    }

    private StoreCheckoutExample() {
    }

    /** One product line and no shipping fee; manual capture (the store captures on shipment). */
    static Checkout startCheckout(SmartpayClient smartpay, long amount, String cartId) {
        CheckoutSession session = smartpay.createCheckoutSession(CheckoutSessionCreateParams.builder()
                .amount(amount).captureMethod(CaptureMethod.MANUAL).reference(cartId)
                .successUrl("https://shop.example.jp/smartpay/return").cancelUrl("https://shop.example.jp/cart")
                .customerInfo(CustomerInfo.builder().emailAddress("taro@example.jp").build())
                .shippingInfo(ShippingInfo.builder().address(Address.builder().line1("1-2-3 Shibuya")
                        .locality("Shibuya-ku").postalCode("150-0002").country("JP").build()).build())
                .item(LineItem.builder().name("Matcha set").amount(amount).quantity(1).build())
                .build(), RequestOptions.idempotencyKey("checkout:" + cartId));
        return new Checkout(session.order().id(), session.url());
    }

    /** The shopper came back: the order, when Smartpay approved it; null when it is not (yet) approved. */
    static Order approvedOrder(SmartpayClient smartpay, String orderId) {
        Order order = smartpay.getOrder(orderId, Expand.NO);
        boolean approved = OrderStatus.REQUIRES_CAPTURE.equals(order.status()) || OrderStatus.SUCCEEDED.equals(order.status());
        return approved ? order : null;
    }

    /** Shipped: capture what shipped; one key per shipment, so a retry never captures twice. */
    static Payment ship(SmartpayClient smartpay, String orderId, String shipmentId, long amount) {
        return smartpay.createPayment(PaymentCreateParams.builder().order(orderId).amount(amount).build(),
                RequestOptions.idempotencyKey("capture:" + shipmentId));
    }
}
