package org.bnplkit.smartpay.client;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretKeyValidationTest {

    private static final String TEST_KEY = "sk_test_Ho1BrYTcg3gAX4vTKk1taz";
    private static final String LIVE_KEY = "sk_live_Zq81HUkd7Qm2PcXa0bLe4t";

    private static SmartpayClient build(String key) {
        return SmartpayClient.builder().secretKey(key).baseUrl("http://127.0.0.1:9/v1").build();
    }

    @Test
    void testKeyGivesTestMode() {
        try (SmartpayClient client = build(TEST_KEY)) {
            assertEquals(SmartpayMode.TEST, client.mode());
            assertFalse(client.isLive());
        }
    }

    @Test
    void liveKeyGivesLiveMode() {
        try (SmartpayClient client = build(LIVE_KEY)) {
            assertEquals(SmartpayMode.LIVE, client.mode());
            assertTrue(client.isLive());
        }
    }

    @Test
    void surroundingWhitespaceIsTolerated() {
        try (SmartpayClient client = build("  " + TEST_KEY + "\n")) {
            assertEquals(SmartpayMode.TEST, client.mode());
        }
    }

    @Test
    void publicKeyGivenAsSecretIsNamedAsSuchWithoutEchoingIt() {
        String publicKey = "pk_test_PCLEGPw9RrKIAlRcK504Bj";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> build(publicKey));
        assertTrue(e.getMessage().contains("public key"), e.getMessage());
        assertFalse(e.getMessage().contains("PCLEGPw9RrKIAlRcK504Bj"), e.getMessage());
    }

    @Test
    void garbageIsRejectedWithoutEchoingIt() {
        assertThrows(IllegalArgumentException.class, () -> build("sk_test_"), "prefix without a body");
        for (String garbage : new String[] {"sk_prod_abc123", "sk_test_abc-123", "Basic sk_test_abc", "hunter2secret"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> build(garbage), garbage);
            assertFalse(e.getMessage().contains(garbage), e.getMessage());
            assertTrue(e.getMessage().contains("sk_test_ or sk_live_"), e.getMessage());
        }
    }

    @Test
    void missingKeyIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> build(null));
        assertThrows(IllegalArgumentException.class, () -> build("   "));
    }

    @Test
    void baseUrlMustBeHttpAndLosesTrailingSlash() {
        try (SmartpayClient client = SmartpayClient.builder().secretKey(TEST_KEY).baseUrl("http://127.0.0.1:8787/v1/").build()) {
            assertEquals("http://127.0.0.1:8787/v1", client.baseUrl());
        }
        assertThrows(IllegalArgumentException.class,
                () -> SmartpayClient.builder().secretKey(TEST_KEY).baseUrl("ftp://example.com/v1").build());
        assertThrows(IllegalArgumentException.class,
                () -> SmartpayClient.builder().secretKey(TEST_KEY).baseUrl("http://127.0.0.1/v1?x=1").build());
    }

    @Test
    void defaultBaseUrlIsSmartpays() {
        try (SmartpayClient client = SmartpayClient.builder().secretKey(TEST_KEY).build()) {
            assertEquals("https://api.smartpay.co/v1", client.baseUrl());
        }
    }
}
