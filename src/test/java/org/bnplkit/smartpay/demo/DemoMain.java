package org.bnplkit.smartpay.demo;

import org.bnplkit.smartpay.sandbox.SmartpaySandbox;

/**
 * {@code mvn -q -Pdemo}: starts the offline Smartpay sandbox and walks one order through the client
 * ({@link ClientWalkthrough}), then exits 0.
 */
public final class DemoMain {

    private DemoMain() {
    }

    public static void main(String[] args) {
        try (SmartpaySandbox sandbox = SmartpaySandbox.start()) {
            new ClientWalkthrough(System.out).run(sandbox);
        }
        System.exit(0);
    }
}
