package org.bnplkit.smartpay.sandbox.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An instance field: a sandbox of its own for each test, stopped after it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxPerTestExtensionTest {

    static SandboxFixture ofTheFirstTest;

    @RegisterExtension
    final SmartpaySandboxExtension smartpay = SmartpaySandboxExtension.withOptions(o -> o.secretKey("sk_test_fixedKey1"));

    @Test
    @Order(1)
    void usesTheOptions() {
        assertEquals("sk_test_fixedKey1", smartpay.fixture().secretKey());
        ofTheFirstTest = smartpay.fixture();
    }

    @Test
    @Order(2)
    void theNextTestHasAnotherSandboxAndTheFirstOneIsStopped() {
        assertNotNull(ofTheFirstTest);
        assertNotSame(ofTheFirstTest, smartpay.fixture());
        assertThrows(IOException.class, () -> {
            HttpURLConnection connection = (HttpURLConnection) new URL(ofTheFirstTest.baseUrl() + "/orders").openConnection();
            connection.setConnectTimeout(2000);
            connection.getResponseCode();
        });
    }
}
