package org.bnplkit.smartpay.admin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import javax.annotation.Resource;

import org.bnplkit.smartpay.config.SmartpaySettings;
import org.bnplkit.smartpay.journal.JobLeases;
import org.bnplkit.smartpay.journal.OperationJournal;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.SmartpayJobLease;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.journal.SmartpayWebhookEndpoint;
import org.bnplkit.smartpay.journal.WebhookEndpoints;
import org.bnplkit.smartpay.journal.WebhookEventStatus;
import org.bnplkit.smartpay.journal.WebhookInbox;
import org.bnplkit.smartpay.reconcile.SmartpayOperationRetryWorker;
import org.bnplkit.smartpay.reconcile.SmartpayReconcileJob;
import org.bnplkit.smartpay.webhooks.SmartpayNode;

/**
 * The Smartpay section's Health page: whether the module is configured (and why not), the webhook endpoint and the
 * last verified delivery, the backlogs and their oldest items, and when the retry worker (this node) and the
 * reconciliation (whichever node held its lease) last ran. Reads only the database and this node's memory; Smartpay
 * itself is asked only by the page's "Test connection" action. Bean {@code blSmartpayHealth}.
 */
public class SmartpayHealth {

    private static final int BACKLOG_SCAN = 1_000;

    @Resource(name = "blSmartpaySettings")
    protected SmartpaySettings smartpaySettings;

    @Resource(name = "blSmartpayWebhookEndpoints")
    protected WebhookEndpoints endpoints;

    @Resource(name = "blSmartpayWebhookInbox")
    protected WebhookInbox inbox;

    @Resource(name = "blSmartpayOperationJournal")
    protected OperationJournal journal;

    @Resource(name = "blSmartpayJobLeases")
    protected JobLeases leases;

    @Resource(name = "blSmartpayOperationRetryWorker")
    protected SmartpayOperationRetryWorker retryWorker;

    @Resource(name = "blSmartpayWebhookNode")
    protected SmartpayNode node;

    /** One look at the module's health; every getter is ready for the template. */
    public static final class Report {
        String configProblem;
        String mode;
        String apiBaseUrl;
        final List<SmartpayWebhookEndpoint> endpoints = new ArrayList<SmartpayWebhookEndpoint>();
        Date lastDeliveryAt;
        Date lastProcessedAt;
        long webhooksWaiting;
        Date oldestWebhookWaiting;
        long deadLetters;
        long operationsWaiting;
        Date oldestOperationWaiting;
        boolean retryWorkerEnabled;
        Date retryWorkerLastRun;
        boolean retryWorkerLastRunFailed;
        SmartpayJobLease reconciliation;
        String node;

        public boolean isConfigured() { return configProblem == null; }
        /** Message key of why the module is not configured, or null. */
        public String getConfigProblem() { return configProblem; }
        /** test or live (from the secret key's prefix). */
        public String getMode() { return mode; }
        public String getApiBaseUrl() { return apiBaseUrl; }
        public List<SmartpayWebhookEndpoint> getEndpoints() { return endpoints; }
        public boolean isEndpointRegistered() { return !endpoints.isEmpty(); }
        /** When the last webhook whose signature verified arrived (only such deliveries are stored). */
        public Date getLastDeliveryAt() { return lastDeliveryAt; }
        public Date getLastProcessedAt() { return lastProcessedAt; }
        public long getWebhooksWaiting() { return webhooksWaiting; }
        public Date getOldestWebhookWaiting() { return oldestWebhookWaiting; }
        public long getDeadLetters() { return deadLetters; }
        public long getOperationsWaiting() { return operationsWaiting; }
        public Date getOldestOperationWaiting() { return oldestOperationWaiting; }
        public boolean isRetryWorkerEnabled() { return retryWorkerEnabled; }
        public Date getRetryWorkerLastRun() { return retryWorkerLastRun; }
        public boolean isRetryWorkerLastRunFailed() { return retryWorkerLastRunFailed; }
        public Date getReconcileStartedAt() { return reconciliation == null ? null : reconciliation.getLastStartedAt(); }
        public Date getReconcileFinishedAt() { return reconciliation == null ? null : reconciliation.getLastFinishedAt(); }
        public String getReconcileResult() { return reconciliation == null ? null : reconciliation.getLastResult(); }
        public String getReconcileNode() { return reconciliation == null ? null : reconciliation.getClaimedBy(); }
        /** This node's id (the retry worker's figures are this node's). */
        public String getNode() { return node; }
    }

    public Report report() {
        Report r = new Report();
        String key = smartpaySettings.secretKey();
        if (key.isEmpty()) {
            r.configProblem = "smartpay.health.config.noSecretKey";
        } else if (!key.startsWith("sk_test_") && !key.startsWith("sk_live_")) {
            r.configProblem = "smartpay.health.config.badSecretKey";
        } else {
            r.mode = key.startsWith("sk_live_") ? "live" : "test";
        }
        r.apiBaseUrl = smartpaySettings.apiBaseUrl();
        r.endpoints.addAll(endpoints.active());
        r.lastDeliveryAt = inbox.lastReceivedAt();
        r.lastProcessedAt = inbox.lastProcessedAt();
        r.webhooksWaiting = inbox.count(WebhookEventStatus.RECEIVED) + inbox.count(WebhookEventStatus.RETRYING);
        r.oldestWebhookWaiting = inbox.oldestOpenReceivedAt();
        r.deadLetters = inbox.count(WebhookEventStatus.DEAD);
        List<SmartpayOperation> waiting = journal.findByStatus(
                Arrays.asList(OperationStatus.PENDING, OperationStatus.RETRYING), BACKLOG_SCAN);
        r.operationsWaiting = waiting.size();
        for (SmartpayOperation row : waiting) {
            if (r.oldestOperationWaiting == null || row.getCreatedAt().before(r.oldestOperationWaiting)) {
                r.oldestOperationWaiting = row.getCreatedAt();
            }
        }
        r.retryWorkerEnabled = retryWorker.isEnabled();
        r.retryWorkerLastRun = retryWorker.lastRunFinishedAt();
        r.retryWorkerLastRunFailed = retryWorker.lastRunFailed();
        r.reconciliation = leases.find(SmartpayReconcileJob.JOB);
        r.node = node.id();
        return r;
    }
}
