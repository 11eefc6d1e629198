package org.bnplkit.smartpay.checkout;

import java.lang.management.ManagementFactory;
import java.util.Date;
import java.util.UUID;

import javax.annotation.Resource;

import org.bnplkit.smartpay.journal.JobLeases;
import org.springframework.stereotype.Component;

/**
 * Who completes a cart's checkout with its Smartpay approval, across the cluster: the shopper's return or the
 * webhook that completes a checkout the shopper never came back to. Both hold lease {@code checkout:<orderId>}
 * (SMARTPAY_JOB_LEASE, a conditional UPDATE) while they verify, record and submit; the other waits or comes back
 * later. Without it, a return that ran into Broadleaf's "order is already being submitted" while the webhook was
 * submitting the order would release the authorization of an order that got submitted a moment later.
 */
@Component("blSmartpayCheckoutLease")
public class SmartpayCheckoutLease {

    /** Longer than any checkout takes; a holder that died frees the cart after this. */
    static final long LEASE_MS = 120_000L;
    private static final long POLL_MS = 50L;

    private final String node = ManagementFactory.getRuntimeMXBean().getName();

    @Resource(name = "blSmartpayJobLeases")
    protected JobLeases leases;

    /** The lease if it is free now, else null. */
    public Held tryHold(long orderId) {
        String holder = node + "#" + UUID.randomUUID().toString().substring(0, 8);
        Date now = new Date();
        return leases.tryClaim(name(orderId), holder, now, new Date(now.getTime() + LEASE_MS))
                ? new Held(name(orderId), holder) : null;
    }

    /** The lease, waiting up to {@code waitMs} for its holder to finish; null when it is still held then. */
    public Held hold(long orderId, long waitMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + waitMs;
        for (;;) {
            Held held = tryHold(orderId);
            if (held != null || System.currentTimeMillis() >= deadline) {
                return held;
            }
            Thread.sleep(POLL_MS);
        }
    }

    static String name(long orderId) {
        return "checkout:" + orderId;
    }

    /** A held lease; {@link #close()} frees it (only if this holder still has it). */
    public final class Held implements AutoCloseable {
        private final String name;
        private final String holder;

        Held(String name, String holder) {
            this.name = name;
            this.holder = holder;
        }

        @Override
        public void close() {
            leases.finish(name, holder, null, null);
        }
    }
}
