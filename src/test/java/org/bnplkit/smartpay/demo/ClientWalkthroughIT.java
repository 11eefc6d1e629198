package org.bnplkit.smartpay.demo;

import org.bnplkit.smartpay.client.OrderStatus;
import org.bnplkit.smartpay.sandbox.SandboxOrder;
import org.bnplkit.smartpay.sandbox.SmartpaySandbox;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo's walkthrough keeps working and prints every step (and never the key). */
class ClientWalkthroughIT {

    @Test
    void walksOneOrderFromCheckoutToCancelledRemainder() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        SandboxOrder last;
        try (SmartpaySandbox sandbox = SmartpaySandbox.start()) {
            last = new ClientWalkthrough(new PrintStream(printed, true, StandardCharsets.UTF_8)).run(sandbox);
        }
        assertEquals(OrderStatus.SUCCEEDED, last.status(), "a cancelled order with captures is closed as succeeded");
        assertTrue(last.remainderReleased());
        assertEquals(3000L, last.amount());
        assertEquals(2500L, last.captured());
        assertEquals(500L, last.refunded());
        assertEquals(2, last.payments().size());
        String text = printed.toString(StandardCharsets.UTF_8);
        for (int step = 1; step <= 6; step++) {
            assertTrue(text.contains(step + ". "), "step " + step + " printed:\n" + text);
        }
        assertFalse(text.contains(ClientWalkthrough.DEMO_KEY), text);
    }
}
