package org.bnplkit.smartpay.sandbox.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.sandbox.SandboxFault;
import org.junit.jupiter.api.Test;

/** The complete example of docs/sandbox.md ("In a store's own tests"): a store's checkout code against the sandbox. */
@SmartpaySandboxTest
class StoreCheckoutExampleTest {

    @Test
    void anApprovedCheckoutIsCapturedOnShipment(SandboxFixture smartpay, SmartpayClient client) {
        StoreCheckoutExample.Checkout checkout = StoreCheckoutExample.startCheckout(client, 4800, "cart-1001");
        assertNull(StoreCheckoutExample.approvedOrder(client, checkout.orderId()), "not approved before the shopper is");

        smartpay.approve(checkout.orderId());                          // the shopper approves on Smartpay's page
        assertEquals(4800, StoreCheckoutExample.approvedOrder(client, checkout.orderId()).amount());

        smartpay.injectFault(SandboxFault.status(503).times(1).on("POST", "/v1/payments")); // Smartpay hiccups once
        StoreCheckoutExample.ship(client, checkout.orderId(), "shipment-1", 4800);
        StoreCheckoutExample.ship(client, checkout.orderId(), "shipment-1", 4800);  // the store's own retry
        assertEquals(4800, smartpay.order(checkout.orderId()).captured(), "captured once");
        assertEquals("succeeded", smartpay.order(checkout.orderId()).status());
    }

    @Test
    void aDeclinedShopperLeavesNothingToCapture(SandboxFixture smartpay, SmartpayClient client) {
        StoreCheckoutExample.Checkout checkout = StoreCheckoutExample.startCheckout(client, 4800, "cart-1002");
        smartpay.decline(checkout.orderId());
        assertNull(StoreCheckoutExample.approvedOrder(client, checkout.orderId()));
    }
}
