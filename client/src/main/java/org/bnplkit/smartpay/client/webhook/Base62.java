package org.bnplkit.smartpay.client.webhook;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Base62 decoding with Smartpay's alphabet {@code A-Z a-z 0-9} (in that order, unlike the common 0-9A-Za-z).
 * Big-endian, base-x style: every leading {@code A} (digit zero) becomes a leading zero byte.
 * Error messages never echo the input (it is usually a signing secret).
 */
public final class Base62 {

    public static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    /** Length of a Smartpay webhook signing key once decoded. */
    public static final int SIGNING_KEY_LENGTH = 30;

    private static final BigInteger BASE = BigInteger.valueOf(62);
    private static final int[] DIGITS = new int[128];

    static {
        Arrays.fill(DIGITS, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            DIGITS[ALPHABET.charAt(i)] = i;
        }
    }

    private Base62() {
    }

    /** Decodes to the minimal byte array (leading 'A's kept as zero bytes). */
    public static byte[] decode(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            throw new IllegalArgumentException("Base62 input is empty");
        }
        int leadingZeros = 0;
        while (leadingZeros < encoded.length() && encoded.charAt(leadingZeros) == ALPHABET.charAt(0)) {
            leadingZeros++;
        }
        BigInteger value = BigInteger.ZERO;
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            int digit = c < 128 ? DIGITS[c] : -1;
            if (digit < 0) {
                throw new IllegalArgumentException("Base62 input has a character outside A-Z a-z 0-9 at position " + i);
            }
            value = value.multiply(BASE).add(BigInteger.valueOf(digit));
        }
        byte[] magnitude = value.signum() == 0 ? new byte[0] : value.toByteArray();
        int skip = magnitude.length > 0 && magnitude[0] == 0 ? 1 : 0; // BigInteger's sign byte
        byte[] result = new byte[leadingZeros + magnitude.length - skip];
        System.arraycopy(magnitude, skip, result, leadingZeros, magnitude.length - skip);
        return result;
    }

    /** Decodes and fits to exactly {@code length} bytes: left-padded with zeros, or only the last {@code length} kept. */
    public static byte[] decodeToLength(String encoded, int length) {
        byte[] decoded = decode(encoded);
        if (decoded.length == length) {
            return decoded;
        }
        byte[] result = new byte[length];
        if (decoded.length < length) {
            System.arraycopy(decoded, 0, result, length - decoded.length, decoded.length);
        } else {
            System.arraycopy(decoded, decoded.length - length, result, 0, length);
        }
        return result;
    }
}
