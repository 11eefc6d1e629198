package org.bnplkit.smartpay.client.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Verifies a webhook delivery: signature (constant-time comparison) and, when a tolerance is set, that
 * {@code Smartpay-Signature-Timestamp} (ms epoch) is within it of now. Thread-safe. toString() hides the secret.
 */
public final class WebhookSignatureVerifier {

    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private final byte[] key;
    private final Duration tolerance;
    private final Clock clock;

    /** Default tolerance (5 minutes), system clock. */
    public WebhookSignatureVerifier(String signingSecret) {
        this(signingSecret, DEFAULT_TOLERANCE, Clock.systemUTC());
    }

    /**
     * @param tolerance how far the signing timestamp may be from now, either way; null disables the check
     * @param clock     the clock to compare with
     */
    public WebhookSignatureVerifier(String signingSecret, Duration tolerance, Clock clock) {
        if (tolerance != null && tolerance.isNegative()) {
            throw new IllegalArgumentException("tolerance must not be negative");
        }
        if (clock == null) {
            throw new IllegalArgumentException("clock is required");
        }
        this.key = WebhookSignature.signingKey(signingSecret);
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /**
     * Returns normally when the delivery is authentic and fresh; otherwise throws.
     *
     * @throws WebhookSignatureException with reason MISSING, MALFORMED, MISMATCH or STALE
     */
    public void verify(byte[] rawBody, String signatureHeader, String timestampHeader) {
        if (signatureHeader == null || signatureHeader.trim().isEmpty()) {
            throw new WebhookSignatureException(WebhookSignatureException.Reason.MISSING,
                    "no " + SmartpayHeaders.SIGNATURE + " header");
        }
        if (timestampHeader == null || timestampHeader.trim().isEmpty()) {
            throw new WebhookSignatureException(WebhookSignatureException.Reason.MISSING,
                    "no " + SmartpayHeaders.SIGNATURE_TIMESTAMP + " header");
        }
        String timestamp = timestampHeader.trim();
        long timestampMillis = parseTimestamp(timestamp);
        String signature = signatureHeader.trim().toLowerCase(Locale.ROOT);
        if (!isHex64(signature)) {
            throw new WebhookSignatureException(WebhookSignatureException.Reason.MALFORMED,
                    SmartpayHeaders.SIGNATURE + " is not 64 hex characters");
        }
        String expected = WebhookSignature.compute(key, timestamp, rawBody);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII))) {
            throw new WebhookSignatureException(WebhookSignatureException.Reason.MISMATCH,
                    "signature does not match the body and timestamp");
        }
        if (tolerance != null) {
            long skew = Math.abs(clock.millis() - timestampMillis);
            if (skew > tolerance.toMillis()) {
                throw new WebhookSignatureException(WebhookSignatureException.Reason.STALE,
                        "signed " + skew + " ms away from now, tolerance " + tolerance.toMillis() + " ms");
            }
        }
    }

    /** Like {@link #verify} but answers true/false. */
    public boolean isValid(byte[] rawBody, String signatureHeader, String timestampHeader) {
        try {
            verify(rawBody, signatureHeader, timestampHeader);
            return true;
        } catch (WebhookSignatureException e) {
            return false;
        }
    }

    private static long parseTimestamp(String timestamp) {
        if (timestamp.length() > 18) {
            throw malformedTimestamp();
        }
        for (int i = 0; i < timestamp.length(); i++) {
            if (timestamp.charAt(i) < '0' || timestamp.charAt(i) > '9') {
                throw malformedTimestamp();
            }
        }
        return Long.parseLong(timestamp);
    }

    private static WebhookSignatureException malformedTimestamp() {
        return new WebhookSignatureException(WebhookSignatureException.Reason.MALFORMED,
                SmartpayHeaders.SIGNATURE_TIMESTAMP + " is not a ms epoch number");
    }

    private static boolean isHex64(String value) {
        if (value.length() != 64) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "WebhookSignatureVerifier{tolerance=" + tolerance + ", signingSecret=****}";
    }
}
