package org.bnplkit.smartpay.config;

import org.broadleafcommerce.common.util.BLCSystemProperty;

/**
 * Base of the module's settings groups that are read at every use (so changes through Broadleaf's system properties
 * apply to the next pass without a restart): a blank or unparsable value falls back to the default, and so does every
 * value when no Broadleaf context is running (unit tests, tools).
 */
public abstract class SmartpayRuntimeSettings {

    protected String string(String key, String defaultValue) {
        String value;
        try {
            value = BLCSystemProperty.resolveSystemProperty(key, defaultValue);
        } catch (RuntimeException noBroadleafContext) {
            value = defaultValue;
        }
        return value == null || value.trim().isEmpty() ? defaultValue : value.trim();
    }

    protected boolean bool(String key, boolean defaultValue) {
        return Boolean.parseBoolean(string(key, String.valueOf(defaultValue)));
    }

    protected int integer(String key, int defaultValue) {
        try {
            return Integer.parseInt(string(key, String.valueOf(defaultValue)));
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }

    protected long longValue(String key, long defaultValue) {
        try {
            return Long.parseLong(string(key, String.valueOf(defaultValue)));
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }
}
