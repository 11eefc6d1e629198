package org.bnplkit.smartpay.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every merchant account (one per distinct secret key) and which merchant owns an order, session or
 * token, for the callers that have no key: the hosted page, the consumer flow and the test controls.
 */
final class Merchants {

    private final ConcurrentHashMap<String, Merchant> byKey = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Merchant> ownerById = new ConcurrentHashMap<>();
    private final AtomicInteger counter = new AtomicInteger();
    private final WebhookDispatcher dispatcher;
    volatile CapturedOrderCancellation capturedOrderCancellation = CapturedOrderCancellation.SUCCEEDED;

    Merchants(WebhookDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    Merchant forKey(final String secretKey) {
        Merchant merchant = byKey.get(secretKey);
        if (merchant != null) {
            return merchant;
        }
        return byKey.computeIfAbsent(secretKey, key -> new Merchant(key.startsWith("sk_test_"),
                "merchant #" + counter.incrementAndGet() + (key.startsWith("sk_test_") ? " (test)" : " (live)"),
                dispatcher, this));
    }

    void register(String objectId, Merchant owner) {
        ownerById.put(objectId, owner);
    }

    /** The merchant owning this order, session or token id, or null. */
    Merchant ownerOf(String objectId) {
        return objectId == null ? null : ownerById.get(objectId);
    }

    List<Merchant> all() {
        return new ArrayList<>(byKey.values());
    }

    void clear() {
        byKey.clear();
        ownerById.clear();
    }
}
