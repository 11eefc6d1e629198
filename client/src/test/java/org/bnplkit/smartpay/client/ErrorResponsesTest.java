package org.bnplkit.smartpay.client;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorResponsesTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void smartpayErrorBodyBecomesTypedException() {
        SmartpayApiException e = ErrorResponses.toException(409, bytes(Fixtures.text("error-409-cannot-capture.json")),
                "application/json", null);
        assertEquals(SmartpayApiException.class, e.getClass());
        assertEquals(409, e.httpStatus());
        assertEquals("order.cannot-capture", e.errorCode());
        assertEquals("409 order.cannot-capture: The order cannot be captured: it is canceled", e.getMessage());
        assertEquals("The order cannot be captured: it is canceled", e.smartpayMessage());
        assertEquals(2, e.details().size());
        assertEquals("status: canceled", e.details().get(0));
        assertEquals(Map.of("field", "order", "value", "order_test_RiYq2rthzRHrkKVGeucSwn"), e.details().get(1));
        assertFalse(e.isRetryable());
    }

    @Test
    void onlyTheIdempotencyKeyInUse409IsRetryable() {
        SmartpayApiException inUse = ErrorResponses.toException(409, bytes("{\"statusCode\":409,"
                + "\"errorCode\":\"idempotency-key.in-use\",\"message\":\"still running\"}"), "application/json", null);
        assertTrue(inUse.isRetryable());
        SmartpayApiException reused = ErrorResponses.toException(422, bytes("{\"statusCode\":422,"
                + "\"errorCode\":\"idempotency-key.reused\",\"message\":\"other request\"}"), "application/json", null);
        assertFalse(reused.isRetryable());
        SmartpayApiException excessive = ErrorResponses.toException(409, bytes("{\"statusCode\":409,"
                + "\"errorCode\":\"payment.excessive-amount\",\"message\":\"too much\"}"), "application/json", null);
        assertFalse(excessive.isRetryable());
        assertFalse(ErrorResponses.toException(409, bytes("not json"), "text/plain", null).isRetryable());
    }

    @Test
    void unauthorizedBodyWithoutErrorCode() {
        SmartpayApiException e = ErrorResponses.toException(401, bytes(Fixtures.text("error-401.json")), "application/json", null);
        SmartpayAuthenticationException auth = assertInstanceOf(SmartpayAuthenticationException.class, e);
        assertEquals(401, auth.httpStatus());
        assertNull(auth.errorCode());
        assertTrue(auth.getMessage().startsWith("401: Unauthorized"), auth.getMessage());
        assertTrue(auth.getMessage().contains("scheme basic"), auth.getMessage());
        assertFalse(auth.isRetryable());
    }

    @Test
    void nonJsonBodyBecomesUnexpectedErrorWithAMaskedShortSnippet() {
        SmartpayApiException e = ErrorResponses.toException(502, bytes(Fixtures.text("error-502.html")), "text/html", null);
        assertEquals("unexpected_error", e.errorCode());
        assertTrue(e.isRetryable(), "502 is retried");
        assertTrue(e.getMessage().contains("502 Bad Gateway"), e.getMessage());
        assertTrue(e.getMessage().contains("text/html"), e.getMessage());
        assertFalse(e.getMessage().contains("sk_live_AbC123xyz9"), e.getMessage());
        assertTrue(e.getMessage().contains("sk_live_****"), e.getMessage());

        String huge = "x".repeat(10_000);
        SmartpayApiException big = ErrorResponses.toException(500, bytes(huge), "text/plain", null);
        assertTrue(big.getMessage().length() < 400, "snippet is bounded");
        SmartpayApiException empty = ErrorResponses.toException(503, new byte[0], null, null);
        assertEquals("unexpected_error", empty.errorCode());
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
    }

    @Test
    void jsonArrayOrGarbageJsonIsAlsoUnexpected() {
        assertEquals("unexpected_error", ErrorResponses.toException(500, bytes("[1,2]"), "application/json", null).errorCode());
        assertEquals("unexpected_error", ErrorResponses.toException(500, bytes("{\"errorCode\":"), "application/json", null).errorCode());
    }

    @Test
    void rateLimitCarriesRetryAfter() {
        SmartpayApiException e = ErrorResponses.toException(429,
                bytes("{\"statusCode\":429,\"errorCode\":\"request.rate-limited\",\"message\":\"slow down\"}"), "application/json",
                Duration.ofSeconds(2));
        SmartpayRateLimitException limited = assertInstanceOf(SmartpayRateLimitException.class, e);
        assertEquals(Duration.ofSeconds(2), limited.retryAfter());
        assertTrue(limited.isRetryable());
    }

    @Test
    void retryableStatusesAreExactlyTheTransientOnes() {
        for (int status : new int[] {429, 500, 502, 503, 504}) {
            assertTrue(ErrorResponses.toException(status, bytes("{}"), "application/json", null).isRetryable(), "" + status);
        }
        for (int status : new int[] {400, 401, 403, 404, 409, 422, 501}) {
            assertFalse(ErrorResponses.toException(status, bytes("{}"), "application/json", null).isRetryable(), "" + status);
        }
    }

    @Test
    void messagesEchoingAKeyAreMasked() {
        SmartpayApiException e = ErrorResponses.toException(400,
                bytes("{\"errorCode\":\"request.invalid\",\"message\":\"bad header Basic sk_test_Ho1BrYTcg3gAX4vTKk1taz\",\"details\":[]}"),
                "application/json", null);
        assertFalse(e.getMessage().contains("Ho1BrYTcg3gAX4vTKk1taz"), e.getMessage());
        assertEquals(List.of(), e.details());
    }
}
