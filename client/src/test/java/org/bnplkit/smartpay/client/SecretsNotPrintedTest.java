package org.bnplkit.smartpay.client;

import org.bnplkit.smartpay.client.webhook.WebhookSignatureVerifier;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretsNotPrintedTest {

    private static final String KEY = "sk_test_Ho1BrYTcg3gAX4vTKk1taz";
    private static final String SIGNING_SECRET = "gybcsjixKyBW2d4z6iNPlaYzHUMtawnodwZt3W0q";

    @Test
    void clientAndBuilderToStringShowTheMaskNotTheKey() {
        SmartpayClientBuilder builder = SmartpayClient.builder().secretKey(KEY).baseUrl("http://127.0.0.1:9/v1");
        assertFalse(builder.toString().contains("Ho1BrYTcg3gAX4vTKk1taz"), builder.toString());
        try (SmartpayClient client = builder.build()) {
            String text = client.toString();
            assertFalse(text.contains("Ho1BrYTcg3gAX4vTKk1taz"), text);
            assertTrue(text.contains("sk_test_****"), text);
        }
    }

    @Test
    void webhookEndpointAndVerifierHideTheSigningSecret() {
        WebhookEndpoint endpoint = SmartpayJson.read(Fixtures.text("webhook-endpoint.json"), WebhookEndpoint.class);
        assertFalse(endpoint.toString().contains(SIGNING_SECRET), endpoint.toString());
        assertFalse(new WebhookSignatureVerifier(SIGNING_SECRET).toString().contains(SIGNING_SECRET));
    }

    @Test
    void paramsToStringCarryNoCustomerPersonalData() {
        CheckoutSessionCreateParams params = CheckoutSessionCreateParams.builder().amount(1).successUrl("s").cancelUrl("c")
                .customerInfo(CustomerInfo.builder().emailAddress("hanako@example.jp").phoneNumber("+819012345678")
                        .address(Address.builder().line1("1-2-3 Secret Street").postalCode("150-0002").build()).build())
                .build();
        String text = params.toString();
        assertFalse(text.contains("hanako@example.jp"), text);
        assertFalse(text.contains("+819012345678"), text);
        assertFalse(text.contains("Secret Street"), text);
        assertTrue(text.contains("emailAddress"), "field names are fine: " + text);
        String create = WebhookEndpointCreateParams.builder().url("https://shop.example.jp/hook")
                .eventSubscriptions(List.of("order.authorized")).build().toString();
        assertTrue(create.contains("https://shop.example.jp/hook"), create);
    }

    @Test
    void connectionFailureMessagesDoNotCarryTheKey() {
        try (SmartpayClient client = SmartpayClient.builder().secretKey(KEY).baseUrl("http://127.0.0.1:9/v1")
                .retryPolicy(RetryPolicy.none()).build()) {
            SmartpayConnectionException e = org.junit.jupiter.api.Assertions.assertThrows(SmartpayConnectionException.class,
                    () -> client.getOrder("order_test_1", Expand.NO));
            assertFalse(e.getMessage().contains("Ho1BrYTcg3gAX4vTKk1taz"), e.getMessage());
            assertTrue(e.getMessage().startsWith("-1 unexpected_error: GET /orders/order_test_1"), e.getMessage());
        }
    }
}
