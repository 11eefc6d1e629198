package org.bnplkit.smartpay.sandbox.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.bnplkit.smartpay.client.OrderStatus;
import org.bnplkit.smartpay.client.SmartpayApiException;
import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.sandbox.SandboxFault;
import org.bnplkit.smartpay.sandbox.SmartpaySandbox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** {@code @SmartpaySandboxTest}: one sandbox for the class, reset before each test, parameters injected. */
@SmartpaySandboxTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SmartpaySandboxTestAnnotationTest {

    static int portOfTheClass;
    static String orderOfTheFirstTest;

    @BeforeAll
    static void lifecycleMethodsGetTheSandboxToo(SmartpaySandbox sandbox) {
        portOfTheClass = sandbox.port();
    }

    @Test
    @Order(1)
    void injectsAClientConfiguredForTheSandboxAndItsKey(SandboxFixture smartpay, SmartpayClient client,
                                                      SmartpaySandbox sandbox) {
        assertSame(smartpay.client(), client);
        assertSame(smartpay.sandbox(), sandbox);
        assertEquals(portOfTheClass, sandbox.port());
        assertEquals("http://127.0.0.1:" + sandbox.port() + "/v1", smartpay.baseUrl());
        assertTrue(smartpay.secretKey().matches("sk_test_[0-9A-Za-z]{22}"), smartpay.secretKey());
        orderOfTheFirstTest = StoreCheckoutExample.startCheckout(client, 1200, "cart-1").orderId();
        smartpay.approve(orderOfTheFirstTest);
        assertEquals(OrderStatus.REQUIRES_CAPTURE, StoreCheckoutExample.approvedOrder(client, orderOfTheFirstTest).status());
        smartpay.injectFault(SandboxFault.status(409).times(5).on("POST", "/v1/payments"));
        smartpay.advanceClock(Duration.ofDays(3));
    }

    @Test
    @Order(2)
    void theNextTestStartsFromNothingOnTheSameSandbox(SandboxFixture smartpay, SmartpayClient client) {
        assertEquals(portOfTheClass, smartpay.sandbox().port(), "one sandbox for the class");
        SmartpayApiException gone = assertThrows(SmartpayApiException.class,
                () -> client.getOrder(orderOfTheFirstTest, null));
        assertEquals("order.not-found", gone.errorCode(), "objects of the last test are forgotten");
        long skew = smartpay.sandbox().now() - System.currentTimeMillis();
        assertTrue(Math.abs(skew) < 60_000, "the clock is back: " + skew);
        String orderId = StoreCheckoutExample.startCheckout(client, 500, "cart-2").orderId();
        smartpay.approve(orderId);
        assertEquals(500, StoreCheckoutExample.ship(client, orderId, "shipment-2", 500).amount(),
                "the armed faults are gone too");
    }
}
