package org.bnplkit.smartpay.config;

import org.apache.commons.lang3.StringUtils;
import org.bnplkit.smartpay.client.CaptureMethod;
import org.bnplkit.smartpay.client.RetryPolicy;
import org.broadleafcommerce.common.config.service.SystemPropertiesService;
import org.springframework.stereotype.Component;

import javax.annotation.Resource;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The module's settings, {@code gateway.smartpay.*}, read on every call through Broadleaf's system
 * properties (the lookup {@code BLCSystemProperty} performs): the admin's System Properties table
 * first, then the property files ({@code config/bc/smartpay/common.properties} for defaults, the
 * store's {@code runtime-properties} for overrides). Changes in the admin therefore take effect
 * without a restart.
 *
 * <p>The secret key never leaves this class except through {@link #secretKey()}; nothing here logs it
 * or puts it into a message.
 */
@Component("blSmartpaySettings")
public class SmartpaySettings {

    public static final String PREFIX = "gateway.smartpay.";
    public static final String SECRET_KEY = PREFIX + "secretKey";
    public static final String PUBLIC_KEY = PREFIX + "publicKey";
    public static final String API_BASE_URL = PREFIX + "apiBaseUrl";
    public static final String CAPTURE_METHOD = PREFIX + "captureMethod";
    public static final String RETURN_PATH = PREFIX + "returnPath";
    public static final String CANCEL_PATH = PREFIX + "cancelPath";
    public static final String STOREFRONT_BASE_URL = PREFIX + "storefrontBaseUrl";
    public static final String LOCALE = PREFIX + "locale";
    public static final String CONNECT_TIMEOUT_MILLIS = PREFIX + "connectTimeoutMillis";
    public static final String READ_TIMEOUT_MILLIS = PREFIX + "readTimeoutMillis";
    public static final String MAX_CONNECTIONS = PREFIX + "maxConnections";
    public static final String RETRY_MAX_ATTEMPTS = PREFIX + "retry.maxAttempts";
    public static final String RETRY_INITIAL_BACKOFF_MILLIS = PREFIX + "retry.initialBackoffMillis";
    public static final String RETRY_MAX_BACKOFF_MILLIS = PREFIX + "retry.maxBackoffMillis";
    public static final String RETRY_MAX_ELAPSED_MILLIS = PREFIX + "retry.maxElapsedMillis";
    public static final String DASHBOARD_BASE_URL = PREFIX + "dashboardBaseUrl";
    public static final String FAILURE_REPORTING_THRESHOLD = PREFIX + "failureReportingThreshold";
    public static final String RETURN_WAIT_MILLIS = PREFIX + "returnWaitMillis";

    public static final String DEFAULT_API_BASE_URL = "https://api.smartpay.co/v1";
    public static final String DEFAULT_DASHBOARD_BASE_URL = "https://dashboard.smartpay.co";

    private static final Pattern SECRET_KEY_FORMAT = Pattern.compile("^sk_(test|live)_[0-9a-zA-Z]+$");

    @Resource(name = "blSystemPropertiesService")
    protected SystemPropertiesService systemProperties;

    public SmartpaySettings() {
    }

    /** For code that builds settings without a Spring context (e.g. unit tests of collaborators). */
    public SmartpaySettings(SystemPropertiesService systemProperties) {
        this.systemProperties = systemProperties;
    }

    /** The secret key, trimmed; "" when unset. Never log or display it. */
    public String secretKey() {
        return StringUtils.trimToEmpty(raw(SECRET_KEY));
    }

    public String publicKey() {
        return StringUtils.trimToEmpty(raw(PUBLIC_KEY));
    }

    public String apiBaseUrl() {
        return StringUtils.removeEnd(text(API_BASE_URL, DEFAULT_API_BASE_URL), "/");
    }

    /** "manual" (default) or "automatic", lower case. An unknown value makes {@link #configurationProblem()} report it. */
    public String captureMethodName() {
        return text(CAPTURE_METHOD, "manual").toLowerCase(Locale.ROOT);
    }

    public boolean isAutomaticCapture() {
        return "automatic".equals(captureMethodName());
    }

    /** MANUAL (default) or AUTOMATIC; an unknown value reads as MANUAL (and {@link #configurationProblem()} reports it). */
    public CaptureMethod captureMethod() {
        return isAutomaticCapture() ? CaptureMethod.AUTOMATIC : CaptureMethod.MANUAL;
    }

    public String returnPath() {
        return text(RETURN_PATH, "/smartpay/return");
    }

    public String cancelPath() {
        return text(CANCEL_PATH, "/smartpay/cancel");
    }

    /** e.g. "https://shop.example.jp" without a trailing slash, or null: take it from the shopper's request. */
    public String storefrontBaseUrl() {
        String value = StringUtils.trimToNull(raw(STOREFRONT_BASE_URL));
        return value == null ? null : StringUtils.removeEnd(value, "/");
    }

    /** "ja", "en", or null to let Smartpay choose. */
    public String locale() {
        String value = StringUtils.trimToNull(raw(LOCALE));
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(number(CONNECT_TIMEOUT_MILLIS, 10000));
    }

    public Duration readTimeout() {
        return Duration.ofMillis(number(READ_TIMEOUT_MILLIS, 30000));
    }

    public int maxConnections() {
        return (int) number(MAX_CONNECTIONS, 50);
    }

    public int retryMaxAttempts() {
        return (int) number(RETRY_MAX_ATTEMPTS, 4);
    }

    public Duration retryInitialBackoff() {
        return Duration.ofMillis(number(RETRY_INITIAL_BACKOFF_MILLIS, 200));
    }

    public Duration retryMaxBackoff() {
        return Duration.ofMillis(number(RETRY_MAX_BACKOFF_MILLIS, 5000));
    }

    public Duration retryMaxElapsed() {
        return Duration.ofMillis(number(RETRY_MAX_ELAPSED_MILLIS, 30000));
    }

    /** Retries of failed calls; the same Idempotency-Key is sent on every attempt. */
    public RetryPolicy retryPolicy() {
        return RetryPolicy.builder()
                .maxAttempts(retryMaxAttempts())
                .initialBackoff(retryInitialBackoff())
                .maxBackoff(retryMaxBackoff())
                .maxElapsed(retryMaxElapsed())
                .build();
    }

    public String dashboardBaseUrl() {
        return StringUtils.removeEnd(text(DASHBOARD_BASE_URL, DEFAULT_DASHBOARD_BASE_URL), "/");
    }

    /** How long a shopper's return waits for another completion of the same cart (the webhook's) to finish. */
    public long returnWaitMillis() {
        return number(RETURN_WAIT_MILLIS, 20000);
    }

    public int failureReportingThreshold() {
        return (int) number(FAILURE_REPORTING_THRESHOLD, 1);
    }

    public boolean isConfigured() {
        return configurationProblem() == null;
    }

    /**
     * What stops the gateway from working, in one sentence an operator can act on, or null when the
     * settings are usable. Names the property, never its secret value.
     */
    public String configurationProblem() {
        String key = secretKey();
        if (key.isEmpty()) {
            return SECRET_KEY + " is not set";
        }
        if (!SECRET_KEY_FORMAT.matcher(key).matches()) {
            if (key.startsWith("pk_")) {
                return SECRET_KEY + " holds a public key (pk_...); Smartpay's server API needs the secret key (sk_test_... or sk_live_...)";
            }
            return SECRET_KEY + " is not a Smartpay secret key (expected sk_test_... or sk_live_... followed by letters and digits)";
        }
        String baseUrl = apiBaseUrl();
        if (!isHttpUrl(baseUrl)) {
            return API_BASE_URL + " is not an http(s) URL: " + baseUrl;
        }
        String captureMethod = captureMethodName();
        if (!"manual".equals(captureMethod) && !"automatic".equals(captureMethod)) {
            return CAPTURE_METHOD + " must be manual or automatic, not " + captureMethod;
        }
        String locale = locale();
        if (locale != null && !"ja".equals(locale) && !"en".equals(locale)) {
            return LOCALE + " must be ja, en or empty, not " + locale;
        }
        String[] positive = {CONNECT_TIMEOUT_MILLIS, READ_TIMEOUT_MILLIS, MAX_CONNECTIONS, RETRY_MAX_ATTEMPTS,
                RETRY_INITIAL_BACKOFF_MILLIS, RETRY_MAX_BACKOFF_MILLIS, RETRY_MAX_ELAPSED_MILLIS};
        for (String name : positive) {
            String value = StringUtils.trimToNull(raw(name));
            if (value != null && !isPositiveLong(value)) {
                return name + " must be a positive whole number, not " + value;
            }
        }
        return null;
    }

    protected String raw(String name) {
        return systemProperties.resolveSystemProperty(name);
    }

    private String text(String name, String defaultValue) {
        String value = StringUtils.trimToNull(raw(name));
        return value == null ? defaultValue : value;
    }

    /** A malformed number falls back to the default here; {@link #configurationProblem()} reports it. */
    private long number(String name, long defaultValue) {
        String value = StringUtils.trimToNull(raw(name));
        return value != null && isPositiveLong(value) ? Long.parseLong(value) : defaultValue;
    }

    private static boolean isPositiveLong(String value) {
        try {
            return Long.parseLong(value) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
