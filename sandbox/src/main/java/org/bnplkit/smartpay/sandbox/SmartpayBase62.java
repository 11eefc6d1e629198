package org.bnplkit.smartpay.sandbox;

import java.math.BigInteger;

/**
 * Base62 as Smartpay uses it for webhook signing secrets and ids: the alphabet is
 * {@code A-Za-z0-9} (not the common 0-9A-Za-z), decoded base-x style (big-endian integer,
 * every leading {@code A} is a leading zero byte).
 */
final class SmartpayBase62 {

    static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final BigInteger BASE = BigInteger.valueOf(62);

    private SmartpayBase62() {
    }

    static String encode(byte[] bytes) {
        int zeros = 0;
        while (zeros < bytes.length && bytes[zeros] == 0) {
            zeros++;
        }
        StringBuilder digits = new StringBuilder();
        BigInteger value = new BigInteger(1, bytes);
        while (value.signum() > 0) {
            BigInteger[] qr = value.divideAndRemainder(BASE);
            digits.append(ALPHABET.charAt(qr[1].intValue()));
            value = qr[0];
        }
        for (int i = 0; i < zeros; i++) {
            digits.append(ALPHABET.charAt(0));
        }
        return digits.reverse().toString();
    }

    static byte[] decode(String text) {
        int zeros = 0;
        while (zeros < text.length() && text.charAt(zeros) == ALPHABET.charAt(0)) {
            zeros++;
        }
        BigInteger value = BigInteger.ZERO;
        for (int i = zeros; i < text.length(); i++) {
            int digit = ALPHABET.indexOf(text.charAt(i));
            if (digit < 0) {
                throw new IllegalArgumentException("not a Smartpay base62 character at position " + i);
            }
            value = value.multiply(BASE).add(BigInteger.valueOf(digit));
        }
        byte[] magnitude = value.signum() == 0 ? new byte[0] : value.toByteArray();
        int skip = magnitude.length > 0 && magnitude[0] == 0 ? 1 : 0; // BigInteger's sign byte
        byte[] out = new byte[zeros + magnitude.length - skip];
        System.arraycopy(magnitude, skip, out, zeros, magnitude.length - skip);
        return out;
    }
}
