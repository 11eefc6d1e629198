package org.bnplkit.smartpay.checkout;

import java.lang.management.ManagementFactory;
import java.util.Date;
import java.util.UUID;

import javax.annotation.Resource;

import org.bnplkit.smartpay.journal.JobLeases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    /**
     * Far longer than any completion takes (each Smartpay call gives up after about a minute: 30 s read timeout,
     * retries within 30 s), so a slow holder never loses the cart to the other path while it works; a holder that
     * died frees the cart after this (the webhook's retries, the orphan pass and the shopper's next return follow).
     */
    static final long LEASE_MS = 10 * 60_000L;
    private static final long POLL_MS = 50L;
    private static final String PREFIX = "checkout:";
    private static final Logger LOG = LoggerFactory.getLogger(SmartpayCheckoutLease.class);

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

    /** Deletes up to {@code max} cart leases nobody has taken since {@code before} (retention). */
    public int deleteIdleBefore(Date before, int max) {
        return leases.deleteIdleBefore(PREFIX, before, max);
    }

    static String name(long orderId) {
        return PREFIX + orderId;
    }

    /** A held lease; {@link #close()} frees it (only if this holder still has it). */
    public final class Held implements AutoCloseable {
        private final String name;
        private final String holder;

        Held(String name, String holder) {
            this.name = name;
            this.holder = holder;
        }

        /** Frees the lease; a failure here is logged, not thrown: the work done under it stands, and it expires. */
        @Override
        public void close() {
            try {
                leases.finish(name, holder, null, null);
            } catch (RuntimeException e) {
                LOG.warn("Smartpay checkout lease {} could not be freed (it expires by itself): {}", name, e.toString());
            }
        }
    }
}
