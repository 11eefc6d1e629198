package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UnsupportedEncodingException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one place that talks HTTP to Smartpay: auth header, Idempotency-Key (one per logical call, reused on
 * every retry), retries with backoff, error mapping, masked debug logging. Thread-safe.
 */
final class SmartpayTransport implements Closeable {

    /** Logger of every request line; name kept stable for operators: {@code org.bnplkit.smartpay.client.SmartpayClient}. */
    private static final Logger LOG = LoggerFactory.getLogger(SmartpayClient.class);
    static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

    private final CloseableHttpClient http;
    private final String baseUrl;
    private final String authorization;
    private final String maskedAuthorization;
    private final RetryPolicy retryPolicy;
    private final String sdkQuery;

    SmartpayTransport(String secretKey, String baseUrl, Duration connectTimeout, Duration readTimeout,
                      RetryPolicy retryPolicy, int maxConnections, String sdkQuery) {
        this.baseUrl = baseUrl;
        this.authorization = "Basic " + secretKey;
        this.maskedAuthorization = "Basic " + SecretKeys.mask(secretKey);
        this.retryPolicy = retryPolicy;
        this.sdkQuery = sdkQuery;
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setConnectionFactory(new NonLoggingConnectionFactory())
                .setMaxConnTotal(maxConnections)
                .setMaxConnPerRoute(maxConnections)
                .setDefaultSocketConfig(SocketConfig.custom()
                        .setTcpNoDelay(true)
                        .setSoTimeout(Timeout.of(readTimeout))
                        .build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(readTimeout))
                        // a pooled connection idle this long is checked before reuse (servers close idle keep-alives)
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(pool)
                .disableAutomaticRetries()      // retries are ours: same Idempotency-Key, bounded, logged
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                        .setResponseTimeout(Timeout.of(readTimeout))
                        .build())
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
    }

    /**
     * Sends one logical call, retrying per the policy.
     *
     * @param query        already-encoded query string without '?', or null
     * @param body         object to serialise as JSON, or null
     * @param responseType type of the 2xx body, or null to ignore it
     */
    <T> T execute(String method, String path, String query, Object body, RequestOptions options, JavaType responseType) {
        String url = baseUrl + path + buildQuery(query);
        byte[] json = body == null ? null : toJson(body);
        String idempotencyKey = "GET".equals(method) ? null
                : options != null && options.idempotencyKey() != null ? options.idempotencyKey() : UUID.randomUUID().toString();
        long started = System.nanoTime();
        int attempt = 0;
        while (true) {
            attempt++;
            SmartpayException failure;
            Duration retryAfter = null;
            if (LOG.isDebugEnabled()) {
                LOG.debug("Smartpay request {} {} attempt {}/{} Idempotency-Key={} Authorization={}", method, url, attempt,
                        retryPolicy.maxAttempts(), idempotencyKey == null ? "-" : idempotencyKey, maskedAuthorization);
            }
            long attemptStarted = System.nanoTime();
            try {
                RawResponse response = http.execute(newRequest(method, url, json, idempotencyKey), RawResponse::read);
                if (LOG.isDebugEnabled()) {
                    LOG.debug("Smartpay response {} {} -> {} in {} ms", method, path, response.status,
                            (System.nanoTime() - attemptStarted) / 1_000_000);
                }
                if (response.status >= 200 && response.status < 300) {
                    return parse(response, responseType, method, path);
                }
                retryAfter = parseRetryAfter(response.retryAfter);
                failure = ErrorResponses.toException(response.status, response.body, response.contentType, retryAfter);
            } catch (IOException e) {
                failure = connectionFailure(method, path, e, attempt);
            }
            if (!failure.isRetryable()) {
                throw failure;
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            Duration delay = retryPolicy.delayBeforeRetry(attempt, retryAfter, ThreadLocalRandom.current().nextDouble());
            if (!retryPolicy.allowsRetry(attempt, elapsed, delay)) {
                throw failure;
            }
            LOG.info("Smartpay {} {} failed ({}); retry {} of {} in {} ms with the same Idempotency-Key", method, path,
                    failure.getMessage(), attempt, retryPolicy.maxAttempts() - 1, delay.toMillis());
            sleep(delay, failure);
        }
    }

    private String buildQuery(String query) {
        boolean hasQuery = query != null && !query.isEmpty();
        boolean hasSdk = sdkQuery != null;
        if (!hasQuery && !hasSdk) {
            return "";
        }
        return "?" + (hasQuery ? query : "") + (hasQuery && hasSdk ? "&" : "") + (hasSdk ? sdkQuery : "");
    }

    private HttpUriRequestBase newRequest(String method, String url, byte[] json, String idempotencyKey) {
        HttpUriRequestBase request = new HttpUriRequestBase(method, URI.create(url));
        request.setHeader("Authorization", authorization);
        request.setHeader("Accept", "application/json");
        if (idempotencyKey != null) {
            request.setHeader(IDEMPOTENCY_KEY_HEADER, idempotencyKey);
        }
        if (json != null) {
            request.setEntity(new ByteArrayEntity(json, ContentType.APPLICATION_JSON));
        } else if (!"GET".equals(method) && !"DELETE".equals(method)) {
            request.setEntity(new ByteArrayEntity(new byte[0], null)); // explicit Content-Length: 0
        }
        return request;
    }

    private static byte[] toJson(Object body) {
        try {
            return SmartpayJson.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialise " + body.getClass().getSimpleName() + " to JSON", e);
        }
    }

    private static <T> T parse(RawResponse response, JavaType responseType, String method, String path) {
        if (responseType == null || response.body.length == 0) {
            return null;
        }
        try {
            return SmartpayJson.mapper().readValue(response.body, responseType);
        } catch (IOException e) {
            throw new SmartpayApiException(response.status, ErrorResponses.UNEXPECTED_ERROR,
                    "Could not read Smartpay's answer to " + method + " " + path + " as " + responseType.getRawClass().getSimpleName()
                            + " (" + e.getClass().getSimpleName() + ")", null, false, e);
        }
    }

    private static SmartpayConnectionException connectionFailure(String method, String path, IOException e, int attempt) {
        boolean interrupted = e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)
                && Thread.currentThread().isInterrupted();
        boolean retryable = !(interrupted
                || e instanceof UnknownHostException
                || e instanceof SSLHandshakeException
                || e instanceof SSLPeerUnverifiedException
                || e instanceof ClientProtocolException);
        String reason = e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getMessage() + " (" + e.getClass().getSimpleName() + ")";
        return new SmartpayConnectionException(method + " " + path + " got no usable answer on attempt " + attempt + ": "
                + SecretKeys.maskSecrets(reason), retryable, e);
    }

    private static void sleep(Duration delay, SmartpayException pending) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            SmartpayConnectionException interrupted = new SmartpayConnectionException(
                    "Interrupted while waiting to retry", false, e);
            interrupted.addSuppressed(pending);
            throw interrupted;
        }
    }

    /** {@code Retry-After}: delay-seconds or an HTTP date; null when absent or unreadable. */
    static Duration parseRetryAfter(String value) {
        if (value == null || value.trim().isEmpty()) {
            return null;
        }
        String trimmed = value.trim();
        try {
            long seconds = Long.parseLong(trimmed);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (RuntimeException notDate) {
                return null;
            }
        }
    }

    static String encodeQueryValue(String value) {
        try {
            return URLEncoder.encode(value, "UTF-8");
        } catch (UnsupportedEncodingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Percent-encodes one path segment (ids are base62, but nothing a caller passes may break the path). */
    static String encodePathSegment(String name, String value) {
        if (value == null || value.trim().isEmpty()) {
            throw new IllegalArgumentException(name + " is required");
        }
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    static String queryOf(Map<String, String> params) {
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, String> entry : params.entrySet()) {
            if (entry.getValue() == null) {
                continue;
            }
            if (query.length() > 0) {
                query.append('&');
            }
            query.append(encodeQueryValue(entry.getKey())).append('=').append(encodeQueryValue(entry.getValue()));
        }
        return query.toString();
    }

    @Override
    public void close() throws IOException {
        http.close();
    }

    /** What we keep of an answer: status, body bytes, and the two headers we read. */
    private static final class RawResponse {
        final int status;
        final byte[] body;
        final String contentType;
        final String retryAfter;

        private RawResponse(int status, byte[] body, String contentType, String retryAfter) {
            this.status = status;
            this.body = body;
            this.contentType = contentType;
            this.retryAfter = retryAfter;
        }

        static RawResponse read(ClassicHttpResponse response) throws IOException {
            HttpEntity entity = response.getEntity();
            byte[] body = entity == null ? new byte[0] : EntityUtils.toByteArray(entity);
            Header retryAfter = response.getFirstHeader("Retry-After");
            return new RawResponse(response.getCode(), body == null ? new byte[0] : body,
                    entity == null ? null : entity.getContentType(), retryAfter == null ? null : retryAfter.getValue());
        }
    }

    /** Trims trailing slashes; refuses anything but an http(s) URL without query or fragment. */
    static String normaliseBaseUrl(String baseUrl) {
        if (baseUrl == null || baseUrl.trim().isEmpty()) {
            throw new IllegalArgumentException("baseUrl is required");
        }
        String url = baseUrl.trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("baseUrl is not a URL: " + url);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("baseUrl must be an http(s) URL such as " + SmartpayClient.DEFAULT_BASE_URL + ": " + url);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("baseUrl must not have a query or fragment: " + url);
        }
        return url;
    }
}
