package org.bnplkit.smartpay.operations;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bnplkit.smartpay.config.SmartpayRuntimeSettings;
import org.springframework.stereotype.Component;

/**
 * Lifecycle, retry and worker settings, read through {@link BLCSystemProperty} on every call (so the admin's
 * System Properties screen changes them at runtime). Defaults live here; docs/lifecycle.md lists every key.
 *
 * <p>{@link #override} sets a value for this JVM only: tests and the demo use it to shorten backoffs.
 */
@Component("blSmartpayOperationsSettings")
public class SmartpayOperationsSettings extends SmartpayRuntimeSettings {

    public static final String CANCEL_REFUND_CAPTURED = "gateway.smartpay.cancel.refundCaptured";
    public static final String TRIGGER_CAPTURE_ENABLED = "gateway.smartpay.trigger.capture.enabled";
    public static final String TRIGGER_CAPTURE_STATUSES = "gateway.smartpay.trigger.capture.statuses";
    public static final String TRIGGER_CANCEL_ENABLED = "gateway.smartpay.trigger.cancel.enabled";
    public static final String TRIGGER_RETURN_ENABLED = "gateway.smartpay.trigger.return.enabled";
    public static final String TRIGGER_BACKGROUND = "gateway.smartpay.trigger.background";
    public static final String ORDER_CANCEL_WHEN_CANCELLED_AT_SMARTPAY = "gateway.smartpay.order.cancelWhenCancelledAtSmartpay";
    public static final String RETRY_MAX_ATTEMPTS = "gateway.smartpay.operations.maxAttempts";
    public static final String RETRY_INITIAL_BACKOFF_MS = "gateway.smartpay.operations.initialBackoffMs";
    public static final String RETRY_MAX_BACKOFF_MS = "gateway.smartpay.operations.maxBackoffMs";
    public static final String LEASE_MS = "gateway.smartpay.operations.leaseMs";
    public static final String IN_FLIGHT_MS = "gateway.smartpay.operations.inFlightMs";
    public static final String WORKER_ENABLED = "gateway.smartpay.worker.enabled";
    public static final String WORKER_INTERVAL_MS = "gateway.smartpay.worker.intervalMs";
    public static final String WORKER_BATCH_SIZE = "gateway.smartpay.worker.batchSize";
    public static final String NODE_ID = "gateway.smartpay.nodeId";

    private final Map<String, String> overrides = new ConcurrentHashMap<>();

    /** Sets (or with null, removes) a JVM-local value that wins over every other source. */
    public void override(String key, String value) {
        if (value == null) {
            overrides.remove(key);
        } else {
            overrides.put(key, value);
        }
    }

    public void clearOverrides() {
        overrides.clear();
    }

    /** When an order is cancelled, refund what was already captured (manual capture) — default true. */
    public boolean refundCapturedOnCancel() { return bool(CANCEL_REFUND_CAPTURED, true); }

    public boolean captureTriggerEnabled() { return bool(TRIGGER_CAPTURE_ENABLED, true); }

    /** Fulfillment-group statuses that mean "shipped": default SHIPPED. */
    public List<String> captureStatuses() {
        List<String> out = new ArrayList<>();
        for (String s : string(TRIGGER_CAPTURE_STATUSES, "SHIPPED,FULFILLED").split(",")) {
            if (!s.trim().isEmpty()) {
                out.add(s.trim());
            }
        }
        return Collections.unmodifiableList(out);
    }

    public boolean cancelTriggerEnabled() { return bool(TRIGGER_CANCEL_ENABLED, true); }

    public boolean returnTriggerEnabled() { return bool(TRIGGER_RETURN_ENABLED, true); }

    /**
     * Triggers journal the operation on the thread that committed the status change and send it from the
     * operations' own threads (default), so a slow Smartpay never holds an admin save or a batch job.
     * false: send on the committing thread (after commit).
     */
    public boolean triggerInBackground() { return bool(TRIGGER_BACKGROUND, true); }

    /**
     * When Smartpay reports the order cancelled (dashboard, expired authorization), move the Broadleaf order to
     * CANCELLED too, as a cancellation already done at Smartpay: nothing is sent and nothing refunded. Default false
     * (the status is left to the merchant); the CANCELED_AT_SMARTPAY notice is opened either way.
     */
    public boolean cancelWhenCancelledAtSmartpay() { return bool(ORDER_CANCEL_WHEN_CANCELLED_AT_SMARTPAY, false); }

    /** Attempts before a retryable failure becomes DEAD. */
    public int maxAttempts() { return Math.max(1, integer(RETRY_MAX_ATTEMPTS, 10)); }

    public long initialBackoffMs() { return Math.max(0, longValue(RETRY_INITIAL_BACKOFF_MS, 30_000L)); }

    public long maxBackoffMs() { return Math.max(initialBackoffMs(), longValue(RETRY_MAX_BACKOFF_MS, 3_600_000L)); }

    /**
     * How long a node owns a row it is working on. Longer than the client's whole retry budget, so a live node's
     * HTTP call is never duplicated; a PENDING row older than this belongs to a node that died.
     */
    public long leaseMs() { return Math.max(1_000L, longValue(LEASE_MS, 120_000L)); }

    /**
     * How long a request Smartpay received may still be running there after our client gave up on it. A capture
     * whose order was cancelled (or whose shipment came back) before it was answered is concluded "never sent"
     * only after looking for its payment again this long after the first look.
     */
    public long inFlightMs() { return Math.max(0L, longValue(IN_FLIGHT_MS, 60_000L)); }

    public boolean workerEnabled() { return bool(WORKER_ENABLED, true); }

    public long workerIntervalMs() { return Math.max(100L, longValue(WORKER_INTERVAL_MS, 15_000L)); }

    public int workerBatchSize() { return Math.max(1, integer(WORKER_BATCH_SIZE, 50)); }

    /** Name written in CLAIMED_BY; blank = host name + process id + a per-context suffix. */
    public String nodeId() { return string(NODE_ID, ""); }

    /** Next attempt delay after {@code attempts} failed attempts: initial × 2^(attempts-1), capped. */
    public long backoffMs(int attempts) {
        long delay = initialBackoffMs();
        for (int i = 1; i < attempts && delay < maxBackoffMs(); i++) {
            delay *= 2;
        }
        return Math.min(delay, maxBackoffMs());
    }

    @Override
    protected String string(String key, String defaultValue) {
        String local = overrides.get(key);
        return local != null ? local : super.string(key, defaultValue);
    }
}
