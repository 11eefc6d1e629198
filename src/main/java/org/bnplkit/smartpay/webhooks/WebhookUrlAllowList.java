package org.bnplkit.smartpay.webhooks;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Where the module may register its webhook endpoint and send its signed test delivery: the store's own URL
 * (gateway.smartpay.webhook.url, else the storefront base URL + the webhook path) or one of
 * gateway.smartpay.webhook.allowedUrls, compared as absolute URLs (scheme and host case-insensitively); https only,
 * except with a test key. Anything else is refused before Smartpay or the URL is contacted: an admin account (or a
 * forged admin request) cannot point the store's signed events at a server of its choosing.
 */
final class WebhookUrlAllowList {

    private final List<String> allowed;

    /** @param ownUrl the store's own webhook URL (may be null); @param extra more allowed URLs */
    WebhookUrlAllowList(String ownUrl, List<String> extra) {
        List<String> urls = new ArrayList<>();
        if (ownUrl != null) {
            urls.add(ownUrl);
        }
        urls.addAll(extra);
        List<String> normalized = new ArrayList<>();
        for (String url : urls) {
            String n = normalize(url);
            if (n != null) {
                normalized.add(n);
            }
        }
        this.allowed = Collections.unmodifiableList(normalized);
    }

    /** Why {@code url} may not receive the module's events, or null when it may. */
    String problem(String url, boolean testMode) {
        String normalized = normalize(url);
        if (normalized == null) {
            return "the webhook URL must be an absolute http(s) URL with a host, without user info or fragment";
        }
        if (!testMode && !normalized.startsWith("https://")) {
            return "the webhook URL must use https with a live key";
        }
        if (!allowed.contains(normalized)) {
            return "the webhook URL must be the store's own (" + SmartpayWebhookSettings.URL + ", else "
                    + "gateway.smartpay.storefrontBaseUrl + " + SmartpayWebhookSettings.PATH + ") or one of "
                    + SmartpayWebhookSettings.ALLOWED_URLS;
        }
        return null;
    }

    /** scheme://host[:port]/path?query with scheme and host in lower case; null when not a usable http(s) URL. */
    static String normalize(String url) {
        if (url == null || url.trim().isEmpty()) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!("https".equals(scheme) || "http".equals(scheme)) || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null) {
            return null;
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
