package org.bnplkit.smartpay.sandbox.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.bnplkit.smartpay.client.OrderStatus;
import org.bnplkit.smartpay.client.RetryPolicy;
import org.bnplkit.smartpay.client.SmartpayApiException;
import org.bnplkit.smartpay.sandbox.SandboxFault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A static field: the options, and the fixture to use from any method; every typed control. */
class SandboxPerClassExtensionTest {

    @RegisterExtension
    static final SmartpaySandboxExtension SMARTPAY = SmartpaySandboxExtension.withOptions(o -> o
            .retryPolicy(RetryPolicy.none()));

    @Test
    void theClientUsesTheGivenRetryPolicy() {
        SandboxFixture fixture = SMARTPAY.fixture();
        fixture.injectFault(SandboxFault.status(503).times(1).on("GET", "/v1/orders"));
        assertThrows(SmartpayApiException.class, () -> fixture.client().listOrders(null));
        assertEquals(1, fixture.requestCount("GET", "/v1/orders"), "RetryPolicy.none(): one attempt");
    }

    @Test
    void typedControlsReachTheOrder() {
        SandboxFixture fixture = SMARTPAY.fixture();
        String declined = StoreCheckoutExample.startCheckout(fixture.client(), 300, "cart-3").orderId();
        assertEquals("rejected", fixture.decline(declined).status());
        String soft = StoreCheckoutExample.startCheckout(fixture.client(), 300, "cart-4").orderId();
        assertEquals("requires_authorization", fixture.softDecline(soft).status());
        String expiring = StoreCheckoutExample.startCheckout(fixture.client(), 300, "cart-5").orderId();
        fixture.approve(expiring);
        assertEquals("canceled", fixture.expire(expiring).status());
        String late = StoreCheckoutExample.startCheckout(fixture.client(), 300, "cart-6").orderId();
        fixture.approve(late);
        fixture.advanceClock(Duration.ofDays(8));
        assertEquals(OrderStatus.CANCELED, fixture.client().getOrder(late, null).status(),
                "moving the clock lets the authorization lapse");
    }
}
