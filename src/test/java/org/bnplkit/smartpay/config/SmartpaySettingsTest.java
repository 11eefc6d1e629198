package org.bnplkit.smartpay.config;

import org.broadleafcommerce.common.config.service.SystemPropertiesService;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;

class SmartpaySettingsTest {

    private final Map<String, String> properties = new HashMap<>();
    private final SmartpaySettings settings = new SmartpaySettings(propertiesService(properties));

    /** Broadleaf's property lookup, answered from a map (the settings class is what is under test). */
    static SystemPropertiesService propertiesService(Map<String, String> properties) {
        SystemPropertiesService service = Mockito.mock(SystemPropertiesService.class);
        Mockito.when(service.resolveSystemProperty(anyString())).thenAnswer(call -> properties.get(call.getArgument(0)));
        return service;
    }

    @Test
    void defaultsApplyWhenNothingIsSet() {
        properties.put(SmartpaySettings.SECRET_KEY, "sk_test_abc123");
        assertNull(settings.configurationProblem());
        assertEquals("https://api.smartpay.co/v1", settings.apiBaseUrl());
        assertEquals("manual", settings.captureMethodName());
        assertFalse(settings.isAutomaticCapture());
        assertEquals("/smartpay/return", settings.returnPath());
        assertEquals(Duration.ofSeconds(10), settings.connectTimeout());
        assertEquals(Duration.ofSeconds(30), settings.readTimeout());
        assertEquals(4, settings.retryMaxAttempts());
        assertNull(settings.storefrontBaseUrl());
    }

    @Test
    void missingKeyIsNamedWithoutValue() {
        assertEquals("gateway.smartpay.secretKey is not set", settings.configurationProblem());
        properties.put(SmartpaySettings.SECRET_KEY, "   ");
        assertFalse(settings.isConfigured());
    }

    @Test
    void publicOrMalformedKeyIsRefusedWithoutEchoingIt() {
        properties.put(SmartpaySettings.SECRET_KEY, "pk_test_Secret9876");
        String problem = settings.configurationProblem();
        assertTrue(problem.contains("public key"), problem);
        assertFalse(problem.contains("Secret9876"), problem);

        properties.put(SmartpaySettings.SECRET_KEY, "sk_prod_Secret9876");
        problem = settings.configurationProblem();
        assertTrue(problem.contains("not a Smartpay secret key"), problem);
        assertFalse(problem.contains("Secret9876"), problem);
    }

    @Test
    void otherBadValuesAreReported() {
        properties.put(SmartpaySettings.SECRET_KEY, "sk_live_abc123");
        properties.put(SmartpaySettings.CAPTURE_METHOD, "later");
        assertEquals("gateway.smartpay.captureMethod must be manual or automatic, not later", settings.configurationProblem());
        properties.put(SmartpaySettings.CAPTURE_METHOD, "Automatic");
        assertTrue(settings.isAutomaticCapture());
        properties.put(SmartpaySettings.READ_TIMEOUT_MILLIS, "soon");
        assertEquals("gateway.smartpay.readTimeoutMillis must be a positive whole number, not soon", settings.configurationProblem());
        assertEquals(Duration.ofSeconds(30), settings.readTimeout());
        properties.remove(SmartpaySettings.READ_TIMEOUT_MILLIS);
        properties.put(SmartpaySettings.API_BASE_URL, "ftp://example");
        assertTrue(settings.configurationProblem().startsWith("gateway.smartpay.apiBaseUrl is not an http(s) URL"));
        properties.put(SmartpaySettings.API_BASE_URL, "http://127.0.0.1:8787/v1/");
        assertNull(settings.configurationProblem());
        assertEquals("http://127.0.0.1:8787/v1", settings.apiBaseUrl());
    }
}
