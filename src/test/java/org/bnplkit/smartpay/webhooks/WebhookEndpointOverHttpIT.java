package org.bnplkit.smartpay.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bnplkit.smartpay.client.webhook.SmartpayHeaders;
import org.bnplkit.smartpay.client.webhook.WebhookSignature;
import org.bnplkit.smartpay.demo.AdminDemoServer;
import org.bnplkit.smartpay.demo.DemoServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * POST /smartpay/webhook as Smartpay and attackers reach it: over HTTP, in the demo's real Tomcat, behind the
 * storefront's real filters (Broadleaf's request, customer and cart filters, OpenEntityManagerInView). What the
 * mock-servlet suites cannot see: sessions, the container reading a form body as parameters, slow clients holding
 * threads and database connections.
 */
class WebhookEndpointOverHttpIT {

    /** A hand-configured signing secret (gateway.smartpay.webhook.signingSecret); this suite boots no context of its own. */
    private static final String SECRET = WebhookTestSupport.HAND_SECRET;
    private static final long READ_TIMEOUT_MILLIS = 2_000;

    private static DemoServerProcess demo;
    private static HttpClient http;

    @BeforeAll
    static void startTheStore() {
        demo = DemoServerProcess.start("webhook-endpoint-over-http-it", AdminDemoServer.class, Map.of(
                "demo.seed", "false",
                SmartpayWebhookSettings.SIGNING_SECRET, SECRET,
                "gateway.smartpay.webhook.readTimeoutMillis", String.valueOf(READ_TIMEOUT_MILLIS)));
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopTheStore() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void noDeliverySignedOrForgedCreatesAnHttpSession() {
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> forged = post(connectionTest(newEventId()), "application/json", "AAAAforged" + i);
            assertEquals(401, forged.statusCode(), forged.body());
            assertNoSession(forged);
        }
        HttpResponse<String> genuine = post(connectionTest(newEventId()), "application/json", SECRET);
        assertEquals(200, genuine.statusCode(), genuine.body());
        assertNoSession(genuine);
        HttpResponse<String> malformed = post("{\"id\":".getBytes(StandardCharsets.UTF_8), "application/json", SECRET);
        assertEquals(400, malformed.statusCode(), malformed.body());
        assertNoSession(malformed);
    }

    @Test
    void aSignedDeliverySentAsAFormIsVerifiedOverItsRawBytes() {
        String eventId = newEventId();
        byte[] body = connectionTest(eventId);

        HttpResponse<String> first = post(body, "application/x-www-form-urlencoded", SECRET);
        assertEquals(200, first.statusCode(), first.body());
        assertTrue(first.body().contains("\"received\""), first.body());
        HttpResponse<String> again = post(body, "application/x-www-form-urlencoded; charset=UTF-8", SECRET);
        assertEquals(200, again.statusCode(), again.body());
        assertTrue(again.body().contains("\"duplicate\""), "stored the first time: " + again.body());
        assertEquals(200, post(connectionTest(newEventId()), "text/plain", SECRET).statusCode(), "any content type");
    }

    @Test
    void slowClientsNeitherBlockGenuineDeliveriesNorHoldTheirConnectionPastTheReadDeadline() throws IOException {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 24; i++) {
                slow.add(slowClient());
            }
            for (int i = 0; i < 3; i++) {
                long started = System.nanoTime();
                HttpResponse<String> genuine = post(connectionTest(newEventId()), "application/json", SECRET);
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertEquals(200, genuine.statusCode(), genuine.body());
                assertTrue(millis < 3_000, "a genuine delivery took " + millis + " ms next to 24 slow clients");
            }
            for (Socket client : slow) {
                String answer = firstLine(client);
                assertTrue(answer.startsWith("HTTP/1.1 408"), "a body that does not arrive in time is cut: " + answer);
            }
        } finally {
            for (Socket client : slow) {
                client.close();
            }
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** Headers and one byte of a declared 100-byte body; then nothing. */
    private static Socket slowClient() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", URI.create(demo.baseUrl()).getPort()), 5_000);
        socket.setSoTimeout((int) (READ_TIMEOUT_MILLIS + 8_000));
        OutputStream out = socket.getOutputStream();
        out.write(("POST /smartpay/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static String firstLine(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            line.append((char) c);
        }
        return line.toString().trim();
    }

    private static HttpResponse<String> post(byte[] body, String contentType, String secret) {
        String timestamp = Long.toString(System.currentTimeMillis());
        HttpRequest request = HttpRequest.newBuilder(URI.create(demo.baseUrl() + "/smartpay/webhook"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType)
                .header(SmartpayHeaders.SIGNATURE, WebhookSignature.compute(secret, timestamp, body))
                .header(SmartpayHeaders.SIGNATURE_TIMESTAMP, timestamp)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertNoSession(HttpResponse<String> response) {
        assertFalse(response.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("JSESSIONID")),
                "the endpoint created an HTTP session: " + response.headers().allValues("Set-Cookie"));
    }

    /** The module's own connection-test event: signed and stored, then IGNORED by the processor. */
    private static byte[] connectionTest(String eventId) {
        return ("{\"id\":\"" + eventId + "\",\"object\":\"event\",\"createdAt\":" + System.currentTimeMillis()
                + ",\"test\":true,\"eventData\":{\"type\":\"" + SmartpayWebhookHandlers.CONNECTION_TEST
                + "\",\"version\":\"2022-02-18\",\"data\":{\"id\":\"" + eventId + "\",\"object\":\"test\"}}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String newEventId() {
        return "evt_test_" + UUID.randomUUID().toString().replace("-", "");
    }
}
