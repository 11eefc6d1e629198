package org.bnplkit.smartpay.client.examples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each example program runs to the end against its own offline sandbox and prints what it did. */
class ClientExamplesIT {

    private static String run(Runnable main) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        try {
            main.run();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void checkout() {
        assertTrue(run(() -> CheckoutExample.main(new String[0])).contains("authorized: true"));
    }

    @Test
    void capture() {
        assertTrue(run(() -> CaptureExample.main(new String[0])).contains("(650) and payment_test_"));
    }

    @Test
    void refund() {
        assertTrue(run(() -> RefundExample.main(new String[0])).contains("Refunded 500 as refund_test_"));
    }

    @Test
    void tokenPayment() {
        assertTrue(run(() -> TokenPaymentExample.main(new String[0])).contains(": succeeded"));
    }
}
