package org.bnplkit.smartpay.webhooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.bnplkit.smartpay.journal.SmartpayWebhookEvent;
import org.bnplkit.smartpay.config.SmartpayRuntimeSettings;
import org.springframework.stereotype.Component;

/**
 * gateway.smartpay.webhook.* settings, read through {@link BLCSystemProperty} on every call (the admin's System
 * Properties screen changes them at runtime). Defaults: config/bc/smartpay/common.properties and here;
 * docs/configuration.md lists every key.
 */
@Component("blSmartpayWebhookSettings")
public class SmartpayWebhookSettings extends SmartpayRuntimeSettings {

    public static final String PREFIX = "gateway.smartpay.webhook.";
    public static final String MAX_BODY_BYTES = PREFIX + "maxBodyBytes";
    public static final String READ_TIMEOUT_MILLIS = PREFIX + "readTimeoutMillis";
    public static final String TOLERANCE_SECONDS = PREFIX + "toleranceSeconds";
    public static final String SIGNING_SECRET = PREFIX + "signingSecret";
    public static final String URL = PREFIX + "url";
    public static final String REGISTER_ON_STARTUP = PREFIX + "registerOnStartup";
    public static final String ALLOWED_URLS = PREFIX + "allowedUrls";
    public static final String PATH = PREFIX + "path";
    public static final String MAX_ATTEMPTS = PREFIX + "maxAttempts";
    public static final String INITIAL_BACKOFF_MS = PREFIX + "initialBackoffMs";
    public static final String MAX_BACKOFF_MS = PREFIX + "maxBackoffMs";
    public static final String LEASE_MS = PREFIX + "leaseMs";
    public static final String SWEEP_ENABLED = PREFIX + "sweep.enabled";
    public static final String SWEEP_INTERVAL_MS = PREFIX + "sweep.intervalMs";
    public static final String COMPLETE_CHECKOUT = PREFIX + "completeCheckout";
    public static final String COMPLETE_CHECKOUT_AFTER_SECONDS = PREFIX + "completeCheckoutAfterSeconds";

    public static final int DEFAULT_MAX_BODY_BYTES = 262_144;
    public static final String DEFAULT_PATH = "/smartpay/webhook";

    /** Largest body accepted (bytes); more is answered 413 without being read further. At most 1 MB (the inbox column). */
    public int maxBodyBytes() {
        return (int) Math.min(SmartpayWebhookEvent.MAX_BODY_CHARS, Math.max(1024, longValue(MAX_BODY_BYTES, DEFAULT_MAX_BODY_BYTES)));
    }

    /**
     * How long a delivery may take to send its whole body (default 10 s, at least 100 ms); a slower client is answered
     * 408 and its connection closed, so it holds no thread, database connection or session meanwhile.
     */
    public long readTimeoutMillis() {
        return Math.max(100L, longValue(READ_TIMEOUT_MILLIS, 10_000L));
    }

    /** How far Smartpay-Signature-Timestamp may be from this server's clock (replay window); default 5 minutes. */
    public Duration tolerance() {
        return Duration.ofSeconds(Math.max(1, longValue(TOLERANCE_SECONDS, 300)));
    }

    /**
     * A signing secret set by hand (an endpoint registered in Smartpay's dashboard rather than by the module);
     * empty by default. Never logged.
     */
    public String configuredSigningSecret() {
        return string(SIGNING_SECRET, "");
    }

    /** The public URL Smartpay should call, for registration; empty = storefront base URL + {@link #path()}. */
    public String url() {
        return string(URL, "");
    }

    /**
     * Register the store's webhook URL at Smartpay when a node starts and no active endpoint of the key's mode has
     * that URL yet (default true; needs gateway.smartpay.storefrontBaseUrl or {@link #URL}).
     */
    public boolean registerOnStartup() {
        return bool(REGISTER_ON_STARTUP, true);
    }

    /**
     * More URLs the module may register as its webhook endpoint (comma-separated absolute URLs; default none): besides
     * {@link #url()} or the storefront's, e.g. a second public host name.
     */
    public List<String> allowedUrls() {
        List<String> urls = new ArrayList<>();
        for (String url : string(ALLOWED_URLS, "").split(",")) {
            if (!url.trim().isEmpty()) {
                urls.add(url.trim());
            }
        }
        return urls;
    }

    public String path() {
        return string(PATH, DEFAULT_PATH);
    }

    /** Processing attempts before an event becomes DEAD (the dead letter). */
    public int maxAttempts() {
        return (int) Math.max(1, longValue(MAX_ATTEMPTS, 8));
    }

    public long initialBackoffMs() {
        return Math.max(0, longValue(INITIAL_BACKOFF_MS, 30_000L));
    }

    public long maxBackoffMs() {
        return Math.max(initialBackoffMs(), longValue(MAX_BACKOFF_MS, 3_600_000L));
    }

    /** Delay before attempt {@code attempts + 1}: initial × 2^(attempts-1), capped. */
    public long backoffMs(int attempts) {
        long delay = initialBackoffMs();
        for (int i = 1; i < attempts && delay < maxBackoffMs(); i++) {
            delay *= 2;
        }
        return Math.min(delay, maxBackoffMs());
    }

    /** How long a node owns an event it is processing; a row leased longer belongs to a node that died. */
    public long leaseMs() {
        return Math.max(1_000L, longValue(LEASE_MS, 120_000L));
    }

    public boolean sweepEnabled() {
        return bool(SWEEP_ENABLED, true);
    }

    /** How often every node looks for events due (retries, events whose node died before processing). */
    public long sweepIntervalMs() {
        return Math.max(200L, longValue(SWEEP_INTERVAL_MS, 30_000L));
    }

    /** order.authorized completes the checkout of a shopper who approved but never came back (default true). */
    public boolean completeCheckout() {
        return bool(COMPLETE_CHECKOUT, true);
    }

    /**
     * How long after Smartpay's authorization the webhook waits before completing a checkout itself, leaving the
     * shopper's own return (normally seconds) to do it; default 60 s.
     */
    public long completeCheckoutAfterMs() {
        return Math.max(0, longValue(COMPLETE_CHECKOUT_AFTER_SECONDS, 60)) * 1000L;
    }
}
