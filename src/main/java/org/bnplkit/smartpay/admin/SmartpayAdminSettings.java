package org.bnplkit.smartpay.admin;

import java.time.Duration;

import org.bnplkit.smartpay.config.SmartpayRuntimeSettings;

/**
 * gateway.smartpay.admin.* settings, read on every use (the admin's System Properties screen changes them at runtime).
 * Bean {@code blSmartpayAdminSettings}; docs/configuration.md lists every key.
 */
public class SmartpayAdminSettings extends SmartpayRuntimeSettings {

    public static final String PREFIX = "gateway.smartpay.admin.";
    public static final String REQUEST_ID_SECRET = PREFIX + "requestIdSecret";
    public static final String REQUEST_ID_TTL_MINUTES = PREFIX + "requestIdTtlMinutes";
    public static final String ANSWER_WITHIN_MILLIS = PREFIX + "answerWithinMillis";
    public static final String THREADS = PREFIX + "threads";
    public static final String RETRYING_NEEDS_ATTENTION_MINUTES = PREFIX + "attention.retryingMinutes";

    /**
     * The secret that signs the request ids of the admin's forms, the same on every node; empty (default): derived
     * from gateway.smartpay.secretKey. Never logged.
     */
    public String requestIdSecret() {
        return string(REQUEST_ID_SECRET, "");
    }

    /** How long a form's request id is accepted after the form was opened (default 8 hours). */
    public Duration requestIdTtl() {
        return Duration.ofMinutes(Math.max(1, longValue(REQUEST_ID_TTL_MINUTES, 480)));
    }

    /**
     * How long an admin request waits for Smartpay (default 3 s) before answering with what the journal holds; the
     * call goes on in the background and the panel shows its result when it settles.
     */
    public long answerWithinMillis() {
        return Math.max(100L, longValue(ANSWER_WITHIN_MILLIS, 3_000L));
    }

    /** Threads for the admin's Smartpay calls on this node (default 8); beyond them an action is refused as busy. */
    public int threads() {
        return Math.max(1, integer(THREADS, 8));
    }

    /**
     * How long an operation may stay RETRYING before the Smartpay section lists it under Needs attention (default 60
     * minutes); FAILED and DEAD rows are listed at once.
     */
    public long retryingNeedsAttentionMillis() {
        return Math.max(0L, longValue(RETRYING_NEEDS_ATTENTION_MINUTES, 60L)) * 60_000L;
    }
}
