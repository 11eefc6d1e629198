package org.bnplkit.smartpay.webhooks.web;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.annotation.PostConstruct;
import javax.annotation.Resource;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.bnplkit.smartpay.webhooks.SmartpayWebhookReceiver;
import org.bnplkit.smartpay.webhooks.SmartpayWebhookSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * {@code POST /smartpay/webhook} in the site servlet context, for stores that have not mapped
 * {@link SmartpayWebhookFilter} first in web.xml yet: the same reading, limits and answers, but behind the store's
 * filters (which may hold a database connection, create a session or read a form body as parameters first), and read
 * blocking. Says so once in the log. With the filter in place no request reaches this controller.
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

    private final AtomicBoolean warned = new AtomicBoolean();
    private WebhookExchange exchange;

    @PostConstruct
    public void prepare() {
        exchange = new WebhookExchange(receiver, settings);
    }

    @RequestMapping(value = SmartpayWebhookFilter.PATH, method = RequestMethod.POST)
    public void receive(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (warned.compareAndSet(false, true)) {
            LOG.warn("Smartpay webhook deliveries reach the DispatcherServlet, behind the store's filters (a slow client can hold"
                    + " a database connection, each delivery may create a session, a form-encoded body is read as parameters)."
                    + " Map blSmartpayWebhookFilter first in the site web.xml: docs/installation.md, step 3.");
        }
        exchange.handleBlocking(request, response);
    }
}
