package org.bnplkit.smartpay.demo;

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
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-like HTTP session against the demo (admin or storefront): cookies kept, redirects not followed (tests
 * look at them), the CSRF token read from the last page that carried one.
 */
public final class AdminHttpSession {

    private static final Pattern CSRF_INPUT = Pattern.compile("name=\"csrfToken\"\\s+value=\"([^\"]+)\"");

    private final String adminUrl;
    private final HttpClient http;
    private String csrfToken;

    public AdminHttpSession(String adminUrl) {
        this.adminUrl = adminUrl;
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** Logs in through the real form (GET /login for the token, POST /login_admin_post); returns the POST's answer. */
    public HttpResponse<String> login(String user, String password) {
        HttpResponse<String> page = get("/login");
        if (page.statusCode() != 200) {
            throw new IllegalStateException("GET /login answered " + page.statusCode());
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("j_username", user);
        form.put("j_password", password);
        form.put("csrfToken", csrfToken());
        return post("/login_admin_post", form);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    /** A GET that gives up after {@code timeout} (UncheckedIOException). */
    public HttpResponse<String> get(String path, Duration timeout) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(timeout).GET().build());
    }

    /** POSTs the form as is (add "csrfToken" yourself, or use {@link #postWithCsrf}). */
    public HttpResponse<String> post(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    public HttpResponse<String> postWithCsrf(String path, Map<String, String> form) {
        Map<String, String> withToken = new LinkedHashMap<>(form);
        withToken.put("csrfToken", csrfToken());
        return post(path, withToken);
    }

    /** The token of the last page that had a csrfToken input. */
    public String csrfToken() {
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
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A path below the base URL, or an absolute URL (another server: the sandbox's hosted page). */
    private URI uri(String path) {
        return URI.create(path.startsWith("http://") || path.startsWith("https://") ? path : adminUrl + path);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
