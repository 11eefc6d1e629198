package org.bnplkit.smartpay.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One merchant's objects of one kind, by id and in creation order, with Smartpay-style pages
 * (newest first). A page token is an opaque cursor naming where the page starts, so objects created
 * while a client pages through never shift what it sees. Not thread-safe: guarded by the merchant lock.
 */
final class ObjectTable<T extends StoredObject> {

    static final int DEFAULT_MAX_RESULTS = 20;
    static final int MAX_MAX_RESULTS = 100;

    private final String kind;
    private final Map<String, T> byId = new HashMap<>();
    private final List<T> inOrder = new ArrayList<>();

    ObjectTable(String kind) {
        this.kind = kind;
    }

    void add(T object) {
        byId.put(object.id, object);
        inOrder.add(object);
    }

    /** The object, or null when unknown or deleted. */
    T get(String id) {
        T object = byId.get(id);
        return object == null || !object.isVisible() ? null : object;
    }

    List<T> all() {
        return Collections.unmodifiableList(inOrder);
    }

    int size() {
        return inOrder.size();
    }

    Slice<T> page(int maxResults, String pageToken) {
        int start = pageToken == null ? inOrder.size() - 1 : decode(pageToken);
        List<T> items = new ArrayList<>();
        int i = start;
        for (; i >= 0 && items.size() < maxResults; i--) {
            T object = inOrder.get(i);
            if (object.isVisible()) {
                items.add(object);
            }
        }
        while (i >= 0 && !inOrder.get(i).isVisible()) {
            i--;
        }
        String next = i >= 0 ? encode(i) : null;
        return new Slice<>(items, pageToken == null ? encode(start) : pageToken, next, maxResults);
    }

    private String encode(int index) {
        return SmartpayBase62.encode((kind + ":" + index).getBytes(StandardCharsets.UTF_8));
    }

    private int decode(String token) {
        try {
            String text = new String(SmartpayBase62.decode(token), StandardCharsets.UTF_8);
            int colon = text.lastIndexOf(':');
            if (colon > 0 && text.substring(0, colon).equals(kind)) {
                int index = Integer.parseInt(text.substring(colon + 1));
                if (index >= -1 && index < inOrder.size()) {
                    return index;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw ApiException.invalid("pageToken", "is not a page token of this list");
    }

    static final class Slice<T> {
        final List<T> items;
        final String pageToken;
        final String nextPageToken;
        final int maxResults;

        Slice(List<T> items, String pageToken, String nextPageToken, int maxResults) {
            this.items = items;
            this.pageToken = pageToken;
            this.nextPageToken = nextPageToken;
            this.maxResults = maxResults;
        }
    }
}
