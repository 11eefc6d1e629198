package org.bnplkit.smartpay.admin.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.annotation.Resource;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.bnplkit.smartpay.admin.AdminPermissions;
import org.bnplkit.smartpay.journal.JobLeases;
import org.bnplkit.smartpay.journal.OwnPersistenceContext;
import org.bnplkit.smartpay.journal.SmartpayJobLease;
import org.bnplkit.smartpay.journal.SmartpayNotice;
import org.bnplkit.smartpay.journal.SmartpayNotices;
import org.bnplkit.smartpay.journal.SmartpayWebhookEndpoint;
import org.bnplkit.smartpay.journal.SmartpayWebhookEvent;
import org.bnplkit.smartpay.journal.WebhookEndpoints;
import org.bnplkit.smartpay.journal.WebhookEventStatus;
import org.bnplkit.smartpay.journal.WebhookInbox;
import org.bnplkit.smartpay.reconcile.SmartpayReconcileJob;
import org.bnplkit.smartpay.reconcile.SmartpayReconciler;
import org.bnplkit.smartpay.webhooks.SmartpayWebhookProcessor;
import org.bnplkit.smartpay.webhooks.SmartpayWebhookRegistration;
import org.broadleafcommerce.common.exception.ServiceException;
import org.broadleafcommerce.common.security.service.ExploitProtectionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.beans.TypeMismatchException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The admin's JSON API for webhooks and reconciliation (admin servlet context; under the admin's own URL and login):
 * <pre>
 * GET  /smartpay-webhooks                             health: backlog, last processed, dead letters, open notices, last pass, endpoints
 * POST /smartpay-webhooks/events/{eventId}/reprocess  put an event back and process it now
 * POST /smartpay-webhooks/register[?url=…]           register the store's webhook URL at Smartpay (stores id + secret)
 * POST /smartpay-webhooks/test-connection            keys, endpoint, signed test delivery
 * POST /smartpay-webhooks/reconcile                  run a reconciliation pass now
 * POST /smartpay-webhooks/notices/resolve?key=…      mark a notice resolved
 * </pre>
 * Every POST checks, on the server, the admin's authority {@value #PERMISSION} (friendly permission "Smartpay: capture
 * and cancel", config/bc/sql/load_smartpay_admin_security.sql) and Broadleaf's CSRF token (parameter {@code csrfToken}):
 * 403 otherwise. Answers never contain a signing secret.
 */
@Controller("blSmartpayWebhookAdminController")
@RequestMapping("/smartpay-webhooks")
public class SmartpayWebhookAdminController {

    public static final String PERMISSION = "PERMISSION_SMARTPAY_CAPTURE_CANCEL";
    private static final Logger LOG = LoggerFactory.getLogger(SmartpayWebhookAdminController.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Resource(name = "blSmartpayWebhookInbox")
    protected WebhookInbox inbox;

    @Resource(name = "blSmartpayNotices")
    protected SmartpayNotices notices;

    @Resource(name = "blSmartpayJobLeases")
    protected JobLeases leases;

    @Resource(name = "blSmartpayWebhookEndpoints")
    protected WebhookEndpoints endpoints;

    @Resource(name = "blSmartpayWebhookProcessor")
    protected SmartpayWebhookProcessor processor;

    @Resource(name = "blSmartpayWebhookRegistration")
    protected SmartpayWebhookRegistration registration;

    @Resource(name = "blSmartpayReconciler")
    protected SmartpayReconciler reconciler;

    @Resource(name = "blExploitProtectionService")
    protected ExploitProtectionService exploitProtection;

    @Resource(name = "blSmartpayOwnPersistenceContext")
    protected OwnPersistenceContext persistenceContexts;

    @RequestMapping(method = RequestMethod.GET)
    public void status(HttpServletResponse response) throws IOException {
        if (!isAdmin()) {
            write(response, 403, error("not signed in to the admin"));
            return;
        }
        // notices name orders and amounts: only for those who may see the Smartpay section or act on payments
        if (!hasAuthority(AdminPermissions.SECTION) && !hasAuthority(PERMISSION)) {
            write(response, 403, error("the Smartpay section permission is needed"));
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> backlog = new LinkedHashMap<>();
        for (WebhookEventStatus s : WebhookEventStatus.values()) {
            backlog.put(s.name(), inbox.count(s));
        }
        out.put("events", backlog);
        out.put("lastProcessedAt", inbox.lastProcessedAt());
        List<Map<String, Object>> dead = new ArrayList<>();
        for (SmartpayWebhookEvent e : inbox.list(WebhookEventStatus.DEAD, 50)) {
            dead.add(event(e));
        }
        out.put("deadLetters", dead);
        List<Map<String, Object>> open = new ArrayList<>();
        for (SmartpayNotice n : notices.open(100)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", n.getNoticeKey());
            m.put("kind", n.getKind().name());
            m.put("severity", n.getSeverity().name());
            m.put("orderId", n.getOrderId());
            m.put("smartpayOrderId", n.getSmartpayOrderId());
            m.put("message", n.getMessage());
            m.put("occurrences", n.getOccurrences());
            m.put("updatedAt", n.getUpdatedAt());
            open.add(m);
        }
        out.put("openNotices", open);
        SmartpayJobLease pass = leases.find(SmartpayReconcileJob.JOB);
        Map<String, Object> reconcile = new LinkedHashMap<>();
        reconcile.put("lastStartedAt", pass == null ? null : pass.getLastStartedAt());
        reconcile.put("lastFinishedAt", pass == null ? null : pass.getLastFinishedAt());
        reconcile.put("lastResult", pass == null ? null : pass.getLastResult());
        out.put("reconciliation", reconcile);
        List<Map<String, Object>> registered = new ArrayList<>();
        for (SmartpayWebhookEndpoint e : endpoints.active()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("endpointId", e.getEndpointId());
            m.put("url", e.getUrl());
            m.put("mode", e.getMode());
            m.put("createdAt", e.getCreatedAt());
            registered.add(m);
        }
        out.put("endpoints", registered);
        write(response, 200, out);
    }

    @RequestMapping(value = "/events/{eventId}/reprocess", method = RequestMethod.POST)
    public void reprocess(@PathVariable("eventId") String eventId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (refused(request, response)) {
            return;
        }
        // on a persistence context of its own: the request's open EntityManager would hide the claim and the event
        // would stay RETRYING (see OwnPersistenceContext)
        SmartpayWebhookEvent row = persistenceContexts.run(() -> processor.reprocess(eventId));
        if (row == null) {
            write(response, 404, error("no event " + eventId));
            return;
        }
        LOG.info("Admin {} re-processed Smartpay webhook {}: {}", user(), eventId, row.getStatus());
        write(response, 200, event(row));
    }

    @RequestMapping(value = "/register", method = RequestMethod.POST)
    public void register(@RequestParam(value = "url", required = false) String url, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        if (refused(request, response)) {
            return;
        }
        try {
            SmartpayWebhookRegistration.Registered registered = registration.register(url);
            LOG.info("Admin {} registered the Smartpay webhook endpoint {}", user(), registered.endpointId());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("endpointId", registered.endpointId());
            out.put("url", registered.url());
            out.put("mode", registered.mode());
            out.put("events", registered.events());
            write(response, 200, out);
        } catch (RuntimeException e) {
            write(response, 400, error(e.getMessage()));
        }
    }

    @RequestMapping(value = "/test-connection", method = RequestMethod.POST)
    public void testConnection(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (refused(request, response)) {
            return;
        }
        SmartpayWebhookRegistration.ConnectionCheck check = registration.testConnection();
        List<Map<String, Object>> steps = new ArrayList<>();
        for (SmartpayWebhookRegistration.Check c : check.checks()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("check", c.name());
            m.put("ok", c.ok());
            m.put("detail", c.detail());
            steps.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ok", check.ok());
        out.put("checks", steps);
        write(response, 200, out);
    }

    @RequestMapping(value = "/reconcile", method = RequestMethod.POST)
    public void reconcile(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (refused(request, response)) {
            return;
        }
        SmartpayReconciler.ReconcileReport report = reconciler.reconcile(new Date());
        LOG.info("Admin {} ran a Smartpay reconciliation pass: {}", user(), report);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("report", report.toString());
        write(response, 200, out);
    }

    @RequestMapping(value = "/notices/resolve", method = RequestMethod.POST)
    public void resolve(@RequestParam("key") String key, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (refused(request, response)) {
            return;
        }
        boolean resolved = notices.resolve(key);
        write(response, resolved ? 200 : 404, resolved ? (Object) java.util.Collections.singletonMap("resolved", key)
                : error("no open notice " + key));
    }

    /** Nothing this API serves shows a stack trace: a request it cannot read, or a failure, is answered as JSON. */
    @ExceptionHandler(Exception.class)
    public void unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (e instanceof TypeMismatchException || e instanceof ServletRequestBindingException) {
            LOG.info("Smartpay webhook admin request {} refused (400): {}", request.getRequestURI(), e.getMessage());
            write(response, 400, error("this request is missing a parameter or has one of the wrong kind"));
            return;
        }
        LOG.error("Smartpay webhook admin request {} failed", request.getRequestURI(), e);
        write(response, 500, error("the request failed; the details are in the server log"));
    }

    /** Permission and CSRF token, checked here whatever the store's filters do; writes the 403 itself. */
    private boolean refused(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!hasAuthority(PERMISSION)) {
            LOG.warn("Smartpay webhook admin action {} refused: {} lacks {}", request.getRequestURI(), user(), PERMISSION);
            write(response, 403, error("the Smartpay: capture and cancel permission is needed"));
            return true;
        }
        try {
            exploitProtection.compareToken(request.getParameter(exploitProtection.getCsrfTokenParameter()));
        } catch (ServiceException | RuntimeException e) {
            LOG.warn("Smartpay webhook admin action {} refused: CSRF token missing or wrong", request.getRequestURI());
            write(response, 403, error("CSRF token missing or wrong"));
            return true;
        }
        return false;
    }

    private static boolean isAdmin() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.isAuthenticated();
    }

    private static boolean hasAuthority(String name) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated() || authentication.getAuthorities() == null) {
            return false;
        }
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            if (name.equals(authority.getAuthority())) {
                return true;
            }
        }
        return false;
    }

    private static String user() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "(nobody)" : authentication.getName();
    }

    private static Map<String, Object> event(SmartpayWebhookEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("eventId", e.getEventId());
        m.put("type", e.getEventType());
        m.put("status", e.getStatus().name());
        m.put("attempts", e.getAttempts());
        m.put("smartpayOrderId", e.getSmartpayOrderId());
        m.put("objectId", e.getObjectId());
        m.put("outcome", e.getOutcome());
        m.put("lastError", e.getLastError());
        m.put("receivedAt", e.getReceivedAt());
        m.put("processedAt", e.getProcessedAt());
        return m;
    }

    private static Map<String, Object> error(String message) {
        return java.util.Collections.<String, Object>singletonMap("error", message);
    }

    private static void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), body);
    }
}
