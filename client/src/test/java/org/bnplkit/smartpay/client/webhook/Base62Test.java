package org.bnplkit.smartpay.client.webhook;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class Base62Test {

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    @Test
    void alphabetIsUppercaseLowercaseDigitsInThatOrder() {
        assertArrayEquals(new byte[] {1}, Base62.decode("B"));
        assertArrayEquals(new byte[] {25}, Base62.decode("Z"));
        assertArrayEquals(new byte[] {26}, Base62.decode("a"));
        assertArrayEquals(new byte[] {52}, Base62.decode("0"));
        assertArrayEquals(new byte[] {61}, Base62.decode("9"));
    }

    @Test
    void bigEndianPositionalValue() {
        assertArrayEquals(new byte[] {62}, Base62.decode("BA"));
        // "99" = 61*62 + 61 = 3843 = 0x0f03
        assertArrayEquals(hex("0f03"), Base62.decode("99"));
        // a value whose top bit is set must not gain or keep BigInteger's sign byte: "EI" = 4*62 + 8 = 256? no: 256 = 0x0100
        assertArrayEquals(hex("0100"), Base62.decode("EI"));
        // "Dk" = 3*62 + 36 = 222 = 0xde (high bit set)
        assertArrayEquals(hex("de"), Base62.decode("Dk"));
    }

    @Test
    void leadingAsBecomeLeadingZeroBytes() {
        assertArrayEquals(new byte[] {0}, Base62.decode("A"));
        assertArrayEquals(new byte[] {0, 0, 0}, Base62.decode("AAA"));
        assertArrayEquals(new byte[] {0, 1}, Base62.decode("AB"));
        assertArrayEquals(new byte[] {0, 0, (byte) 0xde}, Base62.decode("AADk"));
    }

    @Test
    void smartpayTestVectorDecodesTo30Bytes() {
        byte[] key = Base62.decodeToLength("gybcsjixKyBW2d4z6iNPlaYzHUMtawnodwZt3W0q", 30);
        assertEquals("260d2907ea2fcd7a83ca52e8c1c98a012423eaddde8a8cf03fb3163d6d92", HexFormat.of().formatHex(key));
    }

    @Test
    void fittingLeftPadsShortValuesAndKeepsTheLastBytesOfLongOnes() {
        assertArrayEquals(hex("000000de"), Base62.decodeToLength("Dk", 4));
        // 2^40 needs 6 bytes; keeping the last 4 drops the high ones
        String twoTo40 = encode(BigInteger.ONE.shiftLeft(40).add(BigInteger.valueOf(0x01020304)));
        assertArrayEquals(hex("01020304"), Base62.decodeToLength(twoTo40, 4));
    }

    @Test
    void invalidCharactersAreRejectedWithoutEchoingTheInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Base62.decode("secretValue+/="));
        assertFalse(e.getMessage().contains("secretValue"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Base62.decode(""));
        assertThrows(IllegalArgumentException.class, () -> Base62.decode("abcé"));
    }

    /** Independent encoder (test-side only) used to build inputs. */
    private static String encode(BigInteger value) {
        StringBuilder out = new StringBuilder();
        BigInteger base = BigInteger.valueOf(62);
        while (value.signum() > 0) {
            BigInteger[] qr = value.divideAndRemainder(base);
            out.append(Base62.ALPHABET.charAt(qr[1].intValue()));
            value = qr[0];
        }
        return out.reverse().toString();
    }
}
