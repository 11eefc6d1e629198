package org.bnplkit.smartpay.client;

/**
 * Per-request options for POST/PUT/PATCH/DELETE. Today: the {@code Idempotency-Key}. Derive it from the
 * business operation (e.g. {@code capture:fg:42}) so the same operation is the same key on every node, every
 * retry and after every restart. Smartpay keeps keys for 6 hours.
 */
public final class RequestOptions {

    private static final int MAX_KEY_LENGTH = 255;

    private final String idempotencyKey;

    private RequestOptions(String idempotencyKey) {
        this.idempotencyKey = idempotencyKey;
    }

    /** Options carrying the caller's Idempotency-Key (1..255 printable ASCII characters). */
    public static RequestOptions idempotencyKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("Idempotency-Key must be 1.." + MAX_KEY_LENGTH + " characters");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("Idempotency-Key must be printable ASCII without spaces");
            }
        }
        return new RequestOptions(key);
    }

    /** The caller's key, or null when the client should generate one (random UUID). */
    public String idempotencyKey() {
        return idempotencyKey;
    }

    @Override
    public String toString() {
        return "RequestOptions{idempotencyKey=" + idempotencyKey + "}";
    }
}
