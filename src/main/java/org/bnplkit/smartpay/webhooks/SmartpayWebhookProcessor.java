package org.bnplkit.smartpay.webhooks;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.annotation.PreDestroy;
import javax.annotation.Resource;

import org.bnplkit.smartpay.client.webhook.WebhookEvent;
import org.bnplkit.smartpay.journal.NoticeKind;
import org.bnplkit.smartpay.journal.SmartpayNotices;
import org.bnplkit.smartpay.journal.SmartpayWebhookEvent;
import org.bnplkit.smartpay.journal.WebhookEventStatus;
import org.bnplkit.smartpay.journal.WebhookInbox;
import org.bnplkit.smartpay.webhooks.SmartpayWebhookHandlers.Handled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Works the webhook inbox: each event is processed once at a time, on one node, under a lease (a conditional
 * UPDATE of its row), by {@link SmartpayWebhookHandlers}. A failure (Smartpay unreachable, a database error) makes
 * the event RETRYING with exponential backoff; after gateway.smartpay.webhook.maxAttempts it is DEAD — the dead
 * letter — and a WEBHOOK_DEAD notice is raised. {@link #reprocess} puts any event back (admin, API).
 *
 * <p>Two ways in: the endpoint hands a new event to {@link #dispatch} (a small pool of daemon threads, so the
 * endpoint answers at once), and the sweeper ({@link SmartpayWebhookSweeper}) picks up whatever is due: retries,
 * and events whose node died or whose hand-off was refused because the pool was full.
 */
@Component("blSmartpayWebhookProcessor")
public class SmartpayWebhookProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(SmartpayWebhookProcessor.class);
    /** A RECEIVED event older than this was not picked up by the thread it was handed to: the sweeper takes it. */
    static final long HANDOFF_GRACE_MS = 10_000L;

    @Resource(name = "blSmartpayWebhookInbox")
    protected WebhookInbox inbox;

    @Resource(name = "blSmartpayWebhookHandlers")
    protected SmartpayWebhookHandlers handlers;

    @Resource(name = "blSmartpayWebhookSettings")
    protected SmartpayWebhookSettings settings;

    @Resource(name = "blSmartpayNotices")
    protected SmartpayNotices notices;

    @Resource(name = "blSmartpayWebhookNode")
    protected SmartpayNode node;

    private volatile Clock clock = Clock.systemUTC();
    private final ThreadPoolExecutor executor = newExecutor();

    /** Processes inbox row {@code id} soon, on the processor's own threads; never blocks the caller. */
    public void dispatch(final Long id) {
        try {
            executor.execute(() -> {
                try {
                    process(id);
                } catch (RuntimeException e) {
                    LOG.warn("Smartpay webhook row {} could not be processed now; the sweeper retries it: {}", id, e.toString());
                }
            });
        } catch (RejectedExecutionException full) {
            LOG.info("Smartpay webhook processing queue is full; row {} waits for the sweeper", id);
        }
    }

    /** Processes every event due now (at most {@code max}); returns how many were taken. Called by the sweeper. */
    public int processDue(int max) {
        Date now = now();
        int taken = 0;
        for (Long id : inbox.findDueIds(now, new Date(now.getTime() - HANDOFF_GRACE_MS), max)) {
            if (process(id) != null) {
                taken++;
            }
        }
        return taken;
    }

    /**
     * Puts event {@code eventId} back in the queue (whatever its status: a dead letter, an event processed before a
     * fix) and processes it now on the calling thread. Returns the row as it ends up, or null for an unknown id.
     */
    public SmartpayWebhookEvent reprocess(String eventId) {
        SmartpayWebhookEvent row = inbox.requeue(eventId, now());
        if (row == null) {
            return null;
        }
        LOG.info("Smartpay webhook {} ({}) queued again for processing", eventId, row.getEventType());
        SmartpayWebhookEvent processed = process(row.getId());
        return processed != null ? processed : inbox.find(eventId);
    }

    /**
     * Takes the row if it is due and nobody holds it, handles it, settles it. Returns the settled row, or null when
     * the row was not taken (not due, held by another node, already done).
     */
    public SmartpayWebhookEvent process(Long id) {
        final Date now = now();
        final String me = node.id();
        if (!inbox.claim(id, me, now, new Date(now.getTime() + settings.leaseMs()))) {
            return null;
        }
        SmartpayWebhookEvent row = inbox.findById(id);
        Handled handled;
        try {
            WebhookEvent event = WebhookEvent.parse(row.getBody().getBytes(StandardCharsets.UTF_8));
            String unusable = event == null ? "the body is not an event" : SmartpayWebhookHandlers.unusableReason(event);
            if (unusable != null) {
                return failed(row, me, "unusable event: " + unusable, true);
            }
            handled = handlers.handle(event, now);
        } catch (RuntimeException e) {
            return failed(row, me, e.getClass().getSimpleName() + ": " + e.getMessage(), false);
        }
        final Handled result = handled;
        SmartpayWebhookEvent settled = inbox.settle(id, me, r -> {
            Date done = now();
            r.setOutcome(result.outcome());
            r.setUpdatedAt(done);
            r.setLastError(null);
            if (result.kind() == Handled.Kind.POSTPONED) {
                r.setStatus(WebhookEventStatus.RETRYING);
                r.setNextAttemptAt(result.retryAt());
            } else {
                r.setStatus(result.kind() == Handled.Kind.IGNORED ? WebhookEventStatus.IGNORED : WebhookEventStatus.PROCESSED);
                r.setAttempts(r.getAttempts() + 1);
                r.setNextAttemptAt(null);
                r.setProcessedAt(done);
            }
        });
        if (settled != null && result.kind() != Handled.Kind.POSTPONED) {
            LOG.info("Smartpay webhook {} {} {}: {}", settled.getEventId(), settled.getEventType(), settled.getStatus(),
                    result.outcome());
        } else if (settled != null) {
            LOG.info("Smartpay webhook {} {} postponed until {}: {}", settled.getEventId(), settled.getEventType(),
                    result.retryAt(), result.outcome());
        }
        return settled;
    }

    /** One failed attempt: RETRYING with backoff, or DEAD after the last attempt or at once when {@code permanent}. */
    private SmartpayWebhookEvent failed(SmartpayWebhookEvent row, String me, final String error, boolean permanent) {
        final int maxAttempts = permanent ? 1 : settings.maxAttempts();
        SmartpayWebhookEvent settled = inbox.settle(row.getId(), me, r -> {
            Date done = now();
            int attempts = r.getAttempts() + 1;
            r.setAttempts(attempts);
            r.setLastError(error);
            r.setUpdatedAt(done);
            if (attempts >= maxAttempts) {
                r.setStatus(WebhookEventStatus.DEAD);
                r.setNextAttemptAt(null);
            } else {
                r.setStatus(WebhookEventStatus.RETRYING);
                r.setNextAttemptAt(new Date(done.getTime() + settings.backoffMs(attempts)));
            }
        });
        if (settled == null) {
            return null;
        }
        if (settled.getStatus() == WebhookEventStatus.DEAD) {
            LOG.error("Smartpay webhook {} {} is DEAD after {} attempt(s): {}", settled.getEventId(), settled.getEventType(),
                    settled.getAttempts(), error);
            notices.raise("webhook-dead:" + settled.getEventId(), NoticeKind.WEBHOOK_DEAD, null, settled.getSmartpayOrderId(),
                    "Smartpay webhook " + settled.getEventId() + " (" + settled.getEventType() + ") failed " + settled.getAttempts()
                            + " time(s): " + error + (permanent ? ". Retrying cannot help: ask Smartpay about this event."
                            : ". Fix the cause, then re-process it (docs/operations.md)."));
        } else {
            LOG.warn("Smartpay webhook {} {} failed (attempt {}), next attempt at {}: {}", settled.getEventId(),
                    settled.getEventType(), settled.getAttempts(), settled.getNextAttemptAt(), error);
        }
        return settled;
    }

    private Date now() {
        return new Date(clock.millis());
    }

    /** Tests move time (backoffs, the completion grace). */
    public void setClock(Clock clock) {
        this.clock = clock;
    }

    /** Waits until events handed to {@link #dispatch} so far are processed (tests, shutdown). */
    public boolean awaitIdle(long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            if (executor.getActiveCount() == 0 && executor.getQueue().isEmpty()) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    @PreDestroy
    public void shutdown() {
        executor.shutdown();
    }

    private static ThreadPoolExecutor newExecutor() {
        final AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<Runnable>(1000),
                r -> {
                    Thread t = new Thread(r, "smartpay-webhooks-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
