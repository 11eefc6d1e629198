package org.bnplkit.smartpay.config;

/**
 * The Smartpay settings cannot be used (no secret key, a malformed one, a bad URL...). The message names
 * the property and the problem, never a secret value.
 */
public class SmartpayNotConfiguredException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SmartpayNotConfiguredException(String problem) {
        super("Smartpay is not configured: " + problem);
    }
}
