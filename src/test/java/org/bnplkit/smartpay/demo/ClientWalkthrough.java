package org.bnplkit.smartpay.demo;

import org.bnplkit.smartpay.client.Address;
import org.bnplkit.smartpay.client.CancelRemainder;
import org.bnplkit.smartpay.client.CaptureMethod;
import org.bnplkit.smartpay.client.CheckoutSession;
import org.bnplkit.smartpay.client.CheckoutSessionCreateParams;
import org.bnplkit.smartpay.client.CustomerInfo;
import org.bnplkit.smartpay.client.Expand;
import org.bnplkit.smartpay.client.LineItem;
import org.bnplkit.smartpay.client.Order;
import org.bnplkit.smartpay.client.Payment;
import org.bnplkit.smartpay.client.PaymentCreateParams;
import org.bnplkit.smartpay.client.Refund;
import org.bnplkit.smartpay.client.RefundCreateParams;
import org.bnplkit.smartpay.client.RefundReason;
import org.bnplkit.smartpay.client.RequestOptions;
import org.bnplkit.smartpay.client.ShippingInfo;
import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.sandbox.SandboxOrder;
import org.bnplkit.smartpay.sandbox.SmartpaySandbox;

import java.io.PrintStream;

/**
 * One manual-capture order walked through the client against the sandbox, printing each step and the
 * state Smartpay holds: checkout session, shopper approval, two partial captures (cancelRemainder manual),
 * a refund, and cancellation of the uncaptured remainder.
 */
public final class ClientWalkthrough {

    /** Any sk_test_ key works with the sandbox: each key is its own merchant account. */
    static final String DEMO_KEY = "sk_test_DemoWalkthrough0000000001";

    private final PrintStream out;

    public ClientWalkthrough(PrintStream out) {
        this.out = out;
    }

    /** Runs the walkthrough; returns the order's final sandbox snapshot. */
    public SandboxOrder run(SmartpaySandbox sandbox) {
        String run = Long.toString(System.currentTimeMillis(), 36);
        try (SmartpayClient client = SmartpayClient.builder().secretKey(DEMO_KEY).baseUrl(sandbox.baseUrl()).build()) {
            out.println("== Smartpay client walkthrough against the sandbox at " + sandbox.baseUrl());
            out.println("   client: " + client);

            CheckoutSession session = client.createCheckoutSession(CheckoutSessionCreateParams.builder()
                    .amount(3000).captureMethod(CaptureMethod.MANUAL)
                    .successUrl("https://shop.example.jp/smartpay/return").cancelUrl("https://shop.example.jp/smartpay/cancel")
                    .reference("DEMO-" + run).description("Demo order").locale("en")
                    .customerInfo(CustomerInfo.builder().emailAddress("taro@example.jp").firstName("Taro").lastName("Yamada").build())
                    .shippingInfo(ShippingInfo.builder().feeAmount(500L).feeCurrency("JPY").address(Address.builder()
                            .line1("1-2-3 Shibuya").locality("Shibuya-ku").administrativeArea("Tokyo").postalCode("150-0002").country("JP")
                            .build()).build())
                    .item(LineItem.builder().name("Matcha tea set").amount(1500).quantity(1).reference("sku-matcha").build())
                    .item(LineItem.builder().name("Tea cup").amount(500).quantity(2).reference("sku-cup").build())
                    .build(), RequestOptions.idempotencyKey("demo:" + run + ":checkout"));
            String orderId = session.order().id();
            out.println("1. Checkout session " + session.id() + " for order " + orderId);
            out.println("   shopper goes to " + session.url());
            state(sandbox, orderId);

            sandbox.approve(orderId);
            Order authorized = client.getOrder(orderId, Expand.NO);
            out.println("2. Shopper approved (sandbox.approve): order is " + authorized.status()
                    + ", capturable until " + java.time.Instant.ofEpochMilli(authorized.expiresAt()));
            state(sandbox, orderId);

            Payment first = client.createPayment(PaymentCreateParams.builder().order(orderId).amount(2000)
                    .cancelRemainder(CancelRemainder.MANUAL).reference("shipment-1").build(),
                    RequestOptions.idempotencyKey("demo:" + run + ":capture:1"));
            out.println("3. First shipment captured: payment " + first.id() + " for " + first.amount() + " yen (" + first.status() + ")");
            state(sandbox, orderId);

            Payment second = client.createPayment(PaymentCreateParams.builder().order(orderId).amount(500)
                    .cancelRemainder(CancelRemainder.MANUAL).reference("shipment-2").build(),
                    RequestOptions.idempotencyKey("demo:" + run + ":capture:2"));
            out.println("4. Second shipment captured: payment " + second.id() + " for " + second.amount() + " yen");
            state(sandbox, orderId);

            Refund refund = client.createRefund(RefundCreateParams.builder().payment(first.id()).amount(500)
                    .reason(RefundReason.REQUESTED_BY_CUSTOMER).reference("return-1").build(),
                    RequestOptions.idempotencyKey("demo:" + run + ":refund:1"));
            out.println("5. A cup came back: refund " + refund.id() + " of " + refund.amount() + " yen on " + first.id()
                    + " (" + refund.status() + ")");
            state(sandbox, orderId);

            Order canceled = client.cancelOrder(orderId, RequestOptions.idempotencyKey("demo:" + run + ":cancel"));
            out.println("6. The rest will not ship: remainder cancelled, order is " + canceled.status()
                    + " (Smartpay closes an order with captures as succeeded)");
            SandboxOrder last = state(sandbox, orderId);
            out.println("== done: captured " + last.captured() + " yen, refunded " + last.refunded() + " yen, the shopper pays "
                    + (last.captured() - last.refunded()) + " yen");
            return last;
        }
    }

    private SandboxOrder state(SmartpaySandbox sandbox, String orderId) {
        SandboxOrder order = sandbox.order(orderId);
        out.println("   Smartpay: order " + order.status() + ", amount " + order.amount() + ", captured " + order.captured()
                + ", refunded " + order.refunded() + ", still capturable " + order.capturable()
                + ", payments " + order.paymentIds());
        return order;
    }
}
