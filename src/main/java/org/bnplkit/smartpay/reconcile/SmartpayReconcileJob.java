package org.bnplkit.smartpay.reconcile;

import java.util.Date;
import java.util.concurrent.ScheduledFuture;

import javax.annotation.PostConstruct;
import javax.annotation.PreDestroy;
import javax.annotation.Resource;

import org.bnplkit.smartpay.journal.JobLeases;
import org.bnplkit.smartpay.journal.SmartpayJobLease;
import org.bnplkit.smartpay.webhooks.SmartpayNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.TriggerContext;
import org.springframework.stereotype.Component;

/**
 * Schedules {@link SmartpayReconciler} every gateway.smartpay.reconcile.intervalMs (default 15 min; the first pass one
 * interval after start-up) on every node; the lease row {@code reconcile} in SMARTPAY_JOB_LEASE lets exactly one node
 * run each pass, and stays taken until the next interval so the other nodes skip it. gateway.smartpay.reconcile.enabled
 * =false turns it off at runtime. The last pass's time and counts are in SMARTPAY_JOB_LEASE (docs/operations.md).
 */
@Component("blSmartpayReconcileJob")
public class SmartpayReconcileJob implements Runnable {

    public static final String JOB = "reconcile";
    private static final Logger LOG = LoggerFactory.getLogger(SmartpayReconcileJob.class);
    /** A pass that runs longer than this is presumed dead (its node crashed); another node may take the job. */
    private static final long MAX_PASS_MS = 30 * 60_000L;

    @Resource(name = "blSmartpayReconciler")
    protected SmartpayReconciler reconciler;

    @Resource(name = "blSmartpayReconcileSettings")
    protected SmartpayReconcileSettings settings;

    @Resource(name = "blSmartpayJobLeases")
    protected JobLeases leases;

    @Resource(name = "blSmartpayWebhookNode")
    protected SmartpayNode node;

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
                return new Date(base + settings.intervalMs());
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
        if (!settings.enabled()) {
            return;
        }
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warn("Smartpay reconciliation pass failed; next pass in {} ms", settings.intervalMs(), e);
        }
    }

    /**
     * Runs a pass now if no node holds the job; returns the pass's report, or null when another node holds it. After
     * the pass the job stays taken until the next interval.
     */
    public SmartpayReconciler.ReconcileReport runOnce() {
        Date start = new Date();
        String me = node.id();
        if (!leases.tryClaim(JOB, me, start, new Date(start.getTime() + MAX_PASS_MS))) {
            SmartpayJobLease held = leases.find(JOB);
            LOG.debug("Smartpay reconciliation skipped: {}", held);
            return null;
        }
        SmartpayReconciler.ReconcileReport report = null;
        try {
            report = reconciler.reconcile(start);
            LOG.info("Smartpay reconciliation: {} ({} ms)", report, System.currentTimeMillis() - start.getTime());
            return report;
        } finally {
            long keep = Math.max(0, settings.intervalMs() - 1_000L);
            leases.finish(JOB, me, report == null ? "FAILED" : report.toString(), new Date(start.getTime() + keep));
        }
    }
}
