package org.bnplkit.smartpay.webhooks.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import javax.annotation.Resource;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.bnplkit.smartpay.client.webhook.SmartpayHeaders;
import org.bnplkit.smartpay.webhooks.SmartpayWebhookReceiver;
import org.bnplkit.smartpay.webhooks.SmartpayWebhookReceiver.Reception;
import org.bnplkit.smartpay.webhooks.SmartpayWebhookSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * {@code POST /smartpay/webhook}: Smartpay's event deliveries (site servlet context). Reads the raw body, never more
 * than gateway.smartpay.webhook.maxBodyBytes (+1 to notice a larger one), and hands it with the four Smartpay headers
 * to {@link SmartpayWebhookReceiver}, whose status it answers with a tiny JSON body.
 *
 * <p>Install step: the store's {@code blCsrfFilter} must exclude this path (Smartpay cannot send Broadleaf's CSRF
 * token; the signature authenticates the request) — see docs/webhooks.md.
 */
@Controller("blSmartpayWebhookController")
public class SmartpayWebhookController {

    private static final Logger LOG = LoggerFactory.getLogger(SmartpayWebhookController.class);

    @Resource(name = "blSmartpayWebhookReceiver")
    protected SmartpayWebhookReceiver receiver;

    @Resource(name = "blSmartpayWebhookSettings")
    protected SmartpayWebhookSettings settings;

    @RequestMapping(value = "/smartpay/webhook", method = RequestMethod.POST)
    public void receive(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int max = settings.maxBodyBytes();
        Reception reception;
        if (request.getContentLength() > max) {
            LOG.warn("Smartpay webhook refused (413): Content-Length {} exceeds {} bytes", request.getContentLength(), max);
            reception = null;
        } else {
            byte[] body = readAtMost(request.getInputStream(), max);
            reception = body == null ? null : receiver.receive(body, request.getHeader(SmartpayHeaders.SIGNATURE),
                    request.getHeader(SmartpayHeaders.SIGNATURE_TIMESTAMP), request.getHeader(SmartpayHeaders.SUBSCRIPTION_ID),
                    request.getHeader(SmartpayHeaders.EVENT_ID));
            if (body == null) {
                LOG.warn("Smartpay webhook refused (413): body exceeds {} bytes", max);
            }
        }
        int status = reception == null ? 413 : reception.status();
        String outcome = reception == null ? "body too large" : reception.outcome();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        byte[] answer = ("{\"status\":" + status + ",\"outcome\":\"" + outcome + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(answer.length);
        response.getOutputStream().write(answer);
    }

    /** The body, or null when it is longer than {@code max} bytes (reading stops there). */
    static byte[] readAtMost(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 16_384));
        byte[] buffer = new byte[8192];
        int total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > max) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
