package org.bnplkit.smartpay.sandbox;

/**
 * What the sandbox answers a request whose Idempotency-Key belongs to a request still being processed. Smartpay
 * does not document it; many payment APIs answer at once with 409, so that is the default here and callers'
 * retry code is tested against it.
 */
public enum IdempotencyKeyInUse {

    /** 409 {@code idempotency-key.in-use} at once (default): the caller retries later with the same key. */
    CONFLICT,

    /**
     * The second request waits for the first (up to 30 s) and gets its answer replayed, so the operation never runs
     * twice; still running after 30 s: 409 {@code idempotency-key.in-use}.
     */
    WAIT_AND_REPLAY;

    /** {@code conflict} or {@code wait} (case-insensitive, also the constant names), for start-up options and controls. */
    public static IdempotencyKeyInUse parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT).replace('-', '_');
        switch (value) {
            case "conflict":
            case "409":
                return CONFLICT;
            case "wait":
            case "wait_and_replay":
                return WAIT_AND_REPLAY;
            default:
                throw new IllegalArgumentException("an in-use Idempotency-Key answer is conflict or wait, not " + text);
        }
    }
}
