package org.bnplkit.smartpay.config;

import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.client.SmartpayMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmartpayClientProviderTest {

    private final Map<String, String> properties = new HashMap<>();
    private final SmartpayClientProvider provider =
            new SmartpayClientProvider(new SmartpaySettings(SmartpaySettingsTest.propertiesService(properties)));

    @AfterEach
    void close() {
        provider.destroy();
    }

    @Test
    void buildsOneClientAndRebuildsItWhenSettingsChange() {
        properties.put(SmartpaySettings.SECRET_KEY, "sk_test_abc123");
        properties.put(SmartpaySettings.API_BASE_URL, "http://127.0.0.1:9/v1");
        SmartpayClient first = provider.client();
        assertSame(first, provider.client(), "cached while nothing changes");
        assertEquals(SmartpayMode.TEST, first.mode());
        assertEquals("http://127.0.0.1:9/v1", first.baseUrl());

        properties.put(SmartpaySettings.SECRET_KEY, "sk_live_abc123");
        SmartpayClient live = provider.client();
        assertNotSame(first, live);
        assertEquals(SmartpayMode.LIVE, live.mode());

        properties.put(SmartpaySettings.READ_TIMEOUT_MILLIS, "1234");
        assertNotSame(live, provider.client());
    }

    @Test
    void refusesUnusableSettingsWithoutNamingTheSecret() {
        assertFalse(provider.isConfigured());
        assertEquals("Smartpay is not configured: gateway.smartpay.secretKey is not set",
                assertThrows(SmartpayNotConfiguredException.class, provider::client).getMessage());

        properties.put(SmartpaySettings.SECRET_KEY, "sk_test_has-a-dash-secret");
        String message = assertThrows(SmartpayNotConfiguredException.class, provider::client).getMessage();
        assertFalse(message.contains("has-a-dash-secret"), message);
        assertTrue(message.contains("gateway.smartpay.secretKey"), message);
    }
}
