package org.bnplkit.smartpay.client.webhook;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookSignatureTest {

    /** Smartpay's published test vector (Node SDK test/unit.js, Python SDK unit.py). */
    static final String SECRET = "gybcsjixKyBW2d4z6iNPlaYzHUMtawnodwZt3W0q";
    static final String TIMESTAMP = "1653028612220";
    static final String BODY = "{\"id\":\"evt_test_dwPfFKu5iSEKyHR2LFj9Lx\",\"object\":\"event\",\"createdAt\":1653028523052,\"test\":true,"
            + "\"eventData\":{\"type\":\"payment.created\",\"version\":\"2022-02-18\",\"data\":{\"id\":\"payment_test_35LxgmF5KM22XKG38BjpJg\","
            + "\"object\":\"payment\",\"test\":true,\"createdAt\":1653028523020,\"updatedAt\":1653028523020,\"amount\":200,\"currency\":\"JPY\","
            + "\"order\":\"order_test_RiYq2rthzRHrkKVGeucSwn\",\"reference\":\"order_ref_1234567\",\"status\":\"processed\",\"metadata\":{}}}}";
    static final String SIGNATURE = "68007ada8485ea0ceca7c5e879ae860a50412b7af95ab8e81b32a3e13f3c0832";

    private static final byte[] BODY_BYTES = BODY.getBytes(StandardCharsets.UTF_8);

    private static WebhookSignatureVerifier verifierAt(long nowMillis) {
        return new WebhookSignatureVerifier(SECRET, Duration.ofMinutes(5), Clock.fixed(Instant.ofEpochMilli(nowMillis), ZoneOffset.UTC));
    }

    private static WebhookSignatureException.Reason reasonOf(Runnable verification) {
        return assertThrows(WebhookSignatureException.class, verification::run).reason();
    }

    @Test
    void smartpayTestVectorComputes() {
        assertEquals(SIGNATURE, WebhookSignature.compute(SECRET, TIMESTAMP, BODY_BYTES));
    }

    @Test
    void testVectorVerifiesWithinTolerance() {
        verifierAt(1653028612220L + 60_000).verify(BODY_BYTES, SIGNATURE, TIMESTAMP);
        verifierAt(1653028612220L - 60_000).verify(BODY_BYTES, SIGNATURE, TIMESTAMP);
        assertTrue(verifierAt(1653028612220L).isValid(BODY_BYTES, SIGNATURE.toUpperCase(), " " + TIMESTAMP + " "));
    }

    @Test
    void forgedSignatureIsAMismatch() {
        String forged = SIGNATURE.substring(0, 63) + (SIGNATURE.endsWith("2") ? "3" : "2");
        WebhookSignatureException e = assertThrows(WebhookSignatureException.class,
                () -> verifierAt(1653028612220L).verify(BODY_BYTES, forged, TIMESTAMP));
        assertEquals(WebhookSignatureException.Reason.MISMATCH, e.reason());
        assertFalse(e.getMessage().contains(SIGNATURE), "message must not reveal the expected signature");
        assertFalse(e.getMessage().contains(SECRET));
    }

    @Test
    void tamperedBodyOrTimestampIsAMismatch() {
        byte[] tampered = BODY.replace("\"amount\":200", "\"amount\":900").getBytes(StandardCharsets.UTF_8);
        assertEquals(WebhookSignatureException.Reason.MISMATCH,
                reasonOf(() -> verifierAt(1653028612220L).verify(tampered, SIGNATURE, TIMESTAMP)));
        assertEquals(WebhookSignatureException.Reason.MISMATCH,
                reasonOf(() -> verifierAt(1653028612221L).verify(BODY_BYTES, SIGNATURE, "1653028612221")));
    }

    @Test
    void wrongSecretIsAMismatch() {
        WebhookSignatureVerifier other = new WebhookSignatureVerifier("AnotherSecret0123456789abcdefghijklmnopq", Duration.ofMinutes(5),
                Clock.fixed(Instant.ofEpochMilli(1653028612220L), ZoneOffset.UTC));
        assertEquals(WebhookSignatureException.Reason.MISMATCH, reasonOf(() -> other.verify(BODY_BYTES, SIGNATURE, TIMESTAMP)));
    }

    @Test
    void staleTimestampIsRejectedEvenWithAValidSignature() {
        long sixMinutes = Duration.ofMinutes(6).toMillis();
        assertEquals(WebhookSignatureException.Reason.STALE,
                reasonOf(() -> verifierAt(1653028612220L + sixMinutes).verify(BODY_BYTES, SIGNATURE, TIMESTAMP)));
        assertEquals(WebhookSignatureException.Reason.STALE,
                reasonOf(() -> verifierAt(1653028612220L - sixMinutes).verify(BODY_BYTES, SIGNATURE, TIMESTAMP)), "from the future");
        WebhookSignatureVerifier noWindow = new WebhookSignatureVerifier(SECRET, null, Clock.systemUTC());
        noWindow.verify(BODY_BYTES, SIGNATURE, TIMESTAMP);
    }

    @Test
    void missingHeadersAreReportedAsMissing() {
        WebhookSignatureVerifier verifier = verifierAt(1653028612220L);
        assertEquals(WebhookSignatureException.Reason.MISSING, reasonOf(() -> verifier.verify(BODY_BYTES, null, TIMESTAMP)));
        assertEquals(WebhookSignatureException.Reason.MISSING, reasonOf(() -> verifier.verify(BODY_BYTES, "  ", TIMESTAMP)));
        assertEquals(WebhookSignatureException.Reason.MISSING, reasonOf(() -> verifier.verify(BODY_BYTES, SIGNATURE, null)));
    }

    @Test
    void malformedHeadersAreReportedAsMalformed() {
        WebhookSignatureVerifier verifier = verifierAt(1653028612220L);
        assertEquals(WebhookSignatureException.Reason.MALFORMED, reasonOf(() -> verifier.verify(BODY_BYTES, "sha256=" + SIGNATURE, TIMESTAMP)));
        assertEquals(WebhookSignatureException.Reason.MALFORMED, reasonOf(() -> verifier.verify(BODY_BYTES, SIGNATURE, "2022-05-20T06:36:52Z")));
        assertEquals(WebhookSignatureException.Reason.MALFORMED, reasonOf(() -> verifier.verify(BODY_BYTES, SIGNATURE, "-1653028612220")));
    }

    @Test
    void secretIsNeverPrintedOrEchoed() {
        assertFalse(verifierAt(0).toString().contains(SECRET));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new WebhookSignatureVerifier("not base62 !" + SECRET));
        assertFalse(e.getMessage().contains(SECRET));
    }
}
