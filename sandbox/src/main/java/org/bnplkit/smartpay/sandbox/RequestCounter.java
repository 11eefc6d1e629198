package org.bnplkit.smartpay.sandbox;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * Counts the API and hosted-page requests that reached the sandbox (faulted ones included), by method and path, and
 * how many of them are still being processed.
 */
final class RequestCounter {

    private final AtomicInteger running = new AtomicInteger();

    private final ConcurrentHashMap<String, ConcurrentHashMap<String, LongAdder>> byMethod = new ConcurrentHashMap<>();

    /** A request arrived; {@link #finished()} when it has been answered (or dropped). */
    void started(String method, String path) {
        running.incrementAndGet();
        record(method, path);
    }

    void finished() {
        running.decrementAndGet();
    }

    int running() {
        return running.get();
    }

    private void record(String method, String path) {
        ConcurrentHashMap<String, LongAdder> paths = byMethod.get(method);
        if (paths == null) {
            paths = byMethod.computeIfAbsent(method, m -> new ConcurrentHashMap<>());
        }
        LongAdder counter = paths.get(path);
        if (counter == null) {
            counter = paths.computeIfAbsent(path, p -> new LongAdder());
        }
        counter.increment();
    }

    /** Requests whose method matches ("*" = any) and whose whole path matches the regex. */
    long count(String method, String pathRegex) {
        Pattern pattern = Pattern.compile(pathRegex);
        String wanted = method.toUpperCase(Locale.ROOT);
        long total = 0;
        for (Map.Entry<String, ConcurrentHashMap<String, LongAdder>> perMethod : byMethod.entrySet()) {
            if (!"*".equals(wanted) && !wanted.equals(perMethod.getKey())) {
                continue;
            }
            for (Map.Entry<String, LongAdder> perPath : perMethod.getValue().entrySet()) {
                if (pattern.matcher(perPath.getKey()).matches()) {
                    total += perPath.getValue().sum();
                }
            }
        }
        return total;
    }

    void reset() {
        byMethod.clear();
    }
}
