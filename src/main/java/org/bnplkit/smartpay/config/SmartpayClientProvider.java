package org.bnplkit.smartpay.config;

import org.bnplkit.smartpay.client.RetryPolicy;
import org.bnplkit.smartpay.client.SmartpayClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.stereotype.Component;

import javax.annotation.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one {@link SmartpayClient} of the application, built from {@link SmartpaySettings} and rebuilt when
 * they change (an admin editing a System Property takes effect on the next call).
 *
 * <p>Missing or malformed settings never stop the store: at start-up one log line says what is wrong
 * (never the key itself), {@link #isConfigured()} is false, the gateway reports itself unavailable and
 * {@link #client()} throws {@link SmartpayNotConfiguredException}.
 */
@Component("blSmartpayClientProvider")
public class SmartpayClientProvider implements ApplicationListener<ContextRefreshedEvent>, ApplicationContextAware,
        DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(SmartpayClientProvider.class);

    @Resource(name = "blSmartpaySettings")
    protected SmartpaySettings settings;

    private ApplicationContext applicationContext;
    private final AtomicBoolean startupReported = new AtomicBoolean();
    private final Object lock = new Object();
    private ClientSettings current;
    private SmartpayClient client;
    /** Superseded clients may still serve in-flight calls; they are closed at shutdown. */
    private final List<SmartpayClient> superseded = new ArrayList<SmartpayClient>();

    public SmartpayClientProvider() {
    }

    public SmartpayClientProvider(SmartpaySettings settings) {
        this.settings = settings;
    }

    /**
     * The client for the current settings.
     *
     * @throws SmartpayNotConfiguredException when the settings cannot be used
     */
    public SmartpayClient client() {
        String problem = settings.configurationProblem();
        if (problem != null) {
            throw new SmartpayNotConfiguredException(problem);
        }
        ClientSettings wanted = ClientSettings.of(settings);
        synchronized (lock) {
            if (client == null || !wanted.equals(current)) {
                SmartpayClient built = build(wanted);
                if (client != null) {
                    superseded.add(client);
                    LOG.info("Smartpay settings changed; new client for {} in {} mode", wanted.baseUrl, built.mode());
                }
                client = built;
                current = wanted;
            }
            return client;
        }
    }

    public boolean isConfigured() {
        return settings.isConfigured();
    }

    /** Null when configured; otherwise what is wrong, naming the property (no secret). */
    public String configurationProblem() {
        return settings.configurationProblem();
    }

    public SmartpaySettings settings() {
        return settings;
    }

    @Override
    public void setApplicationContext(ApplicationContext applicationContext) {
        this.applicationContext = applicationContext;
    }

    /** One line at start-up (child contexts' refreshes are ignored). */
    @Override
    public void onApplicationEvent(ContextRefreshedEvent event) {
        if (event.getApplicationContext() != applicationContext || !startupReported.compareAndSet(false, true)) {
            return;
        }
        try {
            String problem = settings.configurationProblem();
            if (problem != null) {
                LOG.warn("Smartpay is unavailable: {}. The store keeps running; Smartpay is not offered at checkout"
                        + " until this is fixed (see docs/configuration.md).", problem);
            } else {
                LOG.info("Smartpay is configured: {} mode, API {}, capture {}",
                        settings.secretKey().startsWith("sk_live_") ? "live" : "test",
                        settings.apiBaseUrl(), settings.captureMethodName());
            }
        } catch (RuntimeException e) {
            LOG.warn("Smartpay settings could not be read at start-up: {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        synchronized (lock) {
            for (SmartpayClient old : superseded) {
                old.close();
            }
            superseded.clear();
            if (client != null) {
                client.close();
                client = null;
            }
        }
    }

    private static SmartpayClient build(ClientSettings s) {
        try {
            return SmartpayClient.builder()
                    .secretKey(s.secretKey)
                    .baseUrl(s.baseUrl)
                    .connectTimeout(s.connectTimeout)
                    .readTimeout(s.readTimeout)
                    .retryPolicy(RetryPolicy.builder()
                            .maxAttempts(s.maxAttempts)
                            .initialBackoff(s.initialBackoff)
                            .maxBackoff(s.maxBackoff)
                            .maxElapsed(s.maxElapsed)
                            .build())
                    .maxConnections(s.maxConnections)
                    .build();
        } catch (IllegalArgumentException e) {
            // the client names the problem, never the key
            throw new SmartpayNotConfiguredException(e.getMessage());
        }
    }

    /** What the client is built from; compared to notice changes. Holds the key: no toString. */
    private static final class ClientSettings {
        final String secretKey;
        final String baseUrl;
        final Duration connectTimeout;
        final Duration readTimeout;
        final int maxAttempts;
        final Duration initialBackoff;
        final Duration maxBackoff;
        final Duration maxElapsed;
        final int maxConnections;

        private ClientSettings(SmartpaySettings s) {
            secretKey = s.secretKey();
            baseUrl = s.apiBaseUrl();
            connectTimeout = s.connectTimeout();
            readTimeout = s.readTimeout();
            maxAttempts = s.retryMaxAttempts();
            initialBackoff = s.retryInitialBackoff();
            maxBackoff = s.retryMaxBackoff();
            maxElapsed = s.retryMaxElapsed();
            maxConnections = s.maxConnections();
        }

        static ClientSettings of(SmartpaySettings settings) {
            return new ClientSettings(settings);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof ClientSettings)) {
                return false;
            }
            ClientSettings other = (ClientSettings) o;
            return secretKey.equals(other.secretKey) && baseUrl.equals(other.baseUrl)
                    && connectTimeout.equals(other.connectTimeout) && readTimeout.equals(other.readTimeout)
                    && maxAttempts == other.maxAttempts && initialBackoff.equals(other.initialBackoff)
                    && maxBackoff.equals(other.maxBackoff) && maxElapsed.equals(other.maxElapsed)
                    && maxConnections == other.maxConnections;
        }

        @Override
        public int hashCode() {
            return Objects.hash(baseUrl, connectTimeout, readTimeout, maxAttempts, maxConnections);
        }

        @Override
        public String toString() {
            return "ClientSettings{baseUrl=" + baseUrl + ", secretKey=****}";
        }
    }
}
