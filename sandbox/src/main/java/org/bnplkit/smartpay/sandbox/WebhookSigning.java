package org.bnplkit.smartpay.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Smartpay's webhook signature: HMAC-SHA256 keyed with the base62-decoded signing secret
 * (30 bytes) over {@code timestamp + "." + rawBody}, as lowercase hex. The sandbox signs with
 * its own copy so that it does not depend on the client package.
 */
final class WebhookSigning {

    static final int KEY_BYTES = 30;
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSigning() {
    }

    /** A new signing secret: 30 random bytes in Smartpay base62 (about 40 characters). */
    static String newSigningSecret() {
        byte[] key = new byte[KEY_BYTES];
        do {
            RANDOM.nextBytes(key);
        } while (key[0] == 0); // a leading zero byte would be a leading 'A'; keep secrets unambiguous for every decoder
        return SmartpayBase62.encode(key);
    }

    /** The HMAC key: the decoded secret, left-padded or cut to 30 bytes like Smartpay's Java example. */
    static byte[] signingKey(String signingSecret) {
        byte[] decoded = SmartpayBase62.decode(signingSecret);
        if (decoded.length == KEY_BYTES) {
            return decoded;
        }
        byte[] key = new byte[KEY_BYTES];
        if (decoded.length < KEY_BYTES) {
            System.arraycopy(decoded, 0, key, KEY_BYTES - decoded.length, decoded.length);
        } else {
            System.arraycopy(decoded, decoded.length - KEY_BYTES, key, 0, KEY_BYTES);
        }
        return key;
    }

    static String sign(String signingSecret, String timestamp, byte[] rawBody) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey(signingSecret), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return hex(mac.doFinal(rawBody));
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
