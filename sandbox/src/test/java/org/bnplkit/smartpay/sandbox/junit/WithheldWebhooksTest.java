package org.bnplkit.smartpay.sandbox.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.client.WebhookEndpointCreateParams;
import org.bnplkit.smartpay.sandbox.WebhookDelivery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Withholding webhooks lets a test check the store's code when the events come late, or not yet. */
@SmartpaySandboxTest
class WithheldWebhooksTest {

    private HttpServer store;
    private final List<String> eventTypes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void storeEndpoint(SmartpayClient client) throws IOException {
        store = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        store.createContext("/smartpay/webhook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            eventTypes.add(body.replaceAll(".*\"type\":\"([^\"]+)\".*", "$1"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        store.start();
        client.createWebhookEndpoint(WebhookEndpointCreateParams.builder()
                .url("http://127.0.0.1:" + store.getAddress().getPort() + "/smartpay/webhook").build(), null);
    }

    @AfterEach
    void stopStore() {
        store.stop(0);
    }

    @Test
    void withheldEventsArriveOnlyWhenDelivered(SandboxFixture smartpay, SmartpayClient client) {
        smartpay.withholdWebhooks();
        String orderId = StoreCheckoutExample.startCheckout(client, 900, "cart-w1").orderId();
        smartpay.approve(orderId);
        assertTrue(smartpay.awaitWebhooksIdle());
        assertTrue(eventTypes.isEmpty(), "nothing reached the store: " + eventTypes);
        assertEquals(1, smartpay.sandbox().withheldWebhooks());

        assertEquals(1, smartpay.deliverWebhooks());
        List<WebhookDelivery> deliveries = smartpay.awaitWebhookDeliveries(1);
        assertEquals("order.authorized", deliveries.get(0).type());
        assertEquals(200, deliveries.get(0).statusCode());
        assertEquals(List.of("order.authorized"), eventTypes);

        StoreCheckoutExample.ship(client, orderId, "shipment-w1", 900);   // no longer withheld: delivered at once
        smartpay.awaitWebhookDeliveries(2);
        assertTrue(smartpay.awaitWebhooksIdle());
        assertEquals(List.of("order.authorized", "payment.created"), eventTypes);
    }

    @Test
    void resetBetweenTestsDropsWithheldEvents(SandboxFixture smartpay) {
        assertEquals(0, smartpay.sandbox().withheldWebhooks());
        assertTrue(smartpay.webhookDeliveries().isEmpty());
    }
}
