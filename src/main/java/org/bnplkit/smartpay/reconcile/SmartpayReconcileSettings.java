package org.bnplkit.smartpay.reconcile;

import org.bnplkit.smartpay.config.SmartpayRuntimeSettings;
import org.springframework.stereotype.Component;

/**
 * gateway.smartpay.reconcile.* settings, read through {@link BLCSystemProperty} before every pass (runtime changes
 * apply to the next pass). Defaults: config/bc/smartpay/common.properties and here; docs/configuration.md.
 */
@Component("blSmartpayReconcileSettings")
public class SmartpayReconcileSettings extends SmartpayRuntimeSettings {

    public static final String PREFIX = "gateway.smartpay.reconcile.";
    public static final String ENABLED = PREFIX + "enabled";
    public static final String INTERVAL_MS = PREFIX + "intervalMs";
    public static final String LOOKBACK_DAYS = PREFIX + "lookbackDays";
    public static final String BATCH_SIZE = PREFIX + "batchSize";
    public static final String EXPIRING_DAYS = PREFIX + "expiring.days";
    public static final String EXPIRING_ACTION = PREFIX + "expiring.action";
    public static final String ORPHANS_ENABLED = PREFIX + "orphans.enabled";
    public static final String ORPHANS_ACTION = PREFIX + "orphans.action";
    public static final String ORPHANS_GRACE_MINUTES = PREFIX + "orphans.graceMinutes";
    public static final String ORPHANS_LOOKBACK_DAYS = PREFIX + "orphans.lookbackDays";
    public static final String RETENTION_DAYS = PREFIX + "retentionDays";

    /** What to do about an authorization that expires soon. */
    public enum ExpiringAction {
        /** An AUTHORIZATION_EXPIRING notice only. */
        WARN,
        /** Also capture every shipped, uncaptured fulfillment group; release the authorization if nothing shipped. */
        CAPTURE_SHIPPED
    }

    /** What to do about an orphan approval. */
    public enum OrphanAction {
        /** Cancel (manual capture) or refund (automatic capture) it at Smartpay, and raise ORPHAN_RELEASED. */
        CANCEL,
        /** A CHECKOUT_NOT_COMPLETED notice only; an operator decides. */
        WARN
    }

    public boolean enabled() {
        return bool(ENABLED, true);
    }

    public long intervalMs() {
        return Math.max(1_000L, longValue(INTERVAL_MS, 900_000L));
    }

    /** Orders submitted within this many days are compared (at least 8: an authorization lives 7 days). */
    public int lookbackDays() {
        return (int) Math.max(8, longValue(LOOKBACK_DAYS, 14));
    }

    public int batchSize() {
        return (int) Math.max(1, longValue(BATCH_SIZE, 500));
    }

    public long expiringWithinMs() {
        return Math.max(0, longValue(EXPIRING_DAYS, 2)) * 86_400_000L;
    }

    public ExpiringAction expiringAction() {
        return "capture-shipped".equalsIgnoreCase(string(EXPIRING_ACTION, "warn")) ? ExpiringAction.CAPTURE_SHIPPED
                : ExpiringAction.WARN;
    }

    public boolean orphansEnabled() {
        return bool(ORPHANS_ENABLED, true);
    }

    public OrphanAction orphanAction() {
        return "warn".equalsIgnoreCase(string(ORPHANS_ACTION, "cancel")) ? OrphanAction.WARN : OrphanAction.CANCEL;
    }

    public long orphanGraceMs() {
        return Math.max(0, longValue(ORPHANS_GRACE_MINUTES, 60)) * 60_000L;
    }

    public long orphanLookbackMs() {
        return Math.max(1, longValue(ORPHANS_LOOKBACK_DAYS, 8)) * 86_400_000L;
    }

    /**
     * Processed webhook events and resolved notices older than this are deleted, a batch per pass; 0 keeps them
     * forever. The operation journal is never deleted: it is the record of every money movement.
     */
    public long retentionMs() {
        return Math.max(0, longValue(RETENTION_DAYS, 90)) * 86_400_000L;
    }
}
