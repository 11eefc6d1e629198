package org.bnplkit.smartpay.webhooks.web;

import java.io.IOException;

import javax.annotation.PostConstruct;
import javax.annotation.Resource;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.bnplkit.smartpay.webhooks.SmartpayWebhookReceiver;
import org.bnplkit.smartpay.webhooks.SmartpayWebhookSettings;
import org.springframework.core.Ordered;

/**
 * {@code POST /smartpay/webhook} ahead of the store's own filters. Mapped first in the site web.xml (bean
 * {@code blSmartpayWebhookFilter} through a {@code DelegatingFilterProxy}, url-pattern {@code /smartpay/webhook},
 * async-supported; docs/installation.md §3), it answers every request to that path itself and never passes it on.
 * So a delivery meets none of what the storefront does for shoppers: no OpenEntityManagerInView or cart lookup holding
 * a database connection while the body is still arriving, no customer filter creating an HTTP session, no filter
 * reading a form-encoded body as parameters before the signature is checked over the raw bytes.
 * Any other path goes down the chain untouched.
 * On a Spring Boot store (Broadleaf 6), which registers every Filter bean itself in the beans' order, the highest
 * precedence puts it ahead of Spring Security too: no session, no channel redirect for a delivery.
 */
public class SmartpayWebhookFilter implements Filter, Ordered {

    /** Where Smartpay delivers (the path part of the URL registered at Smartpay). */
    public static final String PATH = SmartpayWebhookSettings.DEFAULT_PATH;

    @Resource(name = "blSmartpayWebhookReceiver")
    protected SmartpayWebhookReceiver receiver;

    @Resource(name = "blSmartpayWebhookSettings")
    protected SmartpayWebhookSettings settings;

    private WebhookExchange exchange;

    @PostConstruct
    public void prepare() {
        exchange = new WebhookExchange(receiver, settings);
    }

    @Override
    public void init(FilterConfig filterConfig) {
        // a Spring bean: prepared by prepare()
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (!isWebhook(request)) {
            chain.doFilter(req, res);
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            WebhookExchange.write(response, 405, "method not allowed", false);
            return;
        }
        if (request.isAsyncSupported() && servlet31(request)) {
            exchange.handleAsync(request, response);
        } else {
            exchange.handleBlocking(request, response);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void destroy() {
        // nothing held
    }

    static boolean isWebhook(HttpServletRequest request) {
        String uri = request.getRequestURI();
        int parameters = uri.indexOf(';');
        String path = (parameters < 0 ? uri : uri.substring(0, parameters)).substring(request.getContextPath().length());
        return PATH.equals(path);
    }

    /** Non-blocking input (ReadListener) came with Servlet 3.1; a 3.0 container reads blocking. */
    private static boolean servlet31(HttpServletRequest request) {
        int major = request.getServletContext().getMajorVersion();
        return major > 3 || (major == 3 && request.getServletContext().getMinorVersion() >= 1);
    }
}
