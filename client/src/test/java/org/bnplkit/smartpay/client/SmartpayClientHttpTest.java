package org.bnplkit.smartpay.client;

import org.bnplkit.smartpay.client.ScriptedHttpServer.Recorded;
import org.bnplkit.smartpay.client.ScriptedHttpServer.Step;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client over real HTTP against a scripted loopback server: headers, idempotency keys, retries,
 * timeouts, dropped connections, pagination. (The sandbox ITs cover Smartpay's behaviour.)
 */
class SmartpayClientHttpTest {

    private static final String KEY = "sk_test_Ho1BrYTcg3gAX4vTKk1taz";
    private static final String PAYMENT = "{\"id\":\"payment_test_1\",\"object\":\"payment\",\"amount\":150,\"currency\":\"JPY\","
            + "\"order\":\"order_test_1\",\"status\":\"processed\",\"test\":true}";
    private static final String ORDER = "{\"id\":\"order_test_1\",\"object\":\"order\",\"amount\":350,\"currency\":\"JPY\","
            + "\"status\":\"canceled\",\"test\":true}";

    private ScriptedHttpServer server;
    private SmartpayClient client;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedHttpServer();
        client = clientWith(RetryPolicy.builder().maxAttempts(4).initialBackoff(Duration.ofMillis(5))
                .maxBackoff(Duration.ofMillis(20)).maxElapsed(Duration.ofSeconds(10)).build(), Duration.ofSeconds(5));
    }

    private SmartpayClient clientWith(RetryPolicy policy, Duration readTimeout) {
        return SmartpayClient.builder().secretKey(KEY).baseUrl(server.baseUrl()).retryPolicy(policy)
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(readTimeout).build();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    private static PaymentCreateParams capture() {
        return PaymentCreateParams.builder().order("order_test_1").amount(150).cancelRemainder(CancelRemainder.MANUAL).build();
    }

    @Test
    void sendsRawBasicKeyJsonHeadersAndSdkQuery() {
        server.then(Step.json(200, PAYMENT));
        Payment payment = client.createPayment(capture(), RequestOptions.idempotencyKey("capture:fg:42"));
        assertEquals("payment_test_1", payment.id());
        Recorded request = server.requests().get(0);
        assertEquals("POST", request.method);
        assertEquals("/v1/payments", request.path());
        assertEquals("Basic " + KEY, request.header("Authorization"), "raw key, no base64");
        assertEquals("application/json", request.header("Accept"));
        assertTrue(request.header("Content-Type").startsWith("application/json"));
        assertEquals("capture:fg:42", request.header("Idempotency-Key"));
        assertEquals("dev-lang=java&sdk-version=" + SmartpayClient.VERSION, request.query());
        assertTrue(request.body.contains("\"cancelRemainder\":\"manual\""), request.body);
    }

    @Test
    void everyWritingMethodCarriesAnIdempotencyKeyAndGetsDoNot() {
        server.then(Step.json(200, ORDER))                       // PUT cancellation
                .then(Step.json(200, PAYMENT))                  // PATCH payment
                .then(Step.empty(204))                           // DELETE endpoint
                .then(Step.json(200, ORDER))                     // GET order
                .then(Step.json(200, PAYMENT))                  // POST without options
                .then(Step.json(200, PAYMENT));                 // POST without options again
        client.cancelOrder("order_test_1", null);
        client.updatePayment("payment_test_1", ObjectUpdateParams.builder().reference("r").build(), null);
        client.deleteWebhookEndpoint("webhookendpoint_test_1", RequestOptions.idempotencyKey("delete-hook-1"));
        client.getOrder("order_test_1", Expand.ALL);
        client.createPayment(capture(), null);
        client.createPayment(capture(), null);
        List<Recorded> requests = server.requests();
        assertEquals("PUT", requests.get(0).method);
        assertEquals("/v1/orders/order_test_1/cancellation", requests.get(0).path());
        assertEquals("0", requests.get(0).header("Content-Length"));
        assertNotNull(requests.get(0).header("Idempotency-Key"));
        assertEquals("PATCH", requests.get(1).method);
        assertNotNull(requests.get(1).header("Idempotency-Key"));
        assertEquals("DELETE", requests.get(2).method);
        assertEquals("delete-hook-1", requests.get(2).header("Idempotency-Key"));
        assertEquals("GET", requests.get(3).method);
        assertNull(requests.get(3).header("Idempotency-Key"));
        assertTrue(requests.get(3).query().startsWith("expand=all&"), requests.get(3).query());
        assertFalse(requests.get(4).header("Idempotency-Key").equals(requests.get(5).header("Idempotency-Key")),
                "two logical calls get two generated keys");
    }

    @Test
    void retriesA503WithTheSameKey() {
        server.then(Step.json(503, "{\"statusCode\":503,\"errorCode\":\"unavailable\",\"message\":\"try later\"}"))
                .then(Step.text(502, "text/html", "<html>bad gateway</html>"))
                .then(Step.json(200, PAYMENT));
        Payment payment = client.createPayment(capture(), null);
        assertEquals(150L, payment.amount());
        List<Recorded> requests = server.requests();
        assertEquals(3, requests.size());
        String key = requests.get(0).header("Idempotency-Key");
        assertNotNull(key);
        for (Recorded request : requests) {
            assertEquals(key, request.header("Idempotency-Key"), "same key on every retry");
            assertEquals(requests.get(0).body, request.body);
        }
    }

    @Test
    void honoursRetryAfterOn429() {
        client.close();
        client = clientWith(RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(1))
                .maxBackoff(Duration.ofSeconds(5)).maxElapsed(Duration.ofSeconds(10)).build(), Duration.ofSeconds(5));
        server.then(Step.json(429, "{\"statusCode\":429,\"errorCode\":\"rate-limited\",\"message\":\"slow\"}").header("Retry-After", "1"))
                .then(Step.json(200, PAYMENT));
        long started = System.nanoTime();
        client.createPayment(capture(), null);
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(waitedMillis >= 950, "waited " + waitedMillis + " ms for Retry-After: 1");
        assertEquals(2, server.requests().size());
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastError() {
        server.always(Step.json(503, "{\"statusCode\":503,\"errorCode\":\"unavailable\",\"message\":\"down\"}"));
        SmartpayApiException e = assertThrows(SmartpayApiException.class, () -> client.createPayment(capture(), null));
        assertEquals(503, e.httpStatus());
        assertTrue(e.isRetryable(), "the caller may still retry later");
        assertEquals(4, server.requests().size());
    }

    @Test
    void stopsWhenTheElapsedBudgetIsSpent() {
        client.close();
        client = clientWith(RetryPolicy.builder().maxAttempts(10).initialBackoff(Duration.ofMillis(300))
                .maxBackoff(Duration.ofMillis(300)).maxElapsed(Duration.ofMillis(200)).build(), Duration.ofSeconds(5));
        server.always(Step.json(503, "{}").header("Retry-After", "1"));
        assertThrows(SmartpayApiException.class, () -> client.getOrder("order_test_1", null));
        assertEquals(1, server.requests().size(), "a 300 ms wait does not fit a 200 ms budget");
    }

    @Test
    void retriesA409KeyInUseWithTheSameKeyAndBackoff() {
        client.close();
        client = clientWith(RetryPolicy.builder().maxAttempts(4).initialBackoff(Duration.ofMillis(200))
                .maxBackoff(Duration.ofMillis(200)).maxElapsed(Duration.ofSeconds(10)).build(), Duration.ofSeconds(5));
        String inUse = "{\"statusCode\":409,\"errorCode\":\"idempotency-key.in-use\",\"message\":\"still running\"}";
        server.then(Step.json(409, inUse)).then(Step.json(409, inUse)).then(Step.json(200, PAYMENT));
        Payment payment = client.createPayment(capture(), RequestOptions.idempotencyKey("capture:fg:9"));
        assertEquals("payment_test_1", payment.id());
        List<Recorded> requests = server.requests();
        assertEquals(3, requests.size(), "two 409 in-use answers, then the replayed payment");
        for (Recorded request : requests) {
            assertEquals("capture:fg:9", request.header("Idempotency-Key"), "the same key on every retry");
        }
    }

    @Test
    void aKeyStillInUseAfterEveryAttemptStaysRetryableForTheCaller() {
        server.always(Step.json(409, "{\"statusCode\":409,\"errorCode\":\"idempotency-key.in-use\",\"message\":\"busy\"}"));
        SmartpayApiException e = assertThrows(SmartpayApiException.class, () -> client.createPayment(capture(), null));
        assertEquals("idempotency-key.in-use", e.errorCode());
        assertTrue(e.isRetryable(), "a journaled operation is retried later, not marked failed");
        assertEquals(4, server.requests().size());
    }

    @Test
    void neverRetriesOtherClientErrors() {
        server.then(Step.json(409, "{\"statusCode\":409,\"errorCode\":\"order.cannot-capture\",\"message\":\"expired\"}"))
                .then(Step.json(401, "{\"statusCode\":401,\"scheme\":\"basic\",\"realm\":\"api\"}"))
                .then(Step.json(404, "{\"statusCode\":404,\"errorCode\":\"order.not-found\",\"message\":\"no such order\"}"));
        SmartpayApiException conflict = assertThrows(SmartpayApiException.class, () -> client.createPayment(capture(), null));
        assertEquals("order.cannot-capture", conflict.errorCode());
        assertInstanceOf(SmartpayAuthenticationException.class,
                assertThrows(SmartpayApiException.class, () -> client.getOrder("order_test_1", null)));
        SmartpayApiException missing = assertThrows(SmartpayApiException.class, () -> client.getOrder("order_test_2", null));
        assertEquals("order.not-found", missing.errorCode());
        assertEquals(3, server.requests().size());
    }

    @Test
    void connectionDroppedBeforeTheAnswerIsRetriedWithTheSameKey() {
        server.then(Step.drop()).then(Step.json(200, PAYMENT));
        Payment payment = client.createPayment(capture(), RequestOptions.idempotencyKey("capture:fg:7"));
        assertEquals("payment_test_1", payment.id());
        assertEquals(2, server.requests().size());
        assertEquals("capture:fg:7", server.requests().get(1).header("Idempotency-Key"));
    }

    @Test
    void connectionDroppedMidBodyIsRetried() {
        server.then(Step.json(200, PAYMENT).droppedMidBody()).then(Step.json(200, PAYMENT));
        assertEquals("payment_test_1", client.createPayment(capture(), null).id());
        assertEquals(2, server.requests().size());
    }

    @Test
    void readTimeoutIsRetried() {
        client.close();
        client = clientWith(RetryPolicy.builder().maxAttempts(2).initialBackoff(Duration.ZERO).maxBackoff(Duration.ZERO).build(),
                Duration.ofMillis(300));
        server.then(Step.json(200, PAYMENT).delayed(1500)).then(Step.json(200, PAYMENT));
        assertEquals("payment_test_1", client.createPayment(capture(), null).id());
        assertEquals(2, server.requests().size());
    }

    @Test
    void connectionRefusedIsARetryableConnectionException() throws Exception {
        // a port held by a socket that is bound but not listening: connections are refused, and no other test's
        // server can take the port meanwhile (a closed server's port could be reused by one running in parallel)
        try (java.net.Socket reserved = new java.net.Socket()) {
            reserved.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
            String deadUrl = "http://127.0.0.1:" + reserved.getLocalPort() + "/v1";
            try (SmartpayClient dead = SmartpayClient.builder().secretKey(KEY).baseUrl(deadUrl)
                    .readTimeout(Duration.ofSeconds(5))
                    .retryPolicy(RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(2)).build())
                    .build()) {
                SmartpayConnectionException e = assertThrows(SmartpayConnectionException.class, () -> dead.createPayment(capture(), null));
                assertEquals(-1, e.httpStatus());
                assertTrue(e.isRetryable());
                assertTrue(e.getMessage().contains("attempt 3"), e.getMessage());
            }
        }
    }

    @Test
    void listAllWalksEveryPage() {
        server.then(Step.json(200, "{\"object\":\"collection\",\"maxResults\":2,\"results\":2,\"nextPageToken\":\"p2\",\"data\":["
                        + ORDER + "," + ORDER.replace("order_test_1", "order_test_2") + "]}"))
                .then(Step.json(200, "{\"object\":\"collection\",\"pageToken\":\"p2\",\"maxResults\":2,\"results\":1,\"nextPageToken\":\"\",\"data\":["
                        + ORDER.replace("order_test_1", "order_test_3") + "]}"));
        List<String> ids = new ArrayList<>();
        for (Order order : client.listAllOrders(ListParams.builder().maxResults(2).expand(Expand.ALL).build())) {
            ids.add(order.id());
        }
        assertEquals(List.of("order_test_1", "order_test_2", "order_test_3"), ids);
        assertEquals("maxResults=2&expand=all&dev-lang=java&sdk-version=" + SmartpayClient.VERSION, server.requests().get(0).query());
        assertTrue(server.requests().get(1).query().startsWith("maxResults=2&pageToken=p2&expand=all"), server.requests().get(1).query());
    }

    @Test
    void paginationThatDoesNotAdvanceFailsInsteadOfLoopingForever() {
        server.always(Step.json(200, "{\"object\":\"collection\",\"pageToken\":\"same\",\"nextPageToken\":\"same\",\"data\":[]}"));
        assertThrows(IllegalStateException.class,
                () -> client.listAllRefunds(ListParams.builder().pageToken("same").build()).iterator().hasNext());
    }

    @Test
    void webhookEndpointListsSendNoExpand() {
        server.then(Step.json(200, "{\"object\":\"collection\",\"data\":[]}"));
        Page<WebhookEndpoint> page = client.listWebhookEndpoints(ListParams.builder().expand(Expand.ALL).maxResults(5).build());
        assertFalse(page.hasMore());
        assertEquals("maxResults=5&dev-lang=java&sdk-version=" + SmartpayClient.VERSION, server.requests().get(0).query());
    }

    @Test
    void idsAreEncodedIntoThePath() {
        server.then(Step.json(200, ORDER));
        client.getOrder("order_test_1/../../admin?x=1", null);
        assertEquals("/v1/orders/order_test_1%2F..%2F..%2Fadmin%3Fx%3D1", server.requests().get(0).path());
        assertThrows(IllegalArgumentException.class, () -> client.getOrder(" ", null));
    }

    @Test
    void unreadableSuccessBodyIsAnUnexpectedError() {
        server.then(Step.text(200, "text/html", "<html>captive portal</html>"));
        SmartpayApiException e = assertThrows(SmartpayApiException.class, () -> client.getOrder("order_test_1", null));
        assertEquals("unexpected_error", e.errorCode());
        assertEquals(200, e.httpStatus());
        assertEquals(1, server.requests().size(), "not retried");
    }

    @Test
    void identificationQueryCanBeTurnedOff() {
        client.close();
        client = SmartpayClient.builder().secretKey(KEY).baseUrl(server.baseUrl()).identifySdk(false).build();
        server.then(Step.json(200, ORDER));
        client.getOrder("order_test_1", Expand.NO);
        assertEquals("", server.requests().get(0).query());
    }
}
