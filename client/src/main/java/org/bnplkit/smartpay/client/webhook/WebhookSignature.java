package org.bnplkit.smartpay.client.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Smartpay's webhook signature: {@code hex(HMAC-SHA256(key, timestamp + "." + rawBody))} where
 * {@code key = base62decode(signingSecret)} fitted to 30 bytes. The body must be the exact bytes received.
 */
public final class WebhookSignature {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private WebhookSignature() {
    }

    /** Lowercase hex signature of {@code rawBody} signed at {@code timestamp} (ms epoch, as sent in the header). */
    public static String compute(String signingSecret, String timestamp, byte[] rawBody) {
        return compute(signingKey(signingSecret), timestamp, rawBody);
    }

    /** The HMAC key of a signing secret (30 bytes). */
    public static byte[] signingKey(String signingSecret) {
        if (signingSecret == null || signingSecret.trim().isEmpty()) {
            throw new IllegalArgumentException("Webhook signing secret is required");
        }
        try {
            return Base62.decodeToLength(signingSecret.trim(), Base62.SIGNING_KEY_LENGTH);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Webhook signing secret is not base62 (A-Z a-z 0-9)");
        }
    }

    static String compute(byte[] key, String timestamp, byte[] rawBody) {
        if (timestamp == null) {
            throw new IllegalArgumentException("timestamp is required");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            if (rawBody != null) {
                mac.update(rawBody);
            }
            return hex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }
}
