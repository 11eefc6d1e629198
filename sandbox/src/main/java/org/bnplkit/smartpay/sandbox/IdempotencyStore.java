package org.bnplkit.smartpay.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One merchant's Idempotency-Key records, kept 6 hours (sandbox clock) from first receipt.
 * <ul>
 * <li>same key, same request (method, path, JSON body compared as JSON) -> the first response again,
 *     with {@code Idempotency-Replayed: true};</li>
 * <li>same key, different request -> 422 {@code idempotency-key.reused};</li>
 * <li>same key while the first request is still running -> 409 {@code idempotency-key.in-use} at once
 *     ({@link IdempotencyKeyInUse#CONFLICT}, the default), or waits for it (up to 30 s) and replays
 *     ({@link IdempotencyKeyInUse#WAIT_AND_REPLAY}); either way the operation never runs twice.</li>
 * </ul>
 * 5xx answers are not kept: a retry after a server error runs again. Records of completed requests are
 * forgotten once their 6 hours are over ({@link #expire}) or when the merchant holds more than {@link #MAX_KEYS}.
 */
final class IdempotencyStore {

    static final long TTL_MILLIS = TimeUnit.HOURS.toMillis(6);
    static final long WAIT_FOR_FIRST_MILLIS = TimeUnit.SECONDS.toMillis(30);
    static final int MAX_KEYS = 200_000;
    static final int DEFLATE_FROM_BYTES = 512;

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> arrival = new ConcurrentLinkedQueue<>();

    /** With {@code Retry-After: 1}: a hint for the caller's backoff (Smartpay documents nothing here). */
    private static ApiResponse inUseResponse() {
        return new ApiException(409, "idempotency-key.in-use", "A request with this Idempotency-Key is still being"
                + " processed; retry it later with the same key").toResponse().withHeader("Retry-After", "1");
    }

    /** Either a response to send at once (replay or conflict) or a claim the caller must complete. */
    Outcome begin(String key, Fingerprint fingerprint, long now, IdempotencyKeyInUse inUse) {
        expire(now);
        for (;;) {
            Entry fresh = new Entry(fingerprint, now);
            Entry existing = entries.putIfAbsent(key, fresh);
            if (existing == null) {
                remember(key);
                return Outcome.claim(fresh);
            }
            if (existing.abandoned || now - existing.createdAt > TTL_MILLIS) {
                if (entries.replace(key, existing, fresh)) {
                    return Outcome.claim(fresh);
                }
                continue;
            }
            if (!existing.fingerprint.equals(fingerprint)) {
                return Outcome.respond(new ApiException(422, "idempotency-key.reused",
                        "This Idempotency-Key was already used for a different request ("
                                + existing.fingerprint.method + " " + existing.fingerprint.path
                                + "); use a new key for a new request").toResponse());
            }
            if (inUse == IdempotencyKeyInUse.CONFLICT && existing.done.getCount() > 0) {
                return Outcome.respond(inUseResponse());
            }
            try {
                if (!existing.done.await(WAIT_FOR_FIRST_MILLIS, TimeUnit.MILLISECONDS)) {
                    return Outcome.respond(inUseResponse());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.respond(inUseResponse());
            }
            if (existing.abandoned) {
                continue;
            }
            return Outcome.respond(existing.answer().withHeader("Idempotency-Replayed", "true"));
        }
    }

    void complete(String key, Entry entry, ApiResponse response) {
        if (response == null || response.status >= 500) {
            entry.abandoned = true;
            entries.remove(key, entry);
        } else {
            entry.keep(response);
        }
        entry.done.countDown();
    }

    int size() {
        return entries.size();
    }

    static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 3 + 16);
            byte[] buffer = new byte[1024];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    static byte[] inflate(byte[] data) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * 4);
            byte[] buffer = new byte[4096];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("a stored idempotency answer is truncated");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalStateException("a stored idempotency answer is corrupt", e);
        } finally {
            inflater.end();
        }
    }

    /**
     * Forgets the completed records older than the 6-hour window (the arrival queue is oldest first). Synchronized
     * with {@link #remember}: a key taken off the queue by one thread must be the one it looked at.
     */
    synchronized void expire(long now) {
        for (;;) {
            String oldest = arrival.peek();
            if (oldest == null) {
                return;
            }
            Entry entry = entries.get(oldest);
            if (entry != null && now - entry.createdAt <= TTL_MILLIS) {
                return;
            }
            if (entry != null && entry.done.getCount() > 0) {
                return; // still running: forgotten on a later pass
            }
            if (arrival.poll() == null) {
                return;
            }
            if (entry != null) {
                entries.remove(oldest, entry);
            }
        }
    }

    private synchronized void remember(String key) {
        arrival.add(key);
        while (entries.size() > MAX_KEYS) { // bound memory under benchmarks: forget the oldest keys
            String oldest = arrival.poll();
            if (oldest == null) {
                break;
            }
            Entry entry = entries.get(oldest);
            if (entry != null && entry.done.getCount() == 0) {
                entries.remove(oldest, entry);
            }
        }
    }

    static final class Entry {
        final Fingerprint fingerprint;
        final long createdAt;
        final CountDownLatch done = new CountDownLatch(1);
        /** The answer, its body deflated when that saves memory (a record lives 6 hours; replays are rare). */
        private volatile ApiResponse stored;
        private volatile boolean deflated;
        volatile boolean abandoned;

        Entry(Fingerprint fingerprint, long createdAt) {
            this.fingerprint = fingerprint;
            this.createdAt = createdAt;
        }

        void keep(ApiResponse response) {
            byte[] smaller = response.body.length >= DEFLATE_FROM_BYTES ? deflate(response.body) : null;
            deflated = smaller != null && smaller.length < response.body.length;
            stored = deflated ? response.withBody(smaller) : response;
        }

        ApiResponse answer() {
            ApiResponse kept = stored;
            return deflated ? kept.withBody(inflate(kept.body)) : kept;
        }
    }

    static final class Outcome {
        final Entry claim;
        final ApiResponse response;

        private Outcome(Entry claim, ApiResponse response) {
            this.claim = claim;
            this.response = response;
        }

        static Outcome claim(Entry entry) {
            return new Outcome(entry, null);
        }

        static Outcome respond(ApiResponse response) {
            return new Outcome(null, response);
        }
    }

    /**
     * What makes two requests "the same": method, path and body (as JSON when it parses, so that key order and
     * spacing do not matter, else the bytes). Only a SHA-256 of the body is kept, not the body.
     */
    static final class Fingerprint {
        final String method;
        final String path;
        private final byte[] bodyDigest;

        Fingerprint(ApiRequest request) {
            this.method = request.method;
            this.path = request.path;
            JsonNode parsed;
            try {
                parsed = request.json();
            } catch (ApiException malformed) {
                parsed = null;
            }
            MessageDigest sha256 = sha256();
            if (parsed == null) {
                sha256.update((byte) 0);
                sha256.update(request.body);
            } else {
                sha256.update((byte) 1);
                canonical(parsed, sha256);
            }
            this.bodyDigest = sha256.digest();
        }

        /** The JSON value with object fields in name order, as UTF-8 text. */
        private static void canonical(JsonNode node, MessageDigest out) {
            if (node.isObject()) {
                List<String> names = new ArrayList<>();
                node.fieldNames().forEachRemaining(names::add);
                Collections.sort(names);
                out.update((byte) '{');
                for (String name : names) {
                    out.update(ApiResponse.JSON.getNodeFactory().textNode(name).toString().getBytes(StandardCharsets.UTF_8));
                    out.update((byte) ':');
                    canonical(node.get(name), out);
                    out.update((byte) ',');
                }
                out.update((byte) '}');
            } else if (node.isArray()) {
                out.update((byte) '[');
                for (JsonNode element : node) {
                    canonical(element, out);
                    out.update((byte) ',');
                }
                out.update((byte) ']');
            } else {
                out.update(node.toString().getBytes(StandardCharsets.UTF_8));
            }
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException(impossible);
            }
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Fingerprint)) {
                return false;
            }
            Fingerprint that = (Fingerprint) other;
            return method.equals(that.method) && path.equals(that.path) && Arrays.equals(bodyDigest, that.bodyDigest);
        }

        @Override
        public int hashCode() {
            return Objects.hash(method, path, Arrays.hashCode(bodyDigest));
        }
    }
}
