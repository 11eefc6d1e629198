package org.bnplkit.smartpay.client;

import com.sun.net.httpserver.HttpServer;
import org.bnplkit.smartpay.sandbox.SandboxFault;
import org.bnplkit.smartpay.sandbox.SmartpaySandbox;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;

/**
 * Run in a child JVM by {@link SmartpayClientSandboxIT} with every SLF4J logger at DEBUG: a full order against the
 * sandbox with injected faults (so retries are logged), plus a webhook endpoint whose signing secret is written
 * to the file named by {@code args[0]} (never printed) so the parent can look for it in the log.
 */
public final class SandboxLogProbeMain {

    static final String KEY = "sk_test_SandboxLogProbe0123456789";

    private SandboxLogProbeMain() {
    }

    public static void main(String[] args) throws Exception {
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try (SmartpaySandbox sandbox = SmartpaySandbox.start();
             SmartpayClient client = SmartpayClient.builder().secretKey(KEY).baseUrl(sandbox.baseUrl())
                     .retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5)).build())
                     .build()) {
            WebhookEndpoint endpoint = client.createWebhookEndpoint(WebhookEndpointCreateParams.builder()
                    .url("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook").build(), null);
            Files.write(Paths.get(args[0]), endpoint.signingSecret().getBytes(StandardCharsets.UTF_8));
            client.getWebhookEndpoint(endpoint.id());
            client.listWebhookEndpoints(null);

            CheckoutSession session = client.createCheckoutSession(CheckoutSessionCreateParams.builder().amount(1000)
                    .captureMethod(CaptureMethod.MANUAL).successUrl("https://shop.example.jp/ok").cancelUrl("https://shop.example.jp/no")
                    .shippingInfo(ShippingInfo.builder().feeAmount(0L).address(Address.builder().line1("1-2-3").locality("Shibuya-ku")
                            .postalCode("150-0002").build()).build())
                    .item(LineItem.builder().name("Tea").amount(1000).quantity(1).build()).build(), null);
            String orderId = session.order().id();
            sandbox.approve(orderId);
            sandbox.injectFault(SandboxFault.status(503).times(1).on("POST", "/v1/payments"));
            sandbox.injectFault(SandboxFault.dropAfterCommit().times(1).on("POST", "/v1/refunds"));
            Payment payment = client.createPayment(PaymentCreateParams.builder().order(orderId).amount(600)
                    .cancelRemainder(CancelRemainder.MANUAL).build(), null);
            client.createRefund(RefundCreateParams.builder().payment(payment.id()).amount(100)
                    .reason(RefundReason.REQUESTED_BY_CUSTOMER).build(), null);
            client.cancelOrder(orderId, null);
            try {
                client.createPayment(PaymentCreateParams.builder().order(orderId).amount(1).build(), null);
            } catch (SmartpayApiException expected) {
                System.out.println("expected failure: " + expected.getMessage());
            }
            sandbox.awaitWebhookDeliveries(3, Duration.ofSeconds(10)); // authorized, payment, refund (no order.canceled: it has a capture)
            client.deleteWebhookEndpoint(endpoint.id(), null);
            System.out.println("deliveries " + sandbox.webhookDeliveries().size() + ", endpoints left "
                    + client.listWebhookEndpoints(null).results() + ", events " + List.of(sandbox.order(orderId)));
        } finally {
            receiver.stop(0);
        }
        System.out.println("PROBE DONE");
    }
}
