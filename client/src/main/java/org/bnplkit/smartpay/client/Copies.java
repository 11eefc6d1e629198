package org.bnplkit.smartpay.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Defensive, unmodifiable copies for the immutable params and models (null stays null). */
final class Copies {

    private Copies() {
    }

    static <T> List<T> list(List<T> source) {
        return source == null ? null : Collections.unmodifiableList(new ArrayList<T>(source));
    }

    /** Models: an absent list reads as empty, never null. */
    static <T> List<T> listOrEmpty(List<T> source) {
        return source == null || source.isEmpty() ? Collections.<T>emptyList() : Collections.unmodifiableList(new ArrayList<T>(source));
    }

    /** Models: an absent map reads as empty, never null. */
    static <K, V> Map<K, V> mapOrEmpty(Map<K, V> source) {
        return source == null || source.isEmpty() ? Collections.<K, V>emptyMap() : Collections.unmodifiableMap(new LinkedHashMap<K, V>(source));
    }

    static <K, V> Map<K, V> map(Map<K, V> source) {
        return source == null ? null : Collections.unmodifiableMap(new LinkedHashMap<K, V>(source));
    }
}
