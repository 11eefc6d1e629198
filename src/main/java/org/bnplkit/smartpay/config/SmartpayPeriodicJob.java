package org.bnplkit.smartpay.config;

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

/**
 * A background job of the module on {@code blSmartpayTaskScheduler}: runs with a fixed delay that is re-read before
 * every run (so the interval and the on/off switch can change at runtime through system properties), skips runs while
 * switched off, and never lets a failed run stop the schedule.
 */
public abstract class SmartpayPeriodicJob implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(SmartpayPeriodicJob.class);

    @Resource(name = "blSmartpayTaskScheduler")
    protected TaskScheduler scheduler;

    private ScheduledFuture<?> schedule;

    /** Milliseconds from the end of one run to the start of the next. */
    protected abstract long intervalMs();

    protected abstract boolean enabled();

    /** What the job is, for log lines ("Smartpay retry worker"). */
    protected abstract String jobName();

    /** One run; the job's own {@code runOnce()} for tests and operators. */
    protected abstract void runScheduledPass();

    @PostConstruct
    public void start() {
        schedule = scheduler.schedule(this, new Trigger() {
            @Override
            public Date nextExecutionTime(TriggerContext context) {
                Date last = context.lastCompletionTime();
                long base = last == null ? System.currentTimeMillis() : last.getTime();
                return new Date(base + intervalMs());
            }
        });
    }

    @PreDestroy
    public void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    private volatile Date lastRunStartedAt;
    private volatile Date lastRunFinishedAt;
    private volatile boolean lastRunFailed;

    @Override
    public final void run() {
        if (!enabled()) {
            return;
        }
        lastRunStartedAt = new Date();
        boolean failed = true;
        try {
            runScheduledPass();
            failed = false;
        } catch (RuntimeException e) {
            LOG.warn("{} run failed; next run in {} ms", jobName(), intervalMs(), e);
        } finally {
            lastRunFailed = failed;
            lastRunFinishedAt = new Date();
        }
    }

    /** When this node last started a scheduled run (null: not since start-up); the admin's Health page shows it. */
    public Date lastRunStartedAt() {
        return lastRunStartedAt;
    }

    public Date lastRunFinishedAt() {
        return lastRunFinishedAt;
    }

    public boolean lastRunFailed() {
        return lastRunFailed;
    }

    /** Whether the job runs on this node (its setting). */
    public boolean isEnabled() {
        return enabled();
    }
}
