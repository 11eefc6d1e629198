package org.bnplkit.smartpay.webhooks.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.servlet.AsyncContext;
import javax.servlet.AsyncEvent;
import javax.servlet.AsyncListener;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Non-blocking read of one webhook body (Servlet 3.1): the container calls back when bytes arrive, so a slow client
 * holds no thread while it trickles. Exactly one answer is given: the receiver's once the whole body is in, 413 past
 * the size limit, 408 at the async timeout (the read deadline), nothing when the client went away.
 */
final class WebhookBodyReader implements ReadListener, AsyncListener {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookBodyReader.class);

    private final AsyncContext async;
    private final int maxBytes;
    private final WebhookExchange exchange;
    private final ByteArrayOutputStream body;
    private final byte[] buffer = new byte[8192];
    /** Set by whoever answers first (the full body, the size limit, the deadline, an error). */
    private final AtomicBoolean answered = new AtomicBoolean();
    private int total;

    WebhookBodyReader(AsyncContext async, int maxBytes, WebhookExchange exchange) {
        this.async = async;
        this.maxBytes = maxBytes;
        this.exchange = exchange;
        this.body = new ByteArrayOutputStream(Math.min(maxBytes, 16_384));
    }

    @Override
    public void onDataAvailable() throws IOException {
        ServletInputStream in = async.getRequest().getInputStream();
        while (!answered.get() && in.isReady()) {
            int n = in.read(buffer);
            if (n == -1) {
                return; // onAllDataRead follows
            }
            total += n;
            if (total > maxBytes) {
                if (answered.compareAndSet(false, true)) {
                    try {
                        exchange.tooLarge(response(), "body exceeds " + maxBytes + " bytes");
                    } finally {
                        async.complete();
                    }
                }
                return;
            }
            body.write(buffer, 0, n);
        }
    }

    @Override
    public void onAllDataRead() throws IOException {
        if (answered.compareAndSet(false, true)) {
            try {
                exchange.respond((HttpServletRequest) async.getRequest(), response(), body.toByteArray());
            } finally {
                async.complete();
            }
        }
    }

    @Override
    public void onError(Throwable t) {
        if (answered.compareAndSet(false, true)) {
            LOG.info("Smartpay webhook body not received: {}", t.toString());
            async.complete();
        }
    }

    @Override
    public void onTimeout(AsyncEvent event) throws IOException {
        if (answered.compareAndSet(false, true)) {
            try {
                exchange.tooSlow(response());
            } finally {
                async.complete();
            }
        }
    }

    @Override
    public void onError(AsyncEvent event) {
        onError(event.getThrowable() == null ? new IOException("async error") : event.getThrowable());
    }

    @Override
    public void onComplete(AsyncEvent event) {
        // the answer was given above
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }

    private HttpServletResponse response() {
        return (HttpServletResponse) async.getResponse();
    }
}
