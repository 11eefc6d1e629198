package org.bnplkit.smartpay.webhooks;

import java.util.Date;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.annotation.Resource;

import org.bnplkit.smartpay.config.SmartpayClientProvider;
import org.bnplkit.smartpay.journal.JobLeases;
import org.bnplkit.smartpay.journal.NoticeKind;
import org.bnplkit.smartpay.journal.SmartpayNotices;
import org.bnplkit.smartpay.journal.SmartpayWebhookEndpoint;
import org.bnplkit.smartpay.journal.WebhookEndpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeansException;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.stereotype.Component;

/**
 * Registers the store's webhook endpoint at Smartpay when a node starts, if it is not registered yet: until it is,
 * every delivery is refused (503), and a new store would not know why. One node of a cluster does it (a job lease),
 * on a thread of its own so that start-up never waits for Smartpay; the outcome is one log line.
 */
@Component("blSmartpayWebhookStartupRegistration")
public class SmartpayWebhookStartupRegistration implements ApplicationListener<ContextRefreshedEvent>, ApplicationContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(SmartpayWebhookStartupRegistration.class);
    static final String JOB = "webhook:register-on-startup";
    /** The one open notice while the endpoint is not registered. */
    public static final String NOTICE_KEY = "webhook:not-registered";
    private static final long LEASE_MS = 5 * 60_000L;

    /** What the start-up check concluded (tests and the log line). */
    public enum Outcome { DISABLED, NOT_CONFIGURED, NO_URL, ALREADY_REGISTERED, ANOTHER_NODE, REGISTERED, FAILED }

    @Resource(name = "blSmartpayWebhookRegistration")
    protected SmartpayWebhookRegistration registration;

    @Resource(name = "blSmartpayWebhookEndpoints")
    protected WebhookEndpoints endpoints;

    @Resource(name = "blSmartpayWebhookSettings")
    protected SmartpayWebhookSettings settings;

    @Resource(name = "blSmartpayClientProvider")
    protected SmartpayClientProvider clientProvider;

    @Resource(name = "blSmartpayJobLeases")
    protected JobLeases leases;

    @Resource(name = "blSmartpayNotices")
    protected SmartpayNotices notices;

    @Resource(name = "blSmartpayWebhookNode")
    protected SmartpayNode node;

    private ApplicationContext applicationContext;
    private final AtomicBoolean started = new AtomicBoolean();

    @Override
    public void setApplicationContext(ApplicationContext applicationContext) throws BeansException {
        this.applicationContext = applicationContext;
    }

    @Override
    public void onApplicationEvent(ContextRefreshedEvent event) {
        if (event.getApplicationContext() != applicationContext || !started.compareAndSet(false, true)) {
            return; // a child context (a servlet's) refreshing, or a second refresh
        }
        Thread worker = new Thread(() -> {
            try {
                registerIfMissing();
            } catch (RuntimeException e) {
                LOG.warn("Smartpay webhook endpoint: the start-up check failed: {}", e.toString());
            }
        }, "smartpay-webhook-registration");
        worker.setDaemon(true);
        worker.start();
    }

    /** Registers the store's webhook URL unless it is registered (or cannot be); says what it did in one log line. */
    public Outcome registerIfMissing() {
        if (!settings.registerOnStartup()) {
            return Outcome.DISABLED;
        }
        if (!clientProvider.isConfigured()) {
            return Outcome.NOT_CONFIGURED; // the provider already said why, at WARN
        }
        String url = registration.webhookUrl();
        if (url == null) {
            String problem = "The Smartpay webhook endpoint is not registered, and cannot be on start-up: set"
                    + " gateway.smartpay.storefrontBaseUrl (or " + SmartpayWebhookSettings.URL + "). Until it is"
                    + " registered Smartpay's deliveries are refused with 503 (docs/webhooks.md).";
            LOG.warn(problem);
            raiseOnce(problem);
            return Outcome.NO_URL;
        }
        String mode = clientProvider.client().mode().name().toLowerCase(Locale.ROOT);
        SmartpayWebhookEndpoint existing = registered(url, mode);
        if (existing != null) {
            LOG.info("Smartpay webhook endpoint {} is registered for {} ({} mode)", existing.getEndpointId(), url, mode);
            notices.resolve(NOTICE_KEY);
            return Outcome.ALREADY_REGISTERED;
        }
        Date now = new Date();
        if (!leases.tryClaim(JOB, node.id(), now, new Date(now.getTime() + LEASE_MS))) {
            return Outcome.ANOTHER_NODE;
        }
        try {
            if (registered(url, mode) != null) {
                return Outcome.ALREADY_REGISTERED; // the node that held the lease before us did it
            }
            SmartpayWebhookRegistration.Registered done = registration.register(url);
            LOG.info("Smartpay webhook endpoint {} registered on start-up for {} ({} mode); turn this off with {}=false",
                    done.endpointId(), done.url(), done.mode(), SmartpayWebhookSettings.REGISTER_ON_STARTUP);
            notices.resolve(NOTICE_KEY);
            return Outcome.REGISTERED;
        } catch (RuntimeException e) {
            String problem = "The Smartpay webhook endpoint for " + url + " could not be registered on start-up: "
                    + e.getMessage() + ". Smartpay's deliveries are refused with 503 until it is: register it from the"
                    + " admin (docs/webhooks.md).";
            LOG.warn(problem);
            raiseOnce(problem);
            return Outcome.FAILED;
        } finally {
            leases.release(JOB);
        }
    }

    private void raiseOnce(String problem) {
        try {
            notices.raise(NOTICE_KEY, NoticeKind.WEBHOOK_NOT_REGISTERED, null, null, problem);
        } catch (RuntimeException e) {
            LOG.warn("Smartpay notice {} could not be written: {}", NOTICE_KEY, e.toString());
        }
    }

    private SmartpayWebhookEndpoint registered(String url, String mode) {
        String wanted = WebhookUrlAllowList.normalize(url);
        for (SmartpayWebhookEndpoint e : endpoints.active()) {
            if (mode.equals(e.getMode()) && wanted != null && wanted.equals(WebhookUrlAllowList.normalize(e.getUrl()))) {
                return e;
            }
        }
        return null;
    }
}
