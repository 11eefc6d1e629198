package org.bnplkit.smartpay.webhooks;

import java.util.Date;
import java.util.concurrent.ScheduledFuture;

import javax.annotation.PostConstruct;
import javax.annotation.PreDestroy;
import javax.annotation.Resource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.TriggerContext;
import org.springframework.stereotype.Component;

/**
 * Every gateway.smartpay.webhook.sweep.intervalMs (default 30 s, re-read before each run), on every node: processes
 * the inbox events that are due — retries after their backoff, postponed events, and events whose hand-off was lost
 * (node restarted, queue full). The lease on each row keeps two nodes off the same event.
 * gateway.smartpay.webhook.sweep.enabled=false stops it (events then wait until it is switched on again).
 */
@Component("blSmartpayWebhookSweeper")
public class SmartpayWebhookSweeper implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(SmartpayWebhookSweeper.class);
    private static final int BATCH = 100;
    private static final int MAX_BATCHES_PER_RUN = 20;

    @Resource(name = "blSmartpayWebhookProcessor")
    protected SmartpayWebhookProcessor processor;

    @Resource(name = "blSmartpayWebhookSettings")
    protected SmartpayWebhookSettings settings;

    @Resource(name = "blSmartpayTaskScheduler")
    protected TaskScheduler scheduler;

    private ScheduledFuture<?> schedule;

    @PostConstruct
    public void start() {
        schedule = scheduler.schedule(this, new Trigger() {
            @Override
            public Date nextExecutionTime(TriggerContext context) {
                Date last = context.lastCompletionTime();
                long base = last == null ? System.currentTimeMillis() : last.getTime();
                return new Date(base + settings.sweepIntervalMs());
            }
        });
    }

    @PreDestroy
    public void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    @Override
    public void run() {
        if (!settings.sweepEnabled()) {
            return;
        }
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warn("Smartpay webhook sweep failed; next run in {} ms", settings.sweepIntervalMs(), e);
        }
    }

    /** One sweep: processes what is due now, in batches; returns how many events were taken. */
    public int runOnce() {
        int total = 0;
        for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
            int taken = processor.processDue(BATCH);
            total += taken;
            if (taken < BATCH) {
                break;
            }
        }
        if (total > 0) {
            LOG.info("Smartpay webhook sweep processed {} event(s)", total);
        }
        return total;
    }
}
