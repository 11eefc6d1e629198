package org.bnplkit.smartpay.admin.web;

import java.io.IOException;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.bnplkit.smartpay.admin.AdminMessage;
import org.bnplkit.smartpay.admin.AdminRequestIds;
import org.bnplkit.smartpay.admin.SmartpayAdminSettings;
import org.broadleafcommerce.common.exception.ServiceException;
import org.broadleafcommerce.common.security.service.ExploitProtectionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * What a POST to a Smartpay order endpoint must carry before anything about the order is looked at: Broadleaf's CSRF
 * token (again: {@link SmartpayAdminCsrfGuard} normally refuses first) and the form's request id, issued by this
 * server for this order, action and admin ({@link AdminRequestIds}). Also issues the ids the forms carry.
 */
final class AdminRequestChecks {

    private static final Logger LOG = LoggerFactory.getLogger(AdminRequestChecks.class);
    static final String REQUEST_ID = "requestId";

    private final ExploitProtectionService exploitProtection;
    private final AdminRequestIds requestIds;
    private final SmartpayAdminSettings settings;
    private final AdminAnswers answers;

    AdminRequestChecks(ExploitProtectionService exploitProtection, AdminRequestIds requestIds, SmartpayAdminSettings settings,
            AdminAnswers answers) {
        this.exploitProtection = exploitProtection;
        this.requestIds = requestIds;
        this.settings = settings;
        this.answers = answers;
    }

    /** True when the token and the request id are right; otherwise the 403 (JSON, with the reason) is answered. */
    boolean passed(long orderId, String action, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!csrfTokenMatches(request)) {
            answers.refuse(request, response, HttpServletResponse.SC_FORBIDDEN, AdminMessage.of("smartpay.admin.error.csrf"));
            return false;
        }
        AdminRequestIds.Verdict verdict = requestIds.check(request.getParameter(REQUEST_ID), orderId, action, currentUser());
        if (verdict != AdminRequestIds.Verdict.VALID) {
            LOG.warn("Admin {} on order {} by {} refused: request id {}", action, orderId, currentUser(), verdict);
            answers.refuse(request, response, HttpServletResponse.SC_FORBIDDEN, verdict == AdminRequestIds.Verdict.EXPIRED
                    ? AdminMessage.of("smartpay.admin.error.requestIdExpired", settings.requestIdTtl().toHours())
                    : AdminMessage.of("smartpay.admin.error.requestIdNotIssued"));
            return false;
        }
        return true;
    }

    /** True when the CSRF token is right; otherwise the 403 (JSON) is answered. */
    boolean csrfPassed(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (csrfTokenMatches(request)) {
            return true;
        }
        answers.refuse(request, response, HttpServletResponse.SC_FORBIDDEN, AdminMessage.of("smartpay.admin.error.csrf"));
        return false;
    }

    /** A new request id for a form of {@code action} on the order, for the admin making this request. */
    String issue(long orderId, String action) {
        return requestIds.issue(orderId, action, currentUser());
    }

    /** The admin session's CSRF token, for the forms. */
    String csrfToken() {
        try {
            return exploitProtection.getCSRFToken();
        } catch (ServiceException e) {
            throw new IllegalStateException("no CSRF token for the admin session", e);
        }
    }

    private boolean csrfTokenMatches(HttpServletRequest request) {
        String token = request.getParameter(exploitProtection.getCsrfTokenParameter());
        if (token == null || token.isEmpty()) {
            return false;
        }
        try {
            exploitProtection.compareToken(token);
            return true;
        } catch (ServiceException e) {
            return false;
        }
    }

    private static String currentUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "" : authentication.getName();
    }
}
