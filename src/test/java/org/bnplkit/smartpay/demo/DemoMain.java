package org.bnplkit.smartpay.demo;

import org.bnplkit.smartpay.sandbox.SmartpaySandbox;

/**
 * {@code mvn -q -Pdemo}: the offline Smartpay sandbox, the real Broadleaf 3.1 admin with the Smartpay panel at
 * {@code /admin} (admin / admin) and a small storefront at {@code /}, seeded with Smartpay orders in varied states
 * ({@link AdminDemoServer}); runs until Ctrl-C.
 *
 * <p>{@code -Ddemo.mode=walkthrough} instead walks one order through the Smartpay client against the sandbox
 * ({@link ClientWalkthrough}), prints each step and exits.
 */
public final class DemoMain {

    private DemoMain() {
    }

    public static void main(String[] args) {
        if ("walkthrough".equals(System.getProperty("demo.mode"))) {
            try (SmartpaySandbox sandbox = SmartpaySandbox.start()) {
                new ClientWalkthrough(System.out).run(sandbox);
            }
            System.exit(0);
        }
        AdminDemoServer.main(args);
    }
}
