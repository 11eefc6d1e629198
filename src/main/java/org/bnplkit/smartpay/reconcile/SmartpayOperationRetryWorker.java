package org.bnplkit.smartpay.reconcile;

import java.util.Date;
import java.util.concurrent.ScheduledFuture;

import javax.annotation.PostConstruct;
import javax.annotation.PreDestroy;
import javax.annotation.Resource;

import org.bnplkit.smartpay.operations.SmartpayOperationsSettings;
import org.bnplkit.smartpay.operations.SmartpayOrderOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.TriggerContext;
import org.springframework.stereotype.Component;

/**
 * Sends journal rows that are due: RETRYING rows whose backoff has passed, and PENDING rows whose node died
 * mid-operation (lease expired). Runs on every node; the claim in {@link SmartpayOrderOperations#sendDueOperations}
 * makes each row go out from one node only.
 *
 * <p>Scheduled on {@code blSmartpayTaskScheduler} (bl-smartpay-applicationContext.xml) with a fixed delay of
 * gateway.smartpay.worker.intervalMs (default 15 s), re-read before every run, so the interval and
 * gateway.smartpay.worker.enabled can be changed at runtime. A run drains what is due in batches of
 * gateway.smartpay.worker.batchSize.
 */
@Component("blSmartpayOperationRetryWorker")
public class SmartpayOperationRetryWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(SmartpayOperationRetryWorker.class);
    private static final int MAX_BATCHES_PER_RUN = 20;

    @Resource(name = "blSmartpayOrderOperations")
    protected SmartpayOrderOperations operations;

    @Resource(name = "blSmartpayOperationsSettings")
    protected SmartpayOperationsSettings settings;

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
                return new Date(base + settings.workerIntervalMs());
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
        if (!settings.workerEnabled()) {
            return;
        }
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warn("Smartpay retry worker run failed; next run in {} ms", settings.workerIntervalMs(), e);
        }
    }

    /** One pass: sends what is due now, in batches; returns how many rows were sent. */
    public int runOnce() {
        int total = 0;
        for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
            int sent = operations.sendDueOperations(settings.workerBatchSize());
            total += sent;
            if (sent < settings.workerBatchSize()) {
                break;
            }
        }
        if (total > 0) {
            LOG.info("Smartpay retry worker sent {} operation(s)", total);
        }
        return total;
    }
}
