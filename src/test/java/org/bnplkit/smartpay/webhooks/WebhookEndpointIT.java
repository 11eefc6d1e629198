package org.bnplkit.smartpay.webhooks;

import static org.bnplkit.smartpay.webhooks.WebhookTestSupport.HAND_SECRET;
import static org.bnplkit.smartpay.webhooks.WebhookTestSupport.await;
import static org.bnplkit.smartpay.webhooks.WebhookTestSupport.awaitProcessing;
import static org.bnplkit.smartpay.webhooks.WebhookTestSupport.client;
import static org.bnplkit.smartpay.webhooks.WebhookTestSupport.eventBody;
import static org.bnplkit.smartpay.webhooks.WebhookTestSupport.inbox;
import static org.bnplkit.smartpay.webhooks.WebhookTestSupport.post;
import static org.bnplkit.smartpay.webhooks.WebhookTestSupport.signedHeaders;
import static org.bnplkit.smartpay.webhooks.WebhookTestSupport.transactions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import javax.servlet.ServletInputStream;

import org.bnplkit.smartpay.client.CancelRemainder;
import org.bnplkit.smartpay.client.Payment;
import org.bnplkit.smartpay.client.PaymentCreateParams;
import org.bnplkit.smartpay.client.RequestOptions;
import org.bnplkit.smartpay.client.webhook.SmartpayHeaders;
import org.bnplkit.smartpay.client.webhook.WebhookEventType;
import org.bnplkit.smartpay.journal.SmartpayWebhookEvent;
import org.bnplkit.smartpay.journal.WebhookEventStatus;
import org.bnplkit.smartpay.webhooks.WebhookTestSupport.Checkout;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * POST /smartpay/webhook through the real request mapping: what is refused changes nothing (no inbox row, no
 * Broadleaf transaction), what is accepted is stored once and applied.
 *
 * <p>Each test aims its deliveries at a real paid order on which a capture was made directly at the sandbox (as in
 * Smartpay's dashboard) while the store's receiver was not listening, so an accepted event would record a CAPTURE:
 * "nothing changed" is a real claim.
 */
class WebhookEndpointIT {

    private Checkout paid;
    private Payment dashboardCapture;

    @BeforeEach
    void paidOrderWithADashboardCapture() {
        WebhookTestSupport.baseline();
        WebhookTestSupport.pauseReceiver(true); // this suite's deliveries come from the test itself
        paid = WebhookTestSupport.paidOrder(3000, 1);
        dashboardCapture = client().createPayment(PaymentCreateParams.builder().order(paid.smartpayOrderId()).amount(1000)
                .currency("JPY").cancelRemainder(CancelRemainder.MANUAL).build(),
                RequestOptions.idempotencyKey("dashboard-" + UUID.randomUUID()));
        assertTrue(WebhookTestSupport.sandbox().awaitWebhooksIdle(Duration.ofSeconds(10)));
        awaitProcessing();
        assertEquals(0, captures(), "no receiver registered by this suite: the capture is not recorded yet");
    }

    @AfterEach
    void restore() {
        WebhookTestSupport.baseline();
        WebhookTestSupport.pauseReceiver(false);
    }

    @Test
    void aValidDeliveryIsStoredAnsweredAndApplied() {
        String eventId = "evt_test_" + UUID.randomUUID().toString().replace("-", "");
        byte[] body = paymentCreated(eventId);
        MockHttpServletResponse response = post(body, signedHeaders(body, HAND_SECRET, System.currentTimeMillis(), eventId));

        assertEquals(200, response.getStatus());
        // spring-test 5.3's mock response (like a servlet container) appends the charset; 3.2's does not
        assertTrue(response.getContentType().startsWith("application/json"), response.getContentType());
        assertNotNull(inbox().find(eventId));
        SmartpayWebhookEvent processed = await("the event to be processed",
                () -> statusIs(eventId, WebhookEventStatus.PROCESSED));
        assertEquals(paid.smartpayOrderId(), processed.getSmartpayOrderId());
        assertEquals(dashboardCapture.id(), processed.getObjectId());
        assertEquals(1, captures(), processed.getOutcome());
    }

    @Test
    void aForgedSignatureIsRefusedWith401AndChangesNothing() {
        String eventId = newEventId();
        byte[] body = paymentCreated(eventId);
        Map<String, String> headers = signedHeaders(body, "AAAAforgedSecretFromSomeoneElse0123456789", System.currentTimeMillis(), eventId);
        assertRefused(401, body, headers, eventId);

        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("\"amount\":1000", "\"amount\":9999")
                .getBytes(StandardCharsets.UTF_8);
        assertRefused(401, tampered, signedHeaders(body, HAND_SECRET, System.currentTimeMillis(), eventId), eventId);
    }

    /** Issue #10, 14: the secret of a test-mode endpoint (a developer's, a staging store's) never authenticates a live event. */
    @Test
    void aTestModeEndpointsSecretDoesNotAuthenticateALiveEvent() {
        WebhookTestSupport.registeredReceiver(); // registered with the harness's sk_test key: a test-mode endpoint
        WebhookTestSupport.pauseReceiver(true);
        org.bnplkit.smartpay.journal.SmartpayWebhookEndpoint endpoint = WebhookTestSupport.ctx.bean("blSmartpayWebhookEndpoints",
                org.bnplkit.smartpay.journal.WebhookEndpoints.class).active().get(0);
        assertEquals("test", endpoint.getMode());
        String testSecret = WebhookTestSupport.ctx.bean("blEncryptionModule",
                org.broadleafcommerce.common.encryption.EncryptionModule.class).decrypt(endpoint.getEncryptedSigningSecret());

        String liveId = newEventId();
        byte[] live = new String(paymentCreated(liveId), StandardCharsets.UTF_8).replaceFirst("\"test\":true", "\"test\":false")
                .getBytes(StandardCharsets.UTF_8);
        assertRefused(401, live, signedHeaders(live, testSecret, System.currentTimeMillis(), liveId), liveId);

        String testId = newEventId();
        byte[] test = paymentCreated(testId);
        assertEquals(200, post(test, signedHeaders(test, testSecret, System.currentTimeMillis(), testId)).getStatus(),
                "the same secret authenticates a test event");
    }

    @Test
    void aMissingSignatureIsRefusedWith401() {
        String eventId = newEventId();
        byte[] body = paymentCreated(eventId);
        Map<String, String> headers = signedHeaders(body, HAND_SECRET, System.currentTimeMillis(), eventId);
        headers.remove(SmartpayHeaders.SIGNATURE);
        assertRefused(401, body, headers, eventId);
        Map<String, String> noTimestamp = signedHeaders(body, HAND_SECRET, System.currentTimeMillis(), eventId);
        noTimestamp.remove(SmartpayHeaders.SIGNATURE_TIMESTAMP);
        assertRefused(401, body, noTimestamp, eventId);
    }

    @Test
    void aStaleTimestampIsRefusedWith401EvenWhenCorrectlySigned() {
        String eventId = newEventId();
        byte[] body = paymentCreated(eventId);
        long tenMinutesAgo = System.currentTimeMillis() - Duration.ofMinutes(10).toMillis();
        assertRefused(401, body, signedHeaders(body, HAND_SECRET, tenMinutesAgo, eventId), eventId);

        WebhookTestSupport.ctx.properties().set(SmartpayWebhookSettings.TOLERANCE_SECONDS, "900");
        MockHttpServletResponse accepted = post(body, signedHeaders(body, HAND_SECRET, tenMinutesAgo, eventId));
        assertEquals(200, accepted.getStatus(), "a wider tolerance accepts the same delivery");
    }

    @Test
    void malformedJsonIsRefusedWith400() {
        String eventId = newEventId();
        byte[] notJson = ("{\"id\":\"" + eventId + "\",\"object\":\"event\",\"eventData\":{\"type\":").getBytes(StandardCharsets.UTF_8);
        assertRefused(400, notJson, signedHeaders(notJson, HAND_SECRET, System.currentTimeMillis(), eventId), eventId);

        byte[] noId = "{\"object\":\"event\",\"eventData\":{\"type\":\"payment.created\",\"data\":{}}}".getBytes(StandardCharsets.UTF_8);
        assertRefused(400, noId, signedHeaders(noId, HAND_SECRET, System.currentTimeMillis(), null), eventId);

        byte[] invalidUtf8 = Arrays.copyOf(paymentCreated(eventId), paymentCreated(eventId).length + 2);
        invalidUtf8[invalidUtf8.length - 2] = (byte) 0xC3;
        invalidUtf8[invalidUtf8.length - 1] = (byte) 0x28;
        assertRefused(400, invalidUtf8, signedHeaders(invalidUtf8, HAND_SECRET, System.currentTimeMillis(), eventId), eventId);
    }

    @Test
    void aSignedBodyThatIsNotAnEventObjectIsRefusedWith400WithoutATrace() {
        for (String notAnEvent : new String[] {"null", "[]", "42", "\"evt\"", "{\"id\":null,\"eventData\":null}"}) {
            String eventId = newEventId();
            byte[] body = notAnEvent.getBytes(StandardCharsets.UTF_8);
            assertRefused(400, body, signedHeaders(body, HAND_SECRET, System.currentTimeMillis(), null), eventId);
        }
    }

    @Test
    void aSignedEventWithoutUsableDataIsDeadLetteredOnceWithItsReason() {
        for (String type : new String[] {WebhookEventType.PAYMENT_CREATED, WebhookEventType.ORDER_CANCELED,
                WebhookEventType.REFUND_CREATED}) {
            String eventId = newEventId();
            byte[] body = eventBody(eventId, type, "null").getBytes(StandardCharsets.UTF_8);
            MockHttpServletResponse response = post(body, signedHeaders(body, HAND_SECRET, System.currentTimeMillis(), eventId));
            assertEquals(200, response.getStatus(), text(response));

            SmartpayWebhookEvent dead = await(type + " with data null to be a dead letter",
                    () -> statusIs(eventId, WebhookEventStatus.DEAD));
            assertEquals(1, dead.getAttempts(), "dead at once, not retried: " + dead.getLastError());
            assertTrue(dead.getLastError().contains("data"), dead.getLastError());
            assertNotNull(await("the operator to be told", () -> WebhookTestSupport.notices().find("webhook-dead:" + eventId)));

            MockHttpServletResponse again = post(body, signedHeaders(body, HAND_SECRET, System.currentTimeMillis(), eventId));
            assertEquals(200, again.getStatus());
            assertTrue(text(again).contains("duplicate"), text(again));
            WebhookTestSupport.processor().processDue(100);
            awaitProcessing();
            assertEquals(1, inbox().find(eventId).getAttempts(), "a redelivery does not process it again");
        }
        assertEquals(0, captures(), "nothing recorded in Broadleaf");
    }

    @Test
    void anEventIdHeaderThatDisagreesWithTheSignedBodyIsRefusedWith400() {
        String eventId = newEventId();
        byte[] body = paymentCreated(eventId);
        assertRefused(400, body, signedHeaders(body, HAND_SECRET, System.currentTimeMillis(), "evt_test_someOtherEvent"), eventId);
    }

    @Test
    void aOneMegabyteBodyIsRefusedWith413WithoutBeingStored() {
        String eventId = newEventId();
        String padding = "x".repeat(1_048_576);
        byte[] huge = eventBody(eventId, WebhookEventType.PAYMENT_CREATED, "{\"id\":\"" + dashboardCapture.id()
                + "\",\"object\":\"payment\",\"order\":\"" + paid.smartpayOrderId() + "\",\"amount\":1000,\"pad\":\"" + padding
                + "\"}").getBytes(StandardCharsets.UTF_8);
        assertRefused(413, huge, signedHeaders(huge, HAND_SECRET, System.currentTimeMillis(), eventId), eventId);

        // no Content-Length (chunked): the controller stops reading after the limit
        MockHttpServletRequest chunked = new ChunkedRequest(huge);
        signedHeaders(huge, HAND_SECRET, System.currentTimeMillis(), eventId).forEach(chunked::addHeader);
        MockHttpServletResponse response = WebhookTestSupport.service(chunked);
        assertEquals(413, response.getStatus());
        assertTrue(((ChunkedRequest) chunked).bytesRead < 300_000, "read " + ((ChunkedRequest) chunked).bytesRead + " bytes");
        assertNull(inbox().find(eventId));
    }

    @Test
    void aReplayedEventIdIsAnswered200AndAddsNothing() {
        String eventId = newEventId();
        byte[] body = paymentCreated(eventId);
        assertEquals(200, post(body, signedHeaders(body, HAND_SECRET, System.currentTimeMillis(), eventId)).getStatus());
        SmartpayWebhookEvent first = await("processing", () -> statusIs(eventId, WebhookEventStatus.PROCESSED));

        for (int i = 0; i < 3; i++) {
            MockHttpServletResponse again = post(body, signedHeaders(body, HAND_SECRET, System.currentTimeMillis(), eventId));
            assertEquals(200, again.getStatus());
            assertTrue(text(again).contains("duplicate"), text(again));
        }
        awaitProcessing();
        SmartpayWebhookEvent after = inbox().find(eventId);
        assertEquals(first.getId(), after.getId());
        assertEquals(first.getAttempts(), after.getAttempts(), "the replay was not processed again");
        assertEquals(1, captures());
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private void assertRefused(int status, byte[] body, Map<String, String> headers, String eventId) {
        int before = inbox().list(null, 100_000).size();
        MockHttpServletResponse response = post(body, headers);
        assertEquals(status, response.getStatus(), text(response));
        awaitProcessing();
        assertNull(inbox().find(eventId), "a refused delivery is not stored");
        assertEquals(before, inbox().list(null, 100_000).size());
        assertEquals(0, captures(), "a refused delivery changes nothing in Broadleaf");
        assertFalse(text(response).contains(HAND_SECRET));
    }

    private byte[] paymentCreated(String eventId) {
        return eventBody(eventId, WebhookEventType.PAYMENT_CREATED, "{\"id\":\"" + dashboardCapture.id()
                + "\",\"object\":\"payment\",\"test\":true,\"amount\":1000,\"currency\":\"JPY\",\"order\":\""
                + paid.smartpayOrderId() + "\",\"status\":\"processed\",\"metadata\":{}}").getBytes(StandardCharsets.UTF_8);
    }

    private int captures() {
        return transactions(paid.orderId(), PaymentTransactionType.CAPTURE).size();
    }

    private static SmartpayWebhookEvent statusIs(String eventId, WebhookEventStatus status) {
        SmartpayWebhookEvent row = inbox().find(eventId);
        return row != null && row.getStatus() == status ? row : null;
    }

    private static String text(MockHttpServletResponse response) {
        return new String(response.getContentAsByteArray(), StandardCharsets.UTF_8);
    }

    private static String newEventId() {
        return "evt_test_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** A request without Content-Length whose body is read as a stream, counting what the controller reads. */
    private static final class ChunkedRequest extends MockHttpServletRequest {
        private final byte[] body;
        int bytesRead;

        ChunkedRequest(byte[] body) {
            super("POST", "/smartpay/webhook");
            setServletPath("/smartpay/webhook");
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return -1;
        }

        @Override
        public ServletInputStream getInputStream() {
            return new ServletInputStream() {
                private int position;

                @Override
                public boolean isFinished() {
                    return position >= body.length;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(javax.servlet.ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() throws IOException {
                    if (position >= body.length) {
                        return -1;
                    }
                    bytesRead++;
                    return body[position++] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (position >= body.length) {
                        return -1;
                    }
                    int n = Math.min(len, body.length - position);
                    System.arraycopy(body, position, b, off, n);
                    position += n;
                    bytesRead += n;
                    return n;
                }
            };
        }
    }
}
