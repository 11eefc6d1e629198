package org.bnplkit.smartpay.sandbox;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A fault the sandbox injects into the next {@link #times(int) N} requests that match a method and a
 * path regex (the path includes /v1; control paths under /__sandbox are never faulted). Immutable: each
 * builder method returns a new fault.
 * <pre>
 * sandbox.injectFault(SandboxFault.status(503).times(1).on("POST", "/v1/payments"));
 * SandboxFault.status(429).retryAfterSeconds(1);      // answered at once, nothing processed
 * SandboxFault.delay(Duration.ofSeconds(40));          // waits, then processes normally
 * SandboxFault.dropBeforeCommit();                     // connection closed, nothing processed
 * SandboxFault.dropAfterCommit();                      // processed and committed, then the connection is closed
 * </pre>
 */
public final class SandboxFault {

    /** What the fault does. */
    public enum Kind { STATUS, DELAY, DROP_BEFORE_COMMIT, DROP_AFTER_COMMIT }

    private final Kind kind;
    private final int httpStatus;
    private final Integer retryAfterSeconds;
    private final String errorCode;
    private final Duration delay;
    private final int times;
    private final String method;
    private final String pathRegex;
    private final Pattern pathPattern;

    private SandboxFault(Kind kind, int httpStatus, Integer retryAfterSeconds, String errorCode, Duration delay,
                         int times, String method, String pathRegex) {
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.retryAfterSeconds = retryAfterSeconds;
        this.errorCode = errorCode;
        this.delay = delay;
        this.times = times;
        this.method = method;
        this.pathRegex = pathRegex;
        this.pathPattern = Pattern.compile(pathRegex);
    }

    /** Answer with this HTTP status (Smartpay's error body shape) instead of processing the request. */
    public static SandboxFault status(int httpStatus) {
        if (httpStatus < 100 || httpStatus > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + httpStatus);
        }
        return new SandboxFault(Kind.STATUS, httpStatus, null, null, null, 1, "*", ".*");
    }

    /** Wait this long, then process the request normally (use it to outlast a client's read timeout). */
    public static SandboxFault delay(Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("a delay must be zero or positive");
        }
        return new SandboxFault(Kind.DELAY, 0, null, null, delay, 1, "*", ".*");
    }

    /** Close the connection without processing the request: the change does not happen. */
    public static SandboxFault dropBeforeCommit() {
        return new SandboxFault(Kind.DROP_BEFORE_COMMIT, 0, null, null, null, 1, "*", ".*");
    }

    /** Process and commit the request (idempotency record included), then close the connection unanswered. */
    public static SandboxFault dropAfterCommit() {
        return new SandboxFault(Kind.DROP_AFTER_COMMIT, 0, null, null, null, 1, "*", ".*");
    }

    /** How many matching requests get the fault (default 1). */
    public SandboxFault times(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        return new SandboxFault(kind, httpStatus, retryAfterSeconds, errorCode, delay, count, method, pathRegex);
    }

    /** Which requests: an HTTP method ("*" = any) and a regex the whole path must match (default: every request). */
    public SandboxFault on(String httpMethod, String pathRegex) {
        if (httpMethod == null || pathRegex == null) {
            throw new IllegalArgumentException("method and path regex are required (use \"*\" and \".*\" for any)");
        }
        return new SandboxFault(kind, httpStatus, retryAfterSeconds, errorCode, delay, times,
                httpMethod.toUpperCase(Locale.ROOT), pathRegex);
    }

    /** Adds a Retry-After header to a status fault. */
    public SandboxFault retryAfterSeconds(int seconds) {
        requireStatus("retryAfterSeconds");
        return new SandboxFault(kind, httpStatus, seconds, errorCode, delay, times, method, pathRegex);
    }

    /** The errorCode of a status fault's body (default chosen from the status, e.g. service.unavailable). */
    public SandboxFault errorCode(String code) {
        requireStatus("errorCode");
        return new SandboxFault(kind, httpStatus, retryAfterSeconds, code, delay, times, method, pathRegex);
    }

    private void requireStatus(String what) {
        if (kind != Kind.STATUS) {
            throw new IllegalStateException(what + " only applies to a status fault");
        }
    }

    public Kind kind() {
        return kind;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Duration delay() {
        return delay;
    }

    public int times() {
        return times;
    }

    public String method() {
        return method;
    }

    public String pathRegex() {
        return pathRegex;
    }

    /** The errorCode a status fault answers with. */
    public String errorCode() {
        if (errorCode != null) {
            return errorCode;
        }
        switch (httpStatus) {
            case 429:
                return "request.rate-limited";
            case 500:
                return "internal-error";
            case 502:
                return "bad-gateway";
            case 503:
                return "service.unavailable";
            case 504:
                return "gateway.timeout";
            default:
                return "sandbox.injected-fault";
        }
    }

    boolean matches(String requestMethod, String path) {
        return ("*".equals(method) || method.equals(requestMethod)) && pathPattern.matcher(path).matches();
    }

    ApiResponse response() {
        ApiResponse response = new ApiException(httpStatus, errorCode(),
                "Fault injected by the Smartpay sandbox (HTTP " + httpStatus + ")").toResponse();
        return retryAfterSeconds == null ? response : response.withHeader("Retry-After", String.valueOf(retryAfterSeconds));
    }

    @Override
    public String toString() {
        String what = kind == Kind.STATUS ? "status " + httpStatus : kind == Kind.DELAY ? "delay " + delay : kind.name();
        return "SandboxFault[" + what + " x" + times + " on " + method + " " + pathRegex + "]";
    }
}
