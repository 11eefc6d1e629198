package org.bnplkit.smartpay.demo62;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A browser-like HTTP session against the DemoSite (storefront or admin) on localhost: cookies kept, redirects not
 * followed (callers look at them), the CSRF token of the last page that carried one. The DemoSite serves HTTPS with
 * its own expired self-signed certificate, which this session (a test's, on loopback only) accepts.
 */
final class DemoSiteSession {

    private static final Pattern CSRF_INPUT = Pattern.compile("name=\"csrfToken\"(?:\\s+type=\"hidden\")?\\s+value=\"([^\"]+)\"");
    /** Broadleaf 6's admin forms also carry the page's state version (a form from a stale page gets 409). */
    private static final Pattern STATE_VERSION_INPUT = Pattern.compile("name=\"stateVersionToken\"(?:\\s+type=\"hidden\")?\\s+value=\"([^\"]+)\"");

    private final String baseUrl;
    private final HttpClient http;
    private String csrfToken;
    private String stateVersionToken;

    DemoSiteSession(String baseUrl) {
        if (!URI.create(baseUrl).getHost().equals("localhost")) {
            throw new IllegalArgumentException("the DemoSite session trusts any certificate, so it talks to localhost only");
        }
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder()
                .sslContext(trustingLoopbackCertificate())
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMinutes(2)).GET().build());
    }

    /** GETs and follows redirects (same session), returning the last answer. */
    HttpResponse<String> follow(String path) {
        HttpResponse<String> response = get(path);
        for (int hops = 0; hops < 10 && response.statusCode() / 100 == 3; hops++) {
            response = get(response.headers().firstValue("Location").orElseThrow());
        }
        return response;
    }

    HttpResponse<String> post(String path, Map<String, String> form, String... headers) {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    HttpResponse<String> postWithCsrf(String path, Map<String, String> form, String... headers) {
        Map<String, String> withToken = new LinkedHashMap<>(form);
        withToken.put("csrfToken", csrfToken());
        if (stateVersionToken != null) {
            withToken.put("stateVersionToken", stateVersionToken);
        }
        return post(path, withToken, headers);
    }

    String csrfToken() {
        if (csrfToken == null) {
            throw new IllegalStateException("no page with a csrfToken seen yet");
        }
        return csrfToken;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Matcher m = CSRF_INPUT.matcher(response.body());
            if (m.find()) {
                csrfToken = m.group(1);
            }
            Matcher state = STATE_VERSION_INPUT.matcher(response.body());
            if (state.find()) {
                stateVersionToken = state.group(1);
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create(path.startsWith("http://") || path.startsWith("https://") ? path : baseUrl + path);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static SSLContext trustingLoopbackCertificate() {
        TrustManager acceptAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {acceptAll}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
