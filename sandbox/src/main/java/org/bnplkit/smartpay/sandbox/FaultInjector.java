package org.bnplkit.smartpay.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** The armed faults; each request takes at most one, first armed first. Thread-safe. */
final class FaultInjector {

    private final CopyOnWriteArrayList<Armed> armed = new CopyOnWriteArrayList<>();

    void add(SandboxFault fault) {
        armed.add(new Armed(fault));
    }

    /** The fault for this request, consuming one of its uses, or null. */
    SandboxFault take(String method, String path) {
        if (armed.isEmpty()) {
            return null;
        }
        for (Armed candidate : armed) {
            if (candidate.fault.matches(method, path) && candidate.tryConsume()) {
                if (candidate.remaining.get() == 0) {
                    armed.remove(candidate);
                }
                return candidate.fault;
            }
        }
        return null;
    }

    /** Armed faults with their remaining uses. */
    List<Object[]> list() {
        List<Object[]> out = new ArrayList<>();
        for (Armed candidate : armed) {
            out.add(new Object[] {candidate.fault, candidate.remaining.get()});
        }
        return out;
    }

    void clear() {
        armed.clear();
    }

    private static final class Armed {
        final SandboxFault fault;
        final AtomicInteger remaining;

        Armed(SandboxFault fault) {
            this.fault = fault;
            this.remaining = new AtomicInteger(fault.times());
        }

        boolean tryConsume() {
            for (;;) {
                int left = remaining.get();
                if (left <= 0) {
                    return false;
                }
                if (remaining.compareAndSet(left, left - 1)) {
                    return true;
                }
            }
        }
    }
}
