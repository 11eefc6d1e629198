package org.bnplkit.smartpay.client;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validation and masking of Smartpay API keys. Nothing here ever puts a key into a message:
 * errors name the problem, masks keep only the {@code sk_test_} / {@code sk_live_} prefix.
 */
final class SecretKeys {

    private static final Pattern SECRET_KEY = Pattern.compile("^sk_(test|live)_[0-9a-zA-Z]+$");
    private static final Pattern PUBLIC_KEY_PREFIX = Pattern.compile("^pk_(test|live)_.*", Pattern.DOTALL);
    /** Anything in free text that looks like a secret key, in any mode, with any tail. */
    private static final Pattern SECRET_KEY_IN_TEXT = Pattern.compile("sk_(test|live)_[0-9a-zA-Z]+");

    private SecretKeys() {
    }

    /** Returns the trimmed key, or throws an IllegalArgumentException that explains what is wrong (never echoing the key). */
    static String validateSecretKey(String secretKey) {
        if (secretKey == null || secretKey.trim().isEmpty()) {
            throw new IllegalArgumentException("Smartpay secret key is required (sk_test_... or sk_live_...)");
        }
        String key = secretKey.trim();
        if (PUBLIC_KEY_PREFIX.matcher(key).matches()) {
            throw new IllegalArgumentException("A Smartpay public key (pk_...) was given as the secret key; "
                    + "server calls need the secret key (sk_test_... or sk_live_...) of the same account");
        }
        if (!SECRET_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("The value given as the Smartpay secret key is not one: expected "
                    + "sk_test_ or sk_live_ followed by letters and digits");
        }
        return key;
    }

    static SmartpayMode modeOf(String validatedKey) {
        return validatedKey.startsWith("sk_live_") ? SmartpayMode.LIVE : SmartpayMode.TEST;
    }

    /** {@code sk_test_****} / {@code sk_live_****}. */
    static String mask(String validatedKey) {
        return modeOf(validatedKey) == SmartpayMode.LIVE ? "sk_live_****" : "sk_test_****";
    }

    /** Replaces anything that looks like a secret key in {@code text} by its mask. Null stays null. */
    static String maskSecrets(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = SECRET_KEY_IN_TEXT.matcher(text);
        return matcher.find() ? matcher.replaceAll("sk_$1_****") : text;
    }
}
