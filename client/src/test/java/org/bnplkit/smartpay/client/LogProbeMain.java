package org.bnplkit.smartpay.client;

import org.bnplkit.smartpay.client.ScriptedHttpServer.Step;

import java.time.Duration;
import java.util.List;

/**
 * Run in a child JVM by {@link RequestLoggingMasksSecretsTest} with every SLF4J logger at DEBUG: exercises
 * requests, a retry, an error and a webhook endpoint carrying a signing secret, so the test can read what was logged.
 */
public final class LogProbeMain {

    static final String KEY = "sk_test_LogProbeKey0123456789abc";
    static final String SIGNING_SECRET = "gybcsjixKyBW2d4z6iNPlaYzHUMtawnodwZt3W0q";

    private LogProbeMain() {
    }

    public static void main(String[] args) throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer()) {
            server.then(Step.json(503, "{\"statusCode\":503,\"errorCode\":\"unavailable\",\"message\":\"down\"}"))
                    .then(Step.json(200, "{\"id\":\"payment_test_1\",\"amount\":1,\"currency\":\"JPY\",\"status\":\"processed\"}"))
                    .then(Step.json(200, Fixtures.text("webhook-endpoint.json")))
                    .then(Step.json(401, "{\"statusCode\":401,\"scheme\":\"basic\",\"realm\":\"api\"}"));
            try (SmartpayClient client = SmartpayClient.builder().secretKey(KEY).baseUrl(server.baseUrl())
                    .retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5)).build())
                    .build()) {
                client.createPayment(PaymentCreateParams.builder().order("order_test_1").amount(1).build(), null);
                WebhookEndpoint endpoint = client.createWebhookEndpoint(WebhookEndpointCreateParams.builder()
                        .url("http://127.0.0.1/hook").eventSubscriptions(List.of("payment.created")).build(), null);
                System.out.println("endpoint " + endpoint);
                try {
                    client.getOrder("order_test_1", Expand.ALL);
                } catch (SmartpayAuthenticationException e) {
                    System.out.println("auth failure " + e.getMessage());
                }
                System.out.println("client " + client);
            }
        }
        System.out.println("PROBE DONE");
    }
}
