package org.bnplkit.smartpay.client.examples;

import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.sandbox.SmartpaySandbox;

/**
 * How the examples get a client: against Smartpay when {@code SMARTPAY_SECRET_KEY} is set, else against an offline
 * sandbox started here (where {@link #approve} stands in for the shopper at the hosted checkout).
 */
final class ExampleClients implements AutoCloseable {

    private final SmartpaySandbox sandbox;
    final SmartpayClient client;

    private ExampleClients(SmartpaySandbox sandbox, SmartpayClient client) {
        this.sandbox = sandbox;
        this.client = client;
    }

    static ExampleClients open() {
        String key = System.getenv("SMARTPAY_SECRET_KEY");
        if (key != null && !key.isEmpty()) {
            return new ExampleClients(null, SmartpayClient.builder().secretKey(key).build());
        }
        SmartpaySandbox sandbox = SmartpaySandbox.start();
        return new ExampleClients(sandbox, SmartpayClient.builder().secretKey("sk_test_examples")
                .baseUrl(sandbox.baseUrl()).build());
    }

    /** The shopper's part: approve the order at the hosted checkout (only the sandbox can do it here). */
    void approve(String orderId, String url) {
        if (sandbox == null) {
            throw new IllegalStateException("Open " + url + " and approve the order, then run the next step");
        }
        sandbox.approve(orderId);
    }

    /** The shopper's part for a payment token. */
    void approveToken(String tokenId, String url) {
        if (sandbox == null) {
            throw new IllegalStateException("Open " + url + " and approve the token, then run the next step");
        }
        sandbox.approveToken(tokenId);
    }

    @Override
    public void close() {
        client.close();
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
