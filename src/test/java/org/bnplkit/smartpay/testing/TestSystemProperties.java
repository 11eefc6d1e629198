package org.bnplkit.smartpay.testing;

import org.broadleafcommerce.common.config.service.SystemPropertyServiceExtensionHandler;
import org.broadleafcommerce.common.extension.AbstractExtensionHandler;
import org.broadleafcommerce.common.extension.ExtensionResultHolder;
import org.broadleafcommerce.common.extension.ExtensionResultStatusType;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-test values for Broadleaf system properties ({@code gateway.smartpay.*} and any other), served
 * through Broadleaf's own hook, {@code blSystemPropertyServiceExtensionManager}: what
 * {@code BLCSystemProperty} and {@code SmartpaySettings} read, ahead of the database table and the
 * property files, without their cache. Keys not set here fall through to the real lookup.
 *
 * <p>{@link #reset()} restores the harness baseline (a test secret key, the sandbox URL, manual capture);
 * tests that change properties call it in {@code @AfterEach} (or {@code @BeforeEach}).
 */
public final class TestSystemProperties extends AbstractExtensionHandler implements SystemPropertyServiceExtensionHandler {

    private final Map<String, String> baseline = new LinkedHashMap<>();
    private final Map<String, String> values = new ConcurrentHashMap<>();

    TestSystemProperties() {
        setPriority(Integer.MIN_VALUE);
    }

    /** Overrides {@code name} until the next {@link #reset()}. */
    public TestSystemProperties set(String name, String value) {
        values.put(name, value == null ? "" : value);
        return this;
    }

    /** Makes {@code name} read as empty (as if unset), whatever the property files say. */
    public TestSystemProperties blank(String name) {
        return set(name, "");
    }

    /** Drops the override: the real lookup (table, then files) answers again. */
    public TestSystemProperties clear(String name) {
        values.remove(name);
        return this;
    }

    public String get(String name) {
        return values.get(name);
    }

    /** Back to the harness baseline. */
    public void reset() {
        values.clear();
        values.putAll(baseline);
    }

    void baseline(String name, String value) {
        baseline.put(name, value);
        values.put(name, value);
    }

    @Override
    public ExtensionResultStatusType resolveProperty(String propertyName, ExtensionResultHolder resultHolder) {
        String value = values.get(propertyName);
        if (value == null) {
            return ExtensionResultStatusType.NOT_HANDLED;
        }
        resultHolder.setResult(value);
        return ExtensionResultStatusType.HANDLED;
    }
}
