package org.bnplkit.smartpay.client;

import com.sun.net.httpserver.HttpServer;
import org.bnplkit.smartpay.client.webhook.SmartpayHeaders;
import org.bnplkit.smartpay.client.webhook.WebhookEvent;
import org.bnplkit.smartpay.client.webhook.WebhookEventType;
import org.bnplkit.smartpay.client.webhook.WebhookSignatureVerifier;
import org.bnplkit.smartpay.sandbox.SandboxFault;
import org.bnplkit.smartpay.sandbox.SandboxOrder;
import org.bnplkit.smartpay.sandbox.SmartpaySandbox;
import org.bnplkit.smartpay.sandbox.junit.SmartpaySandboxTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every client call and every documented Smartpay error, over real HTTP against the offline sandbox, plus
 * retries under injected faults. Each test uses its own random secret key: the sandbox keeps one merchant
 * account per key, so tests never see each other's objects.
 */
@SmartpaySandboxTest
class SmartpayClientSandboxIT {

    private static SmartpaySandbox sandbox;

    private String secretKey;
    private SmartpayClient client;

    @BeforeAll
    static void sandbox(SmartpaySandbox started) {
        sandbox = started; // one for the class, reset before each test (faults, clock, objects)
    }

    @BeforeEach
    void newMerchant() {
        secretKey = "sk_test_" + UUID.randomUUID().toString().replace("-", "");
        client = clientWith(fastRetries(), Duration.ofSeconds(10));
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private static RetryPolicy fastRetries() {
        return RetryPolicy.builder().maxAttempts(4).initialBackoff(Duration.ofMillis(10)).maxBackoff(Duration.ofSeconds(2))
                .maxElapsed(Duration.ofSeconds(20)).build();
    }

    private SmartpayClient clientWith(RetryPolicy policy, Duration readTimeout) {
        return SmartpayClient.builder().secretKey(secretKey).baseUrl(sandbox.baseUrl()).retryPolicy(policy)
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(readTimeout).build();
    }

    // ------------------------------------------------------------------ fixtures

    private static CheckoutSessionCreateParams session(CaptureMethod captureMethod, long productAmount, String reference) {
        return CheckoutSessionCreateParams.builder()
                .amount(productAmount + 150).captureMethod(captureMethod)
                .successUrl("https://shop.example.jp/smartpay/return").cancelUrl("https://shop.example.jp/smartpay/cancel")
                .reference(reference).description("Order " + reference).locale("ja").metadata(Map.of("blcOrderId", reference))
                .customerInfo(CustomerInfo.builder().emailAddress("taro@example.jp").firstName("Taro").lastName("Yamada").build())
                .shippingInfo(ShippingInfo.builder().feeAmount(150L).feeCurrency("JPY")
                        .address(Address.builder().line1("1-2-3 Shibuya").locality("Shibuya-ku").administrativeArea("Tokyo")
                                .postalCode("150-0002").country("JP").build()).build())
                .item(LineItem.builder().name("Matcha set").amount(productAmount).quantity(1).reference("sku-1").build())
                .build();
    }

    /** A manual-capture order of 350 yen (200 product + 150 shipping), authorized. */
    private Order authorizedManualOrder() {
        CheckoutSession created = client.createCheckoutSession(session(CaptureMethod.MANUAL, 200, "BLC-" + System.nanoTime()), null);
        sandbox.approve(created.order().id());
        return client.getOrder(created.order().id(), Expand.NO);
    }

    private static PaymentCreateParams capture(String orderId, long amount) {
        return PaymentCreateParams.builder().order(orderId).amount(amount).cancelRemainder(CancelRemainder.MANUAL).build();
    }

    // ------------------------------------------------------------------ every call

    @Test
    void checkoutSessionsCreateGetList() {
        CheckoutSession created = client.createCheckoutSession(session(CaptureMethod.MANUAL, 250, "BLC-1001"),
                RequestOptions.idempotencyKey("checkout:1001:400"));
        assertTrue(created.id().startsWith("checkout_test_"), created.id());
        assertTrue(created.test());
        assertTrue(created.url().startsWith(sandbox.rootUrl() + "/checkout/"), created.url());
        assertEquals("BLC-1001", created.reference());
        assertTrue(created.order().isExpanded(), "create answers with the order expanded");
        Order order = created.order().expanded();
        assertEquals(OrderStatus.REQUIRES_AUTHORIZATION, order.status());
        assertEquals(400L, order.amount());
        assertEquals("JPY", order.currency());
        assertFalse(order.lineItems().isEmpty());

        CheckoutSession plain = client.getCheckoutSession(created.id(), null);
        assertFalse(plain.order().isExpanded());
        assertEquals(order.id(), plain.order().id());
        CheckoutSession expanded = client.getCheckoutSession(created.id(), Expand.ALL);
        assertEquals(400L, expanded.order().expanded().amount());

        Page<CheckoutSession> page = client.listCheckoutSessions(ListParams.builder().maxResults(10).build());
        assertEquals(1, page.results());
        assertEquals(created.id(), page.data().get(0).id());
        assertFalse(page.hasMore());
    }

    @Test
    void manualCaptureTwoPartialCapturesRefundsAndCancel() {
        Order order = authorizedManualOrder();
        assertEquals(OrderStatus.REQUIRES_CAPTURE, order.status());
        assertNotNull(order.expiresAt(), "expiresAt is set once authorized");

        Payment first = client.createPayment(capture(order.id(), 150), RequestOptions.idempotencyKey("capture:fg:1"));
        Payment second = client.createPayment(capture(order.id(), 100), RequestOptions.idempotencyKey("capture:fg:2"));
        assertEquals(PaymentStatus.PROCESSED, first.status());
        assertEquals(order.id(), first.order().id());
        assertEquals(150L, first.amount());
        assertEquals(OrderStatus.REQUIRES_CAPTURE, client.getOrder(order.id(), null).status(), "100 yen still capturable");

        Order expanded = client.getOrder(order.id(), Expand.ALL);
        assertEquals(2, expanded.payments().size());
        assertTrue(expanded.payments().get(0).isExpanded());
        assertTrue(expanded.lineItems().get(0).isExpanded());

        Payment fetched = client.getPayment(first.id(), Expand.ALL);
        assertEquals(order.id(), fetched.order().expanded().id());
        Payment updated = client.updatePayment(first.id(), ObjectUpdateParams.builder().reference("fg-1").description("first box")
                .metadata(Map.of("fulfillmentGroup", "1")).build(), null);
        assertEquals("fg-1", updated.reference());
        assertEquals("fg-1", client.getPayment(first.id(), null).reference());
        List<String> paymentIds = new ArrayList<>();
        client.listAllPayments(ListParams.builder().maxResults(1).build()).forEach(p -> paymentIds.add(p.id()));
        assertEquals(Set.of(first.id(), second.id()), new HashSet<>(paymentIds));

        Refund one = client.createRefund(RefundCreateParams.builder().payment(first.id()).amount(1)
                .reason(RefundReason.REQUESTED_BY_CUSTOMER).build(), RequestOptions.idempotencyKey("refund:1"));
        Refund two = client.createRefund(RefundCreateParams.builder().payment(first.id()).amount(2)
                .reason(RefundReason.FRAUDULENT).reference("ret-2").build(), null);
        assertEquals(RefundStatus.SUCCEEDED, one.status());
        assertEquals(first.id(), one.payment().id());
        assertEquals("fraudulent", two.reason());
        assertEquals(2L, client.getRefund(two.id(), Expand.ALL).amount());
        assertEquals(first.id(), client.getRefund(two.id(), Expand.ALL).payment().expanded().id());
        assertEquals("changed", client.updateRefund(two.id(), ObjectUpdateParams.builder().reference("changed").build(), null).reference());
        assertEquals(2, client.listRefunds(null).results());
        assertEquals(2, client.getPayment(first.id(), null).refunds().size());

        // as Smartpay's PHP SDK lifecycle test asserts: an order with captures is closed as succeeded
        Order canceled = client.cancelOrder(order.id(), RequestOptions.idempotencyKey("cancel:1"));
        assertEquals(OrderStatus.SUCCEEDED, canceled.status());
        SandboxOrder snapshot = sandbox.order(order.id());
        assertEquals(250L, snapshot.captured());
        assertEquals(3L, snapshot.refunded());
        assertTrue(snapshot.remainderReleased());
        assertEquals(OrderStatus.SUCCEEDED, client.cancelOrder(order.id(), null).status(), "cancelling again is fine");
    }

    @Test
    void automaticCaptureCreatesThePaymentOnApproval() {
        CheckoutSession created = client.createCheckoutSession(session(CaptureMethod.AUTOMATIC, 500, "BLC-auto"), null);
        sandbox.approve(created.order().id());
        Order order = client.getOrder(created.order().id(), Expand.ALL);
        assertEquals(OrderStatus.SUCCEEDED, order.status());
        assertEquals(1, order.payments().size());
        assertEquals(650L, order.payments().get(0).expanded().amount());
    }

    @Test
    void webhookEndpointsCrudAndSignedDeliveriesVerify() throws Exception {
        List<byte[]> bodies = new CopyOnWriteArrayList<>();
        List<String[]> headers = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            bodies.add(exchange.getRequestBody().readAllBytes());
            headers.add(new String[] {exchange.getRequestHeaders().getFirst(SmartpayHeaders.SIGNATURE),
                    exchange.getRequestHeaders().getFirst(SmartpayHeaders.SIGNATURE_TIMESTAMP),
                    exchange.getRequestHeaders().getFirst(SmartpayHeaders.EVENT_ID)});
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            WebhookEndpoint endpoint = client.createWebhookEndpoint(WebhookEndpointCreateParams.builder().url(url)
                    .eventSubscriptions(List.of(WebhookEventType.ORDER_AUTHORIZED, WebhookEventType.PAYMENT_CREATED))
                    .description("shop").build(), RequestOptions.idempotencyKey("hook:create"));
            assertTrue(endpoint.active());
            assertNotNull(endpoint.signingSecret());
            assertFalse(endpoint.toString().contains(endpoint.signingSecret()));
            assertEquals(url, client.getWebhookEndpoint(endpoint.id()).url());
            assertEquals("renamed", client.updateWebhookEndpoint(endpoint.id(),
                    WebhookEndpointUpdateParams.builder().description("renamed").build(), null).description());
            assertEquals(1, client.listWebhookEndpoints(ListParams.builder().maxResults(5).build()).results());

            Order order = authorizedManualOrder();
            client.createPayment(capture(order.id(), 350), null);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (bodies.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(2, bodies.size(), "order.authorized and payment.created delivered");
            WebhookSignatureVerifier verifier = new WebhookSignatureVerifier(endpoint.signingSecret());
            Set<String> types = new HashSet<>();
            for (int i = 0; i < bodies.size(); i++) {
                verifier.verify(bodies.get(i), headers.get(i)[0], headers.get(i)[1]);
                WebhookEvent event = WebhookEvent.parse(bodies.get(i));
                assertEquals(headers.get(i)[2], event.id());
                types.add(event.type());
            }
            assertEquals(Set.of(WebhookEventType.ORDER_AUTHORIZED, WebhookEventType.PAYMENT_CREATED), types);

            client.deleteWebhookEndpoint(endpoint.id(), null);
            SmartpayApiException gone = assertThrows(SmartpayApiException.class, () -> client.getWebhookEndpoint(endpoint.id()));
            assertEquals(404, gone.httpStatus());
            assertEquals("webhook-endpoint.not-found", gone.errorCode());
        } finally {
            receiver.stop(0);
        }
    }

    // ------------------------------------------------------------------ every documented error

    private static SmartpayApiException apiError(Runnable call) {
        SmartpayApiException e = assertThrows(SmartpayApiException.class, call::run);
        assertFalse(e.isRetryable(), e.getMessage());
        return e;
    }

    @Test
    void captureOfAnUnauthorizedOrderIsCannotCapture() {
        CheckoutSession created = client.createCheckoutSession(session(CaptureMethod.MANUAL, 200, "BLC-x"), null);
        int before = sandbox.requestCount("POST", "/v1/payments");
        SmartpayApiException e = apiError(() -> client.createPayment(capture(created.order().id(), 100), null));
        assertEquals(409, e.httpStatus());
        assertEquals("order.cannot-capture", e.errorCode());
        assertTrue(e.getMessage().startsWith("409 order.cannot-capture: "), e.getMessage());
        assertEquals(1, sandbox.requestCount("POST", "/v1/payments") - before, "a 409 is not retried");
    }

    @Test
    void capturingMoreThanRemainsIsExcessiveAmount() {
        Order order = authorizedManualOrder();
        client.createPayment(capture(order.id(), 300), null);
        SmartpayApiException e = apiError(() -> client.createPayment(capture(order.id(), 51), null));
        assertEquals(409, e.httpStatus());
        assertEquals("payment.excessive-amount", e.errorCode());
    }

    @Test
    void cancellingACapturedAutomaticOrderIsCannotCancel() {
        CheckoutSession created = client.createCheckoutSession(session(CaptureMethod.AUTOMATIC, 200, "BLC-c"), null);
        sandbox.approve(created.order().id());
        SmartpayApiException e = apiError(() -> client.cancelOrder(created.order().id(), null));
        assertEquals(409, e.httpStatus());
        assertEquals("order.cannot-cancel", e.errorCode());
    }

    @Test
    void refundingMoreThanThePaymentHasIsAmountInsufficient() {
        Order order = authorizedManualOrder();
        Payment payment = client.createPayment(capture(order.id(), 100), null);
        client.createRefund(RefundCreateParams.builder().payment(payment.id()).amount(60).reason(RefundReason.REQUESTED_BY_CUSTOMER).build(), null);
        SmartpayApiException e = apiError(() -> client.createRefund(RefundCreateParams.builder().payment(payment.id()).amount(41)
                .reason(RefundReason.REQUESTED_BY_CUSTOMER).build(), null));
        assertEquals(403, e.httpStatus());
        assertEquals("amount.insufficient", e.errorCode());
        client.createRefund(RefundCreateParams.builder().payment(payment.id()).amount(40).reason(RefundReason.REQUESTED_BY_CUSTOMER).build(), null);
        assertEquals(PaymentStatus.REFUNDED, client.getPayment(payment.id(), null).status());
    }

    @Test
    void unknownIdsAreNotFound() {
        assertEquals("order.not-found", apiError(() -> client.getOrder("order_test_doesNotExist000000", null)).errorCode());
        assertEquals("order.not-found", apiError(() -> client.cancelOrder("order_test_doesNotExist000000", null)).errorCode());
        assertEquals("order.not-found", apiError(() -> client.createPayment(capture("order_test_doesNotExist000000", 1), null)).errorCode());
        assertEquals("payment.not-found", apiError(() -> client.getPayment("payment_test_doesNotExist00000", null)).errorCode());
        assertEquals("payment.not-found", apiError(() -> client.createRefund(RefundCreateParams.builder()
                .payment("payment_test_doesNotExist00000").amount(1).reason(RefundReason.FRAUDULENT).build(), null)).errorCode());
        assertEquals("refund.not-found", apiError(() -> client.getRefund("refund_test_doesNotExist000000", null)).errorCode());
        assertEquals("checkout-session.not-found", apiError(() -> client.getCheckoutSession("checkout_test_doesNotExist0000", null)).errorCode());
        assertEquals("webhook-endpoint.not-found", apiError(() -> client.getWebhookEndpoint("webhookendpoint_test_nope00000")).errorCode());
        assertEquals(404, apiError(() -> client.getOrder("order_test_doesNotExist000000", null)).httpStatus());
    }

    @Test
    void anotherMerchantsObjectsAreNotFound() {
        Order order = authorizedManualOrder();
        try (SmartpayClient other = SmartpayClient.builder().secretKey("sk_test_someoneElse" + System.nanoTime())
                .baseUrl(sandbox.baseUrl()).build()) {
            assertEquals("order.not-found", apiError(() -> other.getOrder(order.id(), null)).errorCode());
        }
    }

    @Test
    void invalidRequestsAreRequestInvalidWithDetails() {
        SmartpayApiException mismatch = apiError(() -> client.createCheckoutSession(session(CaptureMethod.MANUAL, 200, "BLC-bad")
                .toBuilder().amount(999).build(), null));
        assertEquals(400, mismatch.httpStatus());
        assertEquals("request.invalid", mismatch.errorCode());
        SmartpayApiException currency = apiError(() -> client.createPayment(PaymentCreateParams.builder()
                .order(authorizedManualOrder().id()).amount(10).currency("USD").build(), null));
        assertEquals("request.invalid", currency.errorCode());
        assertFalse(currency.smartpayMessage().isEmpty());
    }

    @Test
    void missingOrBadCredentialsAre401WithoutErrorCode() throws Exception {
        // The client refuses malformed keys before sending; drive its transport directly to see the 401 mapping.
        for (String credential : new String[] {"", "pk_test_PCLEGPw9RrKIAlRcK504Bj", "not-a-key"}) {
            try (SmartpayTransport transport = new SmartpayTransport(credential, sandbox.baseUrl(), Duration.ofSeconds(2),
                    Duration.ofSeconds(5), fastRetries(), 2, null)) {
                SmartpayAuthenticationException e = assertThrows(SmartpayAuthenticationException.class,
                        () -> transport.execute("GET", "/orders", null, null, null, SmartpayJson.pageOf(Order.class)));
                assertEquals(401, e.httpStatus());
                assertNull(e.errorCode());
                assertFalse(e.isRetryable());
                if (!credential.isEmpty()) {
                    assertFalse(e.getMessage().contains(credential), e.getMessage());
                }
            }
        }
        // No Authorization header at all: the raw body has Smartpay's 401 shape.
        HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/orders")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, raw.statusCode());
        assertTrue(raw.body().contains("\"scheme\"") && raw.body().contains("\"realm\""), raw.body());
        assertInstanceOf(SmartpayAuthenticationException.class,
                ErrorResponses.toException(401, raw.body().getBytes(StandardCharsets.UTF_8), "application/json", null));
    }

    // ------------------------------------------------------------------ retries and idempotency

    @Test
    void a503IsRetriedAndCapturesOnce() {
        Order order = authorizedManualOrder();
        int before = sandbox.requestCount("POST", "/v1/payments");
        sandbox.injectFault(SandboxFault.status(503).times(1).on("POST", "/v1/payments"));
        Payment payment = client.createPayment(capture(order.id(), 120), null);
        assertEquals(2, sandbox.requestCount("POST", "/v1/payments") - before);
        assertEquals(List.of(payment.id()), sandbox.order(order.id()).paymentIds());
        assertEquals(120L, sandbox.order(order.id()).captured());
    }

    @Test
    void a429IsRetriedAfterRetryAfter() {
        Order order = authorizedManualOrder();
        sandbox.injectFault(SandboxFault.status(429).retryAfterSeconds(1).times(1).on("POST", "/v1/payments"));
        long started = System.nanoTime();
        client.createPayment(capture(order.id(), 120), null);
        long waited = (System.nanoTime() - started) / 1_000_000;
        assertTrue(waited >= 950, "honoured Retry-After: 1 (waited " + waited + " ms)");
        assertEquals(1, sandbox.order(order.id()).payments().size());
    }

    @Test
    void connectionDroppedAfterTheCaptureCommittedIsRetriedWithTheSameKeyAndCapturesExactlyOnce() {
        Order order = authorizedManualOrder();
        int before = sandbox.requestCount("POST", "/v1/payments");
        sandbox.injectFault(SandboxFault.dropAfterCommit().times(1).on("POST", "/v1/payments"));
        Payment payment = client.createPayment(capture(order.id(), 200), RequestOptions.idempotencyKey("capture:fg:drop"));
        assertEquals(2, sandbox.requestCount("POST", "/v1/payments") - before, "the first answer was lost, so the client retried");
        SandboxOrder snapshot = sandbox.order(order.id());
        assertEquals(1, snapshot.payments().size(), "exactly one payment");
        assertEquals(200L, snapshot.captured());
        assertEquals(List.of(payment.id()), snapshot.paymentIds(), "the retry got the committed payment back");
        assertEquals(1, client.getOrder(order.id(), null).payments().size());
    }

    @Test
    void connectionDroppedBeforeCommitIsRetried() {
        Order order = authorizedManualOrder();
        sandbox.injectFault(SandboxFault.dropBeforeCommit().times(2).on("POST", "/v1/payments"));
        Payment payment = client.createPayment(capture(order.id(), 200), null);
        assertEquals(List.of(payment.id()), sandbox.order(order.id()).paymentIds());
    }

    @Test
    void readTimeoutWhileSmartpayIsSlowIsRetriedAndCapturesOnce() {
        client.close();
        client = clientWith(fastRetries(), Duration.ofMillis(400));
        Order order = authorizedManualOrder();
        sandbox.injectFault(SandboxFault.delay(Duration.ofMillis(1200)).times(1).on("POST", "/v1/payments"));
        Payment payment = client.createPayment(capture(order.id(), 200), null);
        assertEquals(List.of(payment.id()), sandbox.order(order.id()).paymentIds(), "the slow first attempt and the retry made one payment");
    }

    /**
     * Two callers with one key, the second while the first is still inside Smartpay: the sandbox answers the second
     * 409 idempotency-key.in-use (with Retry-After: 1), the client retries it with the same key and gets the one
     * payment.
     */
    @Test
    void aSecondCallWhileTheFirstIsRunningRetriesTheKeyInUseAndGetsTheSamePayment() throws Exception {
        Order order = authorizedManualOrder();
        RequestOptions key = RequestOptions.idempotencyKey("capture:fg:concurrent");
        sandbox.injectFault(SandboxFault.delay(Duration.ofMillis(600)).times(1).on("POST", "/v1/payments"));
        int before = sandbox.requestCount("POST", "/v1/payments");
        var pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var first = pool.submit(() -> client.createPayment(capture(order.id(), 120), key));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (sandbox.requestCount("POST", "/v1/payments") == before && System.nanoTime() < deadline) {
                Thread.sleep(2); // until the first call is inside the sandbox
            }
            Payment second = client.createPayment(capture(order.id(), 120), key);
            assertEquals(first.get().id(), second.id());
            assertTrue(sandbox.requestCount("POST", "/v1/payments") >= before + 3,
                    "the second call was answered 409 in-use at least once and retried");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(120, sandbox.order(order.id()).captured(), "captured once");
    }

    @Test
    void aConflictOtherThanKeyInUseIsNotRetried() {
        Order order = authorizedManualOrder();
        client.createPayment(capture(order.id(), 200), null);
        int before = sandbox.requestCount("POST", "/v1/payments");
        SmartpayApiException e = apiError(() -> client.createPayment(capture(order.id(), 151), null));
        assertEquals("payment.excessive-amount", e.errorCode());
        assertEquals(before + 1, sandbox.requestCount("POST", "/v1/payments"), "one attempt");
    }

    @Test
    void retriesGiveUpWithTheLastRetryableError() {
        Order order = authorizedManualOrder();
        sandbox.injectFault(SandboxFault.status(503).times(10).on("POST", "/v1/payments"));
        SmartpayApiException e = assertThrows(SmartpayApiException.class, () -> client.createPayment(capture(order.id(), 10), null));
        assertEquals(503, e.httpStatus());
        assertTrue(e.isRetryable());
        assertTrue(sandbox.order(order.id()).payments().isEmpty());
        sandbox.clearFaults();
    }

    @Test
    void explicitReplayWithTheSameKeyReturnsTheSamePaymentAndAReusedKeyIsRefused() {
        Order order = authorizedManualOrder();
        RequestOptions key = RequestOptions.idempotencyKey("capture:fg:replay");
        Payment first = client.createPayment(capture(order.id(), 100), key);
        Payment again = client.createPayment(capture(order.id(), 100), key);
        assertEquals(first.id(), again.id());
        assertEquals(1, sandbox.order(order.id()).payments().size());
        SmartpayApiException reused = apiError(() -> client.createPayment(capture(order.id(), 101), key));
        assertEquals(422, reused.httpStatus());
        assertEquals("idempotency-key.reused", reused.errorCode());
        Payment other = client.createPayment(capture(order.id(), 100), RequestOptions.idempotencyKey("capture:fg:other"));
        assertNotEquals(first.id(), other.id());
    }

    @Test
    void listAllWalksEveryPage() {
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            created.add(client.createCheckoutSession(session(CaptureMethod.MANUAL, 100 + i, "BLC-page-" + i), null).order().id());
        }
        Page<Order> first = client.listOrders(ListParams.builder().maxResults(3).build());
        assertEquals(3, first.results());
        assertTrue(first.hasMore());
        Page<Order> second = client.listOrders(ListParams.builder().maxResults(3).pageToken(first.nextPageToken()).build());
        assertEquals(first.nextPageToken(), second.pageToken());
        Set<String> seen = new HashSet<>();
        int count = 0;
        for (Order order : client.listAllOrders(ListParams.builder().maxResults(3).expand(Expand.ALL).build())) {
            seen.add(order.id());
            count++;
            assertTrue(order.lineItems().get(0).isExpanded());
        }
        assertEquals(7, count, "no duplicates across pages");
        assertEquals(created, seen);
        int sessions = 0;
        for (CheckoutSession ignored : client.listAllCheckoutSessions(ListParams.builder().maxResults(2).build())) {
            sessions++;
        }
        assertEquals(7, sessions);
    }

    @Test
    void retryLogLinesNeverCarryTheKey() {
        Order order = authorizedManualOrder();
        sandbox.injectFault(SandboxFault.status(503).times(1).on("POST", "/v1/payments"));
        sandbox.injectFault(SandboxFault.dropAfterCommit().times(1).on("POST", "/v1/refunds"));
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Payment payment = client.createPayment(capture(order.id(), 100), null);
            client.createRefund(RefundCreateParams.builder().payment(payment.id()).amount(10).reason(RefundReason.REQUESTED_BY_CUSTOMER).build(), null);
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("retry 1 of 3"), "retries are logged at INFO:\n" + log);
        assertFalse(log.contains(secretKey), log);
        assertFalse(log.contains(secretKey.substring("sk_test_".length())), log);
    }

    @Test
    void debugLoggingEverywhereOverAFullFlowNeverShowsASecret() throws Exception {
        Path secretFile = Files.createTempFile("signing-secret", ".txt");
        try {
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            String javaBin = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(javaBin, "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug", "-cp", classpath,
                    SandboxLogProbeMain.class.getName(), secretFile.toString()).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            assertTrue(process.waitFor(90, TimeUnit.SECONDS), "probe finished");
            String log = new String(output, StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), log);
            assertTrue(log.contains("PROBE DONE"), log);
            String signingSecret = new String(Files.readAllBytes(secretFile), StandardCharsets.UTF_8);
            assertTrue(signingSecret.length() >= 30, "the probe recorded the signing secret");

            assertTrue(log.contains("Authorization=Basic sk_test_****"), log);
            assertTrue(log.contains("retry 1 of 3"), "the 503 and the dropped refund answer were retried:\n" + log);
            // HttpClient's loggers carry its package, relocated inside the client's published jar
            assertTrue(log.contains("org.apache.hc.client5") || log.contains("org.bnplkit.smartpay.client.shaded.hc.client5"),
                    "HttpClient's DEBUG logging was on:\n" + log);
            assertFalse(log.contains(SandboxLogProbeMain.KEY), "secret key leaked:\n" + log);
            assertFalse(log.contains(SandboxLogProbeMain.KEY.substring("sk_test_".length())), "secret key leaked:\n" + log);
            assertFalse(log.contains(signingSecret), "signing secret leaked:\n" + log);
        } finally {
            Files.deleteIfExists(secretFile);
        }
    }
}
