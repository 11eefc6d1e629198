package org.bnplkit.smartpay.admin.web;

import java.io.IOException;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.annotation.PostConstruct;
import javax.annotation.Resource;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.bnplkit.smartpay.admin.AdminMessage;
import org.bnplkit.smartpay.admin.AdminPermissions;
import org.bnplkit.smartpay.admin.FormErrors;
import org.bnplkit.smartpay.admin.RefundRequestForm;
import org.bnplkit.smartpay.admin.SmartpayOrderPanel;
import org.bnplkit.smartpay.admin.SmartpayOrderPanels;
import org.bnplkit.smartpay.admin.YenFormat;
import org.bnplkit.smartpay.admin.YenInput;
import org.bnplkit.smartpay.client.RefundReason;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.money.OverRefundException;
import org.bnplkit.smartpay.operations.OperationOutcome;
import org.bnplkit.smartpay.operations.SmartpayOperationException;
import org.bnplkit.smartpay.operations.SmartpayOperationsSettings;
import org.bnplkit.smartpay.operations.SmartpayOrderOperations;
import org.broadleafcommerce.common.exception.ServiceException;
import org.broadleafcommerce.common.security.service.ExploitProtectionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.ModelAndView;


/**
 * The Smartpay panel and actions of the admin Order screen, under {@code /order/{orderId}/smartpay/...} in the
 * admin servlet context (more specific than Broadleaf's {@code /{sectionKey}/{id}/...} mappings):
 * <ul>
 *   <li>GET {@code panel}: the panel fragment (204 when the order was not paid with Smartpay);</li>
 *   <li>GET/POST {@code refund}, {@code capture}, {@code cancel}: the modal form, then the action (JSON);</li>
 *   <li>POST {@code retry}: send a FAILED/DEAD journal row again (JSON).</li>
 * </ul>
 * Every action checks, on the server, the admin's Smartpay permission (403), the CSRF token (403; the admin's
 * CSRF filter normally refuses first) and that the order really is a Smartpay order (404); forms are validated
 * here (422 with field errors). Money moves only through {@link SmartpayOrderOperations}.
 */
@Controller("blSmartpayAdminOrderController")
@RequestMapping("/order/{orderId}/smartpay")
public class AdminSmartpayOrderController {

    private static final Logger LOG = LoggerFactory.getLogger(AdminSmartpayOrderController.class);
    private static final String MODAL = "modules/modalContainer";

    /**
     * Declared by the admin root file (bl-smartpay-admin-applicationContext.xml). Optional so that this servlet
     * file also loads below a root context without it (the module's other admin endpoints, tests); every Smartpay
     * order endpoint then answers 404 and the start-up log says why.
     */
    @Autowired(required = false)
    @Qualifier("blSmartpayOrderPanels")
    protected SmartpayOrderPanels panels;

    @Resource(name = "blSmartpayOrderOperations")
    protected SmartpayOrderOperations operations;

    @Resource(name = "blSmartpayOperationsSettings")
    protected SmartpayOperationsSettings operationsSettings;

    @Resource(name = "blExploitProtectionService")
    protected ExploitProtectionService exploitProtection;

    @Resource(name = "messageSource")
    protected MessageSource messages;

    private AdminAnswers answers;

    @PostConstruct
    public void prepare() {
        answers = new AdminAnswers(messages);
        if (panels == null) {
            LOG.error("bean blSmartpayOrderPanels is missing: add classpath:/bl-smartpay-admin-applicationContext.xml"
                    + " to the admin's patchConfigLocation; the Smartpay order panel and actions are off");
        }
    }

    // ---- panel ------------------------------------------------------------------------------------------------

    @RequestMapping(value = "/panel", method = RequestMethod.GET)
    public ModelAndView panel(@PathVariable("orderId") long orderId, HttpServletResponse response) {
        SmartpayOrderPanel panel = panelOf(orderId, AdminPermissions.ofCurrentUser(), true);
        if (panel == null) {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return null; // handled: no view
        }
        response.setHeader("Cache-Control", "no-store");
        return new ModelAndView("views/smartpay/panel", "panel", panel);
    }

    // ---- refund -----------------------------------------------------------------------------------------------

    @RequestMapping(value = "/refund", method = RequestMethod.GET)
    public ModelAndView refundForm(@PathVariable("orderId") long orderId, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        AdminPermissions permissions = AdminPermissions.ofCurrentUser();
        ModelAndView modal = actionForm(orderId, "refund", permissions, permissions.mayRefund(), request, response);
        return modal == null ? null : modal.addObject("requestId", "admin-" + orderId + "-" + UUID.randomUUID());
    }

    @RequestMapping(value = "/refund", method = RequestMethod.POST)
    public void refund(@PathVariable("orderId") long orderId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        AdminPermissions permissions = AdminPermissions.ofCurrentUser();
        if (!permissions.mayRefund()) {
            answers.refuse(request, response, HttpServletResponse.SC_FORBIDDEN, AdminMessage.of("smartpay.admin.error.forbidden"));
            return;
        }
        if (!csrfTokenMatches(request)) {
            answers.refuse(request, response, HttpServletResponse.SC_FORBIDDEN, AdminMessage.of("smartpay.admin.error.csrf"));
            return;
        }
        SmartpayOrderPanel panel = panelOf(orderId, permissions, false);
        if (panel == null) {
            answers.refuse(request, response, HttpServletResponse.SC_NOT_FOUND, AdminMessage.of("smartpay.admin.error.notSmartpayOrder"));
            return;
        }
        Map<Long, Integer> returnable = new LinkedHashMap<Long, Integer>();
        for (SmartpayOrderPanel.RefundableItem item : panel.getItems()) {
            returnable.put(item.getOrderItemId(), item.getReturnableQuantity());
        }
        RefundRequestForm form = RefundRequestForm.read(singleValues(request), panel.getRefundable(), returnable);
        if (!form.isValid()) {
            answers.invalid(request, response, form.errors());
            return;
        }
        RefundReason reason = RefundReason.fromWireValue(form.reason());
        OperationOutcome outcome;
        try {
            outcome = form.byItems()
                    ? operations.refundItems(orderId, form.itemQuantities(), reason, form.description(), form.requestId())
                    : operations.refund(orderId, form.amount(), reason, form.description(), form.requestId());
        } catch (OverRefundException e) {
            answers.invalid(request, response, new FormErrors().reject(form.byItems() ? FormErrors.FORM : RefundRequestForm.AMOUNT,
                    AdminMessage.of("smartpay.admin.error.amountTooLarge", YenFormat.format(panel.getRefundable()))));
            return;
        } catch (SmartpayOperationException e) {
            refused(request, response, e);
            return;
        }
        LOG.info("Admin refund on order {}: {} ({})", orderId, outcome.operationKey(), outcome.overallStatus());
        answer(request, response, outcome, "smartpay.admin.refund.done", "smartpay.admin.refund.pending");
    }

    // ---- capture ----------------------------------------------------------------------------------------------

    @RequestMapping(value = "/capture", method = RequestMethod.GET)
    public ModelAndView captureForm(@PathVariable("orderId") long orderId, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        AdminPermissions permissions = AdminPermissions.ofCurrentUser();
        return actionForm(orderId, "capture", permissions, permissions.mayCaptureAndCancel(), request, response);
    }

    @RequestMapping(value = "/capture", method = RequestMethod.POST)
    public void capture(@PathVariable("orderId") long orderId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        SmartpayOrderPanel panel = checkedPanel(orderId, request, response);
        if (panel == null) {
            return;
        }
        if (!panel.isCapturePossible()) {
            answers.invalid(request, response, new FormErrors().reject(FormErrors.FORM, AdminMessage.of("smartpay.admin.error.nothingToCapture")));
            return;
        }
        YenInput amount = YenInput.parse(request.getParameter("amount"), panel.getUncaptured(), "smartpay.admin.error.captureTooLarge");
        if (!amount.isValid()) {
            answers.invalid(request, response, new FormErrors().reject("amount", amount.problem()));
            return;
        }
        OperationOutcome outcome;
        try {
            outcome = operations.capture(orderId, amount.amount());
        } catch (SmartpayOperationException e) {
            refused(request, response, e);
            return;
        }
        LOG.info("Admin capture on order {}: {} ({})", orderId, outcome.operationKey(), outcome.overallStatus());
        answer(request, response, outcome, "smartpay.admin.capture.done", "smartpay.admin.capture.pending");
    }

    // ---- cancel -----------------------------------------------------------------------------------------------

    @RequestMapping(value = "/cancel", method = RequestMethod.GET)
    public ModelAndView cancelForm(@PathVariable("orderId") long orderId, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        AdminPermissions permissions = AdminPermissions.ofCurrentUser();
        ModelAndView modal = actionForm(orderId, "cancel", permissions, permissions.mayCaptureAndCancel(), request, response);
        return modal == null ? null : modal.addObject("refundsCaptured", operationsSettings.refundCapturedOnCancel());
    }

    @RequestMapping(value = "/cancel", method = RequestMethod.POST)
    public void cancel(@PathVariable("orderId") long orderId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        SmartpayOrderPanel panel = checkedPanel(orderId, request, response);
        if (panel == null) {
            return;
        }
        if (!panel.isCancelPossible()) {
            answers.invalid(request, response, new FormErrors().reject(FormErrors.FORM, AdminMessage.of("smartpay.admin.error.notCancellable")));
            return;
        }
        OperationOutcome outcome;
        try {
            outcome = operations.cancel(orderId);
        } catch (SmartpayOperationException e) {
            refused(request, response, e);
            return;
        }
        LOG.info("Admin cancel of order {}: {} ({})", orderId, outcome.operationKey(), outcome.overallStatus());
        answer(request, response, outcome, "smartpay.admin.cancel.done", "smartpay.admin.cancel.pending");
    }

    // ---- retry ------------------------------------------------------------------------------------------------

    @RequestMapping(value = "/retry", method = RequestMethod.POST)
    public void retry(@PathVariable("orderId") long orderId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        AdminPermissions permissions = AdminPermissions.ofCurrentUser();
        if (!csrfTokenMatches(request)) {
            answers.refuse(request, response, HttpServletResponse.SC_FORBIDDEN, AdminMessage.of("smartpay.admin.error.csrf"));
            return;
        }
        SmartpayOrderPanel panel = panelOf(orderId, permissions, false);
        if (panel == null) {
            answers.refuse(request, response, HttpServletResponse.SC_NOT_FOUND, AdminMessage.of("smartpay.admin.error.notSmartpayOrder"));
            return;
        }
        String key = request.getParameter("operationKey");
        SmartpayOrderPanel.OperationRow row = null;
        for (SmartpayOrderPanel.OperationRow candidate : panel.getOperations()) {
            if (candidate.getOperationKey().equals(key)) {
                row = candidate; // only this order's rows can be retried from this order's screen
            }
        }
        if (row == null) {
            answers.refuse(request, response, HttpServletResponse.SC_NOT_FOUND, AdminMessage.of("smartpay.admin.error.unexpected"));
            return;
        }
        if (!permissions.mayRetry(row.getKind())) {
            answers.refuse(request, response, HttpServletResponse.SC_FORBIDDEN, AdminMessage.of("smartpay.admin.error.forbidden"));
            return;
        }
        if (!row.isRetryable()) {
            answers.refuse(request, response, HttpServletResponse.SC_CONFLICT, AdminMessage.of("smartpay.admin.error.unexpected"));
            return;
        }
        OperationOutcome outcome;
        try {
            outcome = operations.retry(key);
        } catch (SmartpayOperationException e) {
            refused(request, response, e);
            return;
        }
        LOG.info("Admin retry on order {}: {} ({})", orderId, key, outcome.overallStatus());
        Map<String, Object> body = new LinkedHashMap<String, Object>();
        body.put("ok", outcome.overallStatus() != OperationStatus.FAILED && outcome.overallStatus() != OperationStatus.DEAD);
        body.put("status", String.valueOf(outcome.overallStatus()));
        body.put("message", answers.message(request, AdminMessage.of("smartpay.admin.retry.done", key)));
        AdminAnswers.write(response, HttpServletResponse.SC_OK, body);
    }

    // ---- shared -----------------------------------------------------------------------------------------------

    /** The order's panel; null when it was not paid with Smartpay (or the admin root file is not loaded). */
    private SmartpayOrderPanel panelOf(long orderId, AdminPermissions permissions, boolean askSmartpay) {
        return panels == null ? null : panels.panel(orderId, permissions, askSmartpay);
    }

    /** Permission (capture and cancel), CSRF token and a Smartpay order, or an answer and null. */
    private SmartpayOrderPanel checkedPanel(long orderId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        AdminPermissions permissions = AdminPermissions.ofCurrentUser();
        if (!permissions.mayCaptureAndCancel()) {
            answers.refuse(request, response, HttpServletResponse.SC_FORBIDDEN, AdminMessage.of("smartpay.admin.error.forbidden"));
            return null;
        }
        if (!csrfTokenMatches(request)) {
            answers.refuse(request, response, HttpServletResponse.SC_FORBIDDEN, AdminMessage.of("smartpay.admin.error.csrf"));
            return null;
        }
        SmartpayOrderPanel panel = panelOf(orderId, permissions, true);
        if (panel == null) {
            answers.refuse(request, response, HttpServletResponse.SC_NOT_FOUND, AdminMessage.of("smartpay.admin.error.notSmartpayOrder"));
        }
        return panel;
    }

    /**
     * The modal form of one action (refund, capture, cancel): 403 without the permission, 404 for an order not paid
     * with Smartpay (both answered here; null is returned), else the form with the order's panel.
     */
    private ModelAndView actionForm(long orderId, String action, AdminPermissions permissions, boolean permitted,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!permitted) {
            return forbiddenPage(request, response);
        }
        SmartpayOrderPanel panel = panelOf(orderId, permissions, false);
        if (panel == null) {
            return notSmartpayPage(request, response);
        }
        return modal(request, panel, "smartpay.admin." + action + ".title", "smartpay/" + action + "Form", orderId, action);
    }

    private ModelAndView modal(HttpServletRequest request, SmartpayOrderPanel panel, String title, String view,
            long orderId, String action) {
        return new ModelAndView(MODAL)
                .addObject("panel", panel)
                .addObject("formAction", request.getContextPath() + "/order/" + orderId + "/smartpay/" + action)
                .addObject("csrfToken", csrfToken())
                .addObject("modalHeaderType", "custom")
                .addObject("modalTitle", title)
                .addObject("viewType", view);
    }

    /** Defense in depth: the admin's CSRF filter checks every POST already, when the admin is wired that way. */
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

    private String csrfToken() {
        try {
            return exploitProtection.getCSRFToken();
        } catch (ServiceException e) {
            throw new IllegalStateException("no CSRF token for the admin session", e);
        }
    }

    private void answer(HttpServletRequest request, HttpServletResponse response, OperationOutcome outcome,
            String doneKey, String pendingKey) throws IOException {
        Map<String, Object> body = new LinkedHashMap<String, Object>();
        OperationStatus status = outcome.isNothingToDo() ? OperationStatus.SUCCEEDED : outcome.overallStatus();
        body.put("status", String.valueOf(status));
        body.put("operationKey", outcome.operationKey());
        if (status == OperationStatus.FAILED || status == OperationStatus.DEAD) {
            String why = firstError(outcome);
            body.put("ok", false);
            body.put("errors", answers.errorMap(request, new FormErrors().reject(FormErrors.FORM,
                    AdminMessage.of("smartpay.admin.error.refused", why))));
        } else {
            body.put("ok", true);
            String amount = YenFormat.format(outcome.amount());
            body.put("message", answers.message(request, AdminMessage.of(status == OperationStatus.SUCCEEDED ? doneKey : pendingKey, amount)));
        }
        AdminAnswers.write(response, HttpServletResponse.SC_OK, body);
    }

    private static String firstError(OperationOutcome outcome) {
        if (outcome.errorCode() != null || outcome.errorMessage() != null) {
            return (outcome.errorCode() == null ? "" : outcome.errorCode() + " ") + (outcome.errorMessage() == null ? "" : outcome.errorMessage());
        }
        for (OperationOutcome part : outcome.parts()) {
            String inPart = firstError(part);
            if (!inPart.isEmpty()) {
                return inPart;
            }
        }
        return "";
    }

    /** The operations refused the request (nothing was journaled or sent); the reason goes to the log. */
    private void refused(HttpServletRequest request, HttpServletResponse response, SmartpayOperationException e)
            throws IOException {
        LOG.info("Smartpay operation refused: {}", e.getMessage());
        answers.refuse(request, response, HttpServletResponse.SC_CONFLICT, AdminMessage.of("smartpay.admin.error.refused", e.getMessage()));
    }

    /** Nothing this controller serves shows a stack trace: a request it cannot read, or a failure, is answered as JSON. */
    @ExceptionHandler(Exception.class)
    public void unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (e instanceof TypeMismatchException || e instanceof ServletRequestBindingException) {
            LOG.info("Smartpay admin request {} refused (400): {}", request.getRequestURI(), e.getMessage());
            answers.refuse(request, response, HttpServletResponse.SC_BAD_REQUEST, AdminMessage.of("smartpay.admin.error.badRequest"));
            return;
        }
        LOG.error("Smartpay admin request {} failed", request.getRequestURI(), e);
        answers.refuse(request, response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, AdminMessage.of("smartpay.admin.error.unexpected"));
    }

    private ModelAndView forbiddenPage(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_FORBIDDEN, answers.message(request, AdminMessage.of("smartpay.admin.error.forbidden")));
        return null;
    }

    private ModelAndView notSmartpayPage(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND, answers.message(request, AdminMessage.of("smartpay.admin.error.notSmartpayOrder")));
        return null;
    }

    private static Map<String, String> singleValues(HttpServletRequest request) {
        Map<String, String> values = new LinkedHashMap<String, String>();
        Enumeration<String> names = request.getParameterNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            values.put(name, request.getParameter(name));
        }
        return values;
    }

}
