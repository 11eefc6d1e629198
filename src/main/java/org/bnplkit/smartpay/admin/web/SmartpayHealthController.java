package org.bnplkit.smartpay.admin.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.annotation.PostConstruct;
import javax.annotation.Resource;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.bnplkit.smartpay.admin.AdminMessage;
import org.bnplkit.smartpay.admin.AdminPermissions;
import org.bnplkit.smartpay.admin.AdminRequestIds;
import org.bnplkit.smartpay.admin.SmartpayAdminSettings;
import org.bnplkit.smartpay.admin.SmartpayHealth;
import org.bnplkit.smartpay.journal.AdminActionJournal;
import org.bnplkit.smartpay.journal.OwnPersistenceContext;
import org.bnplkit.smartpay.journal.SmartpayAdminAction;
import org.bnplkit.smartpay.reconcile.SmartpayReconcileJob;
import org.bnplkit.smartpay.reconcile.SmartpayReconciler;
import org.bnplkit.smartpay.webhooks.SmartpayWebhookRegistration;
import org.broadleafcommerce.common.security.service.ExploitProtectionService;
import org.broadleafcommerce.openadmin.server.security.service.navigation.AdminNavigationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.ModelAndView;

/**
 * The admin menu's Smartpay > Health page ({@code /smartpay-health}, {@link SmartpayHealth}) and its two actions:
 * POST {@code /smartpay-health/test-connection} (the secret key, the registered endpoint and a signed test delivery)
 * and POST {@code /smartpay-health/reconcile} (a reconciliation pass now). Same checks as the Needs attention page:
 * the section's permission, the CSRF token, a request id issued with the page (journaled in SMARTPAY_ADMIN_ACTION,
 * so a double submission runs once).
 */
@Controller("blSmartpayHealthController")
public class SmartpayHealthController {

    static final String SECTION = "smartpay-health";
    private static final Logger LOG = LoggerFactory.getLogger(SmartpayHealthController.class);
    private static final String TEST = "health-test-connection";
    private static final String RECONCILE = "health-reconcile";

    @Autowired(required = false)
    @Qualifier("blSmartpayHealth")
    protected SmartpayHealth health;

    @Autowired(required = false)
    @Qualifier("blSmartpayAdminRequestIds")
    protected AdminRequestIds requestIds;

    @Autowired(required = false)
    @Qualifier("blSmartpayAdminSettings")
    protected SmartpayAdminSettings adminSettings;

    @Resource(name = "blSmartpayAdminActionJournal")
    protected AdminActionJournal adminActions;

    @Resource(name = "blSmartpayWebhookRegistration")
    protected SmartpayWebhookRegistration registration;

    @Resource(name = "blSmartpayReconcileJob")
    protected SmartpayReconcileJob reconcileJob;

    @Resource(name = "blSmartpayReconciler")
    protected SmartpayReconciler reconciler;

    /** The admin request's open EntityManager is set aside while the module's jobs run (see OwnPersistenceContext). */
    @Resource(name = "blSmartpayOwnPersistenceContext")
    protected OwnPersistenceContext persistenceContexts;

    @Resource(name = "blAdminNavigationService")
    protected AdminNavigationService navigation;

    @Resource(name = "blExploitProtectionService")
    protected ExploitProtectionService exploitProtection;

    @Resource(name = "messageSource")
    protected MessageSource messages;

    private AdminAnswers answers;
    private AdminRequestChecks checks;
    private SmartpaySectionPage section;

    @PostConstruct
    public void prepare() {
        answers = new AdminAnswers(messages);
        section = new SmartpaySectionPage(navigation, answers);
        if (health == null || requestIds == null || adminSettings == null) {
            LOG.error("the beans of bl-smartpay-admin-applicationContext.xml are missing: the Smartpay section is off");
            health = null;
        } else {
            checks = new AdminRequestChecks(exploitProtection, requestIds, adminSettings, answers);
        }
    }

    @RequestMapping(value = "/" + SECTION, method = RequestMethod.GET)
    public ModelAndView page(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AdminPermissions permissions = AdminPermissions.ofCurrentUser();
        if (section.pageRefused(permissions, request, response)) {
            return null;
        }
        if (health == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return null;
        }
        response.setHeader("Cache-Control", "no-store");
        return section.page(SECTION, "health")
                .addObject("health", health.report())
                .addObject("testRequestId", checks.issue(0, TEST))
                .addObject("reconcileRequestId", checks.issue(0, RECONCILE))
                .addObject("baseUrl", request.getContextPath() + "/" + SECTION)
                .addObject("csrfToken", checks.csrfToken());
    }

    @RequestMapping(value = "/" + SECTION + "/test-connection", method = RequestMethod.POST)
    public void testConnection(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!accepted(TEST, request, response)) {
            return;
        }
        SmartpayAdminAction row = begin(TEST, request);
        if (row == null) {
            repeated(request, response);
            return;
        }
        SmartpayWebhookRegistration.ConnectionCheck check = persistenceContexts.run(() -> registration.testConnection());
        List<Map<String, Object>> steps = new ArrayList<Map<String, Object>>();
        for (SmartpayWebhookRegistration.Check c : check.checks()) {
            Map<String, Object> m = new LinkedHashMap<String, Object>();
            m.put("check", c.name());
            m.put("ok", c.ok());
            m.put("detail", c.detail());
            steps.add(m);
        }
        adminActions.finish(row.getId(), check.toString());
        Map<String, Object> body = new LinkedHashMap<String, Object>();
        body.put("ok", check.ok());
        body.put("message", answers.message(request, AdminMessage.of(check.ok() ? "smartpay.health.test.ok" : "smartpay.health.test.failed")));
        body.put("checks", steps);
        AdminAnswers.write(response, HttpServletResponse.SC_OK, body);
    }

    @RequestMapping(value = "/" + SECTION + "/reconcile", method = RequestMethod.POST)
    public void reconcile(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!accepted(RECONCILE, request, response)) {
            return;
        }
        SmartpayAdminAction row = begin(RECONCILE, request);
        if (row == null) {
            repeated(request, response);
            return;
        }
        // the job's own pass when its lease is free (recorded where the page reads the last pass from); while a node
        // holds it (running, or resting until its next interval) a pass of the admin's own, as the JSON API runs it
        SmartpayReconciler.ReconcileReport report = persistenceContexts.run(() -> {
            SmartpayReconciler.ReconcileReport pass = reconcileJob.runOnce();
            return pass != null ? pass : reconciler.reconcile(new Date());
        });
        adminActions.finish(row.getId(), report.toString());
        Map<String, Object> body = new LinkedHashMap<String, Object>();
        body.put("ok", true);
        body.put("message", answers.message(request, AdminMessage.of("smartpay.health.reconcile.done", report.toString())));
        AdminAnswers.write(response, HttpServletResponse.SC_OK, body);
    }

    private boolean accepted(String action, HttpServletRequest request, HttpServletResponse response) throws IOException {
        AdminPermissions permissions = AdminPermissions.ofCurrentUser();
        if (section.actionRefused(permissions, request, response)) {
            return false;
        }
        if (health == null) {
            answers.refuse(request, response, HttpServletResponse.SC_NOT_FOUND, AdminMessage.of("smartpay.admin.error.unexpected"));
            return false;
        }
        return checks.passed(0, action, request, response);
    }

    private SmartpayAdminAction begin(String action, HttpServletRequest request) {
        SmartpayAdminAction row = new SmartpayAdminAction();
        row.setRequestId(request.getParameter(AdminRequestChecks.REQUEST_ID));
        row.setItemKey("health");
        row.setAction(action.equals(TEST) ? "TEST" : "RECONCILE");
        row.setAdminUser(SmartpaySectionPage.currentUser());
        row.setCreatedAt(new Date());
        return adminActions.begin(row);
    }

    private void repeated(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SmartpayAdminAction earlier = adminActions.findByRequestId(request.getParameter(AdminRequestChecks.REQUEST_ID));
        Map<String, Object> body = new LinkedHashMap<String, Object>();
        body.put("ok", true);
        body.put("message", answers.message(request, AdminMessage.of("smartpay.attention.done.already",
                earlier == null || earlier.getResult() == null ? "…" : earlier.getResult())));
        AdminAnswers.write(response, HttpServletResponse.SC_OK, body);
    }

    /** Nothing this controller serves shows a stack trace. */
    @ExceptionHandler(Exception.class)
    public void unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        LOG.error("Smartpay health request {} failed", request.getRequestURI(), e);
        answers.refuse(request, response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, AdminMessage.of("smartpay.admin.error.unexpected"));
    }
}
