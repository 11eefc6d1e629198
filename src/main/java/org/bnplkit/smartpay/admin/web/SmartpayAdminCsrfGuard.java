package org.bnplkit.smartpay.admin.web;

import java.io.IOException;
import java.util.regex.Pattern;

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

import org.bnplkit.smartpay.admin.AdminMessage;
import org.broadleafcommerce.common.exception.ServiceException;
import org.broadleafcommerce.common.security.service.ExploitProtectionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Checks Broadleaf's CSRF token on every POST to the module's admin endpoints ({@code /order/{id}/smartpay/…} and
 * {@code /smartpay-webhooks/…}, the Smartpay section's {@code /smartpay-attention/…} and {@code /smartpay-health/…}) before Broadleaf's own {@code AdminCsrfFilter} does: that filter throws, and the
 * container turns the exception into its 500 error page with a stack trace. A missing or wrong token is answered here
 * with 403 and a JSON message in the admin's language ({@code smartpay.admin.error.csrf}); nothing further runs.
 * Other paths, GETs and good tokens go on untouched (Broadleaf's filter and the controllers check again).
 *
 * <p>Bean {@code blSmartpayAdminCsrfGuard}. Broadleaf 3.1: merged by the line's admin file into Broadleaf's
 * {@code blPreSecurityFilterChain} (the chain the admin's security configuration runs first). Broadleaf 6.2: a servlet
 * filter of the admin application ordered ahead of Spring Security's chain (the line's admin file registers it), where
 * 6.2's own {@code blAdminCsrfFilter} runs.
 */
public class SmartpayAdminCsrfGuard implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(SmartpayAdminCsrfGuard.class);
    /** The module's admin POST endpoints, relative to the admin's context path. */
    static final Pattern GUARDED = Pattern.compile(
            "/order/[^/]+/smartpay/.*|/smartpay-webhooks(/.*)?|/smartpay-attention(/.*)?|/smartpay-health(/.*)?");

    @Resource(name = "blExploitProtectionService")
    protected ExploitProtectionService exploitProtection;

    @Resource(name = "messageSource")
    protected MessageSource messages;

    private AdminAnswers answers;

    @PostConstruct
    public void prepare() {
        answers = new AdminAnswers(messages);
    }

    @Override
    public void init(FilterConfig filterConfig) {
        // a Spring bean: prepared by prepare()
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        if ("POST".equals(request.getMethod()) && GUARDED.matcher(path(request)).matches() && !tokenMatches(request)) {
            LOG.warn("Smartpay admin POST {} refused (403): CSRF token missing or wrong (a stale page, or not sent by the admin)",
                    path(request));
            answers.refuse(request, (HttpServletResponse) res, HttpServletResponse.SC_FORBIDDEN,
                    AdminMessage.of("smartpay.admin.error.csrf"));
            return;
        }
        chain.doFilter(req, res);
    }

    @Override
    public void destroy() {
        // nothing held
    }

    private boolean tokenMatches(HttpServletRequest request) {
        String token = request.getParameter(exploitProtection.getCsrfTokenParameter());
        if (token == null || token.isEmpty()) {
            return false;
        }
        // Broadleaf reads the session's token through Spring's request holder, which a filter ahead of the
        // container's RequestContextFilter (Broadleaf 6.2: this guard, before Spring Security) does not have yet
        boolean bound = RequestContextHolder.getRequestAttributes() == null;
        if (bound) {
            RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        }
        try {
            exploitProtection.compareToken(token);
            return true;
        } catch (ServiceException | RuntimeException e) {
            return false;
        } finally {
            if (bound) {
                RequestContextHolder.resetRequestAttributes();
            }
        }
    }

    private static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        int parameters = uri.indexOf(';');
        return (parameters < 0 ? uri : uri.substring(0, parameters)).substring(request.getContextPath().length());
    }
}
