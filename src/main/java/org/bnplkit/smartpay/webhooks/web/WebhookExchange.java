package org.bnplkit.smartpay.webhooks.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import javax.servlet.AsyncContext;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.bnplkit.smartpay.client.webhook.SmartpayHeaders;
import org.bnplkit.smartpay.webhooks.SmartpayWebhookReceiver;
import org.bnplkit.smartpay.webhooks.SmartpayWebhookReceiver.Reception;
import org.bnplkit.smartpay.webhooks.SmartpayWebhookSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One delivery to {@code POST /smartpay/webhook}, from the first byte to the answer: the raw body is read as bytes
 * (never as parameters, whatever the content type), never more than gateway.smartpay.webhook.maxBodyBytes and never
 * longer than gateway.smartpay.webhook.readTimeoutMillis, and only then handed to {@link SmartpayWebhookReceiver},
 * which touches the database. Nothing here opens an HTTP session.
 *
 * <p>Two ways to read: {@link #handleAsync} (Servlet 3.1 non-blocking input: a client that trickles its body holds no
 * thread at all, and is cut at the deadline) when the container allows async processing of the request, else
 * {@link #handleBlocking} (the deadline is checked between reads, so one read can still wait the container's socket
 * timeout).
 */
final class WebhookExchange {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookExchange.class);

    private final SmartpayWebhookReceiver receiver;
    private final SmartpayWebhookSettings settings;

    WebhookExchange(SmartpayWebhookReceiver receiver, SmartpayWebhookSettings settings) {
        this.receiver = receiver;
        this.settings = settings;
    }

    /** Reads the body without holding a thread while the client is slow (the request must allow async processing). */
    void handleAsync(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (refusedByLength(request, response)) {
            return;
        }
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(settings.readTimeoutMillis());
        WebhookBodyReader reader = new WebhookBodyReader(async, settings.maxBodyBytes(), this);
        async.addListener(reader);
        request.getInputStream().setReadListener(reader);
    }

    /** Reads the body on the calling thread, checking the deadline between reads. */
    void handleBlocking(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (refusedByLength(request, response)) {
            return;
        }
        int max = settings.maxBodyBytes();
        long deadline = System.nanoTime() + settings.readTimeoutMillis() * 1_000_000L;
        InputStream in = request.getInputStream();
        ByteArrayOutputStream body = new ByteArrayOutputStream(Math.min(max, 16_384));
        byte[] buffer = new byte[8192];
        int total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > max) {
                tooLarge(response, "body exceeds " + max + " bytes");
                return;
            }
            body.write(buffer, 0, n);
            if (System.nanoTime() > deadline) {
                tooSlow(response);
                return;
            }
        }
        respond(request, response, body.toByteArray());
    }

    /** The whole body is here: verify, store, answer. A failure of the module answers 500 with no detail. */
    void respond(HttpServletRequest request, HttpServletResponse response, byte[] body) throws IOException {
        Reception reception;
        try {
            reception = receiver.receive(body, request.getHeader(SmartpayHeaders.SIGNATURE),
                    request.getHeader(SmartpayHeaders.SIGNATURE_TIMESTAMP), request.getHeader(SmartpayHeaders.SUBSCRIPTION_ID),
                    request.getHeader(SmartpayHeaders.EVENT_ID));
        } catch (RuntimeException e) {
            LOG.error("Smartpay webhook could not be handled (500, Smartpay will retry)", e);
            write(response, 500, "internal error", false);
            return;
        }
        write(response, reception.status(), reception.outcome(), false);
    }

    void tooSlow(HttpServletResponse response) throws IOException {
        LOG.warn("Smartpay webhook refused (408): the body did not arrive within {} ms", settings.readTimeoutMillis());
        write(response, 408, "body not received in time", true);
    }

    void tooLarge(HttpServletResponse response, String why) throws IOException {
        LOG.warn("Smartpay webhook refused (413): {}", why);
        write(response, 413, "body too large", true);
    }

    private boolean refusedByLength(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long declared = request.getContentLength(); // -1 when unknown (chunked) or beyond 2 GB: the read stops at the limit
        if (declared > settings.maxBodyBytes()) {
            tooLarge(response, "Content-Length " + declared + " exceeds " + settings.maxBodyBytes() + " bytes");
            return true;
        }
        return false;
    }

    /**
     * The tiny JSON answer ({@code {"status":401,"outcome":"invalid signature"}}). {@code closeConnection} for answers
     * given before the body was read: the container then does not wait for the rest of it.
     */
    static void write(HttpServletResponse response, int status, String outcome, boolean closeConnection) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        if (closeConnection) {
            response.setHeader("Connection", "close");
        }
        byte[] answer = ("{\"status\":" + status + ",\"outcome\":\"" + outcome + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(answer.length);
        response.getOutputStream().write(answer);
        response.flushBuffer();
    }
}
