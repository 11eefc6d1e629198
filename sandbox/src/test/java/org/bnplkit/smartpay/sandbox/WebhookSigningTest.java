package org.bnplkit.smartpay.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/** The sandbox's signing against Smartpay's published test vector and an independent implementation. */
class WebhookSigningTest {

    static final String VECTOR_SECRET = "gybcsjixKyBW2d4z6iNPlaYzHUMtawnodwZt3W0q";
    static final String VECTOR_KEY_HEX = "260d2907ea2fcd7a83ca52e8c1c98a012423eaddde8a8cf03fb3163d6d92";
    static final String VECTOR_TIMESTAMP = "1653028612220";
    static final String VECTOR_BODY = "{\"id\":\"evt_test_dwPfFKu5iSEKyHR2LFj9Lx\",\"object\":\"event\",\"createdAt\":1653028523052,"
            + "\"test\":true,\"eventData\":{\"type\":\"payment.created\",\"version\":\"2022-02-18\",\"data\":{"
            + "\"id\":\"payment_test_35LxgmF5KM22XKG38BjpJg\",\"object\":\"payment\",\"test\":true,"
            + "\"createdAt\":1653028523020,\"updatedAt\":1653028523020,\"amount\":200,\"currency\":\"JPY\","
            + "\"order\":\"order_test_RiYq2rthzRHrkKVGeucSwn\",\"reference\":\"order_ref_1234567\","
            + "\"status\":\"processed\",\"metadata\":{}}}}";
    static final String VECTOR_SIGNATURE = "68007ada8485ea0ceca7c5e879ae860a50412b7af95ab8e81b32a3e13f3c0832";

    /** Written separately from the sandbox on purpose: BigInteger over the A-Za-z0-9 alphabet, left-padded to 30. */
    static String independentSignature(String secret, String timestamp, byte[] body) throws Exception {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        BigInteger value = BigInteger.ZERO;
        for (char c : secret.toCharArray()) {
            value = value.multiply(BigInteger.valueOf(62)).add(BigInteger.valueOf(alphabet.indexOf(c)));
        }
        byte[] raw = value.toByteArray();
        byte[] key = new byte[30];
        int length = Math.min(raw.length, 30);
        System.arraycopy(raw, raw.length - length, key, 30 - length, length);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Test
    void testVectorMatches() throws Exception {
        byte[] body = VECTOR_BODY.getBytes(StandardCharsets.UTF_8);
        assertEquals(VECTOR_KEY_HEX, HexFormat.of().formatHex(WebhookSigning.signingKey(VECTOR_SECRET)));
        assertEquals(VECTOR_SIGNATURE, WebhookSigning.sign(VECTOR_SECRET, VECTOR_TIMESTAMP, body));
        assertEquals(VECTOR_SIGNATURE, independentSignature(VECTOR_SECRET, VECTOR_TIMESTAMP, body));
    }

    @Test
    void base62RoundTripsIncludingLeadingZeroBytes() {
        byte[] bytes = {0, 0, 1, 2, (byte) 255, 42};
        String text = SmartpayBase62.encode(bytes);
        assertTrue(text.startsWith("AA"), "each leading zero byte is an A");
        assertArrayEquals(bytes, SmartpayBase62.decode(text));
        assertArrayEquals(HexFormat.of().parseHex(VECTOR_KEY_HEX), SmartpayBase62.decode(VECTOR_SECRET));
        assertEquals(VECTOR_SECRET, SmartpayBase62.encode(HexFormat.of().parseHex(VECTOR_KEY_HEX)));
        assertThrows(IllegalArgumentException.class, () -> SmartpayBase62.decode("abc-def"));
    }

    @Test
    void newSecretsAreAboutFortyCharactersAndDecodeToThirtyBytes() throws Exception {
        for (int i = 0; i < 200; i++) {
            String secret = WebhookSigning.newSigningSecret();
            assertTrue(secret.matches("[A-Za-z0-9]{39,41}"), secret);
            assertEquals(30, SmartpayBase62.decode(secret).length);
            byte[] body = ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
            assertEquals(independentSignature(secret, "1700000000000", body), WebhookSigning.sign(secret, "1700000000000", body));
        }
    }
}
