package org.bnplkit.smartpay.client.examples;

import org.bnplkit.smartpay.client.Address;
import org.bnplkit.smartpay.client.CaptureMethod;
import org.bnplkit.smartpay.client.CheckoutSession;
import org.bnplkit.smartpay.client.LineItem;
import org.bnplkit.smartpay.client.Order;
import org.bnplkit.smartpay.client.OrderCreateParams;
import org.bnplkit.smartpay.client.RequestOptions;
import org.bnplkit.smartpay.client.ShippingInfo;
import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.client.Token;
import org.bnplkit.smartpay.client.TokenCheckoutSessionCreateParams;
import org.bnplkit.smartpay.client.TokenStatus;

/**
 * Token payment (subscriptions, one-click reorders): the shopper approves a payment token once through a token-mode
 * checkout session; later orders are charged to the token without a redirect.
 */
public final class TokenPaymentExample {

    private TokenPaymentExample() {
    }

    public static CheckoutSession requestToken(SmartpayClient client, String memberId) {
        return client.createCheckoutSession(TokenCheckoutSessionCreateParams.builder()
                .successUrl("https://shop.example.jp/account/smartpay/ok")
                .cancelUrl("https://shop.example.jp/account")
                .reference(memberId)
                .build(), RequestOptions.idempotencyKey("token:" + memberId));
    }

    public static Order chargeToken(SmartpayClient client, String tokenId, String orderNumber) {
        Token token = client.getToken(tokenId);
        if (!TokenStatus.ACTIVE.equals(token.status())) {
            throw new IllegalStateException("token " + tokenId + " is " + token.status() + ", not active");
        }
        return client.createOrder(OrderCreateParams.builder().token(tokenId)
                .amount(1650).captureMethod(CaptureMethod.AUTOMATIC).reference(orderNumber)
                .shippingInfo(ShippingInfo.builder().feeAmount(150L).address(Address.builder()
                        .line1("1-2-3 Shibuya").locality("Shibuya-ku").postalCode("150-0002").country("JP").build()).build())
                .item(LineItem.builder().name("Monthly tea box").amount(1500).quantity(1).build())
                .build(), RequestOptions.idempotencyKey("order:" + orderNumber));
    }

    public static void main(String[] args) {
        try (ExampleClients smartpay = ExampleClients.open()) {
            CheckoutSession session = requestToken(smartpay.client, "member-42");
            smartpay.approveToken(session.token().id(), session.url());
            Order order = chargeToken(smartpay.client, session.token().id(), "BLC-SUB-1");
            System.out.println("Order " + order.id() + " charged to " + order.tokenId() + ": " + order.status());
        }
    }
}
