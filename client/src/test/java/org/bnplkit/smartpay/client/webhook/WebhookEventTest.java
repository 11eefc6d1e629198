package org.bnplkit.smartpay.client.webhook;

import org.bnplkit.smartpay.client.Payment;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookEventTest {

    @Test
    void parsesTheReferencePayloadAndItsPayment() {
        WebhookEvent event = WebhookEvent.parse(WebhookSignatureTest.BODY.getBytes(StandardCharsets.UTF_8));
        assertEquals("evt_test_dwPfFKu5iSEKyHR2LFj9Lx", event.id());
        assertEquals(WebhookEventType.PAYMENT_CREATED, event.type());
        assertEquals("2022-02-18", event.version());
        assertEquals(1653028523052L, event.createdAt());
        assertTrue(event.test());
        assertEquals("payment_test_35LxgmF5KM22XKG38BjpJg", event.dataId());
        Payment payment = event.dataAs(Payment.class);
        assertEquals(200L, payment.amount());
        assertEquals("order_test_RiYq2rthzRHrkKVGeucSwn", payment.order().id());
        assertFalse(payment.order().isExpanded());
    }
}
