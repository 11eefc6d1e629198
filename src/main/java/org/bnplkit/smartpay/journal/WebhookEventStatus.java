package org.bnplkit.smartpay.journal;

/**
 * Life of one received webhook event (a row of SMARTPAY_WEBHOOK_EVENT).
 *
 * <pre>
 * RECEIVED --handled--------------> PROCESSED   (what was done is in OUTCOME)
 * RECEIVED --not for this module--> IGNORED     (an event type the module does not handle, a connection test)
 * RECEIVED --failed (Smartpay down, database, order locked)--> RETRYING --(sweeper, backoff)--> PROCESSED | RETRYING | DEAD
 * RETRYING --max attempts---------> DEAD        (the dead letter: an operator reads LAST_ERROR and re-processes)
 * </pre>
 * Re-processing (admin, API) puts any row back to RETRYING, due now.
 */
public enum WebhookEventStatus {
    RECEIVED, PROCESSED, IGNORED, RETRYING, DEAD;

    /** Rows the processor may still take. */
    public boolean isOpen() {
        return this == RECEIVED || this == RETRYING;
    }
}
