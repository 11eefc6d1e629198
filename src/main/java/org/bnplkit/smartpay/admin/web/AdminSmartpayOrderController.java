package org.bnplkit.smartpay.admin.web;

import java.io.IOException;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.annotation.PostConstruct;
import javax.annotation.Resource;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.bnplkit.smartpay.admin.AdminMessage;
import org.bnplkit.smartpay.admin.AdminPermissions;
import org.bnplkit.smartpay.admin.AdminRequestIds;
import org.bnplkit.smartpay.admin.FormErrors;
import org.bnplkit.smartpay.admin.RefundRequestForm;
import org.bnplkit.smartpay.admin.SmartpayOrderPanel;
import org.bnplkit.smartpay.admin.SmartpayAdminCalls;
import org.bnplkit.smartpay.admin.SmartpayAdminSettings;
import org.bnplkit.smartpay.admin.SmartpayOrderPanels;
import org.bnplkit.smartpay.admin.YenFormat;
import org.bnplkit.smartpay.admin.YenInput;
import org.bnplkit.smartpay.client.RefundReason;
import org.bnplkit.smartpay.money.OverRefundException;
import org.bnplkit.smartpay.operations.OperationKeys;
import org.bnplkit.smartpay.operations.SmartpayOperationsSettings;
import org.bnplkit.smartpay.operations.SmartpayOrderOperations;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The Smartpay panel and actions of the admin Order screen, under {@code /order/{orderId}/smartpay/...} in the
 * admin servlet context (more specific than Broadleaf's {@code /{sectionKey}/{id}/...} mappings):
 * <ul>
 *   <li>GET {@code panel}: the panel fragment (204 when the order was not paid with Smartpay);</li>
 *   <li>GET/POST {@code refund}, {@code capture}, {@code cancel}: the modal form, then the action (JSON);</li>
 *   <li>POST {@code retry}: send a FAILED/DEAD journal row again (JSON).</li>
 * </ul>
 * Every action checks, on the server, the admin's Smartpay permission (403), the CSRF token (403; the module's
 * {@link SmartpayAdminCsrfGuard} normally refuses first), the form's request id ({@link AdminRequestIds}: issued by this
 * server for this order, action and admin, not expired; 403) and that the order really is a Smartpay order (404); forms
 * are validated here (422 with field errors). Money moves only through {@link SmartpayOrderOperations}, with the
 * request id as the request's own key, and the admin waits for Smartpay at most
 * gateway.smartpay.admin.answerWithinMillis ({@link AdminActionRunner}).
 */
@Controller("blSmartpayAdminOrderController")
@RequestMapping("/order/{orderId}/smartpay")
public class AdminSmartpayOrderController {

    private static final Logger LOG = LoggerFactory.getLogger(AdminSmartpayOrderController.class);
    private static final String MODAL = "modules/modalContainer";
    /** The actions a request id is bound to (with the order and the admin user). */
    static final String REFUND = "refund";
    static final String CAPTURE = "capture";
    static final String CANCEL = "cancel";
    static final String RETRY = "retry";
    static final String REQUEST_ID = AdminRequestChecks.REQUEST_ID;
    /** The cancel form's choice: cancel the order, or release only what is not captured and keep the captures. */
    static final String ORDER_SCOPE = "order";
    static final String RELEASE_SCOPE = "remainder";

    /**
     * Declared by the admin root file (bl-smartpay-admin-applicationContext.xml). Optional so that this servlet
     * file also loads below a root context without it (the module's other admin endpoints, tests); every Smartpay
     * order endpoint then answers 404 and the start-up log says why.
     */
    @Autowired(required = false)
    @Qualifier("blSmartpayOrderPanels")
    protected SmartpayOrderPanels panels;

    @Autowired(required = false)
    @Qualifier("blSmartpayAdminRequestIds")
    protected AdminRequestIds requestIds;

    @Autowired(required = false)
    @Qualifier("blSmartpayAdminCalls")
    protected SmartpayAdminCalls calls;

    @Autowired(required = false)
    @Qualifier("blSmartpayAdminSettings")
    protected SmartpayAdminSettings adminSettings;

    @Resource(name = "blSmartpayOrderOperations")
    protected SmartpayOrderOperations operations;

    @Resource(name = "blSmartpayOperationsSettings")
    protected SmartpayOperationsSettings operationsSettings;

    @Resource(name = "blExploitProtectionService")
    protected ExploitProtectionService exploitProtection;

    @Resource(name = "messageSource")
    protected MessageSource messages;

    private AdminAnswers answers;
    private AdminActionRunner runner;
    private AdminRequestChecks checks;

    @PostConstruct
    public void prepare() {
        answers = new AdminAnswers(messages);
        if (panels == null || requestIds == null || calls == null || adminSettings == null) {
            LOG.error("the beans of bl-smartpay-admin-applicationContext.xml are missing: add that file"
                    + " to the admin's patchConfigLocation; the Smartpay order panel and actions are off");
            panels = null;
        } else {
            runner = new AdminActionRunner(calls, adminSettings, operations, answers);
            checks = new AdminRequestChecks(exploitProtection, requestIds, adminSettings, answers);
        }
    }

    // ---- panel ------------------------------------------------------------------------------------------------

    /**
     * The panel fragment; {@code live=false} leaves out Smartpay's live status (the page polls that way while an
     * operation settles, so a slow Smartpay is not asked again and again).
     */
    @RequestMapping(value = "/panel", method = RequestMethod.GET)
    public ModelAndView panel(@PathVariable("orderId") long orderId,
            @RequestParam(value = "live", defaultValue = "true") boolean live, HttpServletResponse response) {
        AdminPermissions permissions = AdminPermissions.ofCurrentUser();
        SmartpayOrderPanel panel = panelOf(orderId, permissions, live);
        if (panel == null) {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return null; // handled: no view
        }
        response.setHeader("Cache-Control", "no-store");
        return new ModelAndView("views/smartpay/panel", "panel", panel)
                .addObject("retryRequestId", permissions.mayRefund() || permissions.mayCaptureAndCancel()
                        ? checks.issue(orderId, RETRY) : null);
    }

    // ---- refund -----------------------------------------------------------------------------------------------

    @RequestMapping(value = "/refund", method = RequestMethod.GET)
    public ModelAndView refundForm(@PathVariable("orderId") long orderId, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        AdminPermissions permissions = AdminPermissions.ofCurrentUser();
        return actionForm(orderId, REFUND, permissions, permissions.mayRefund(), request, response);
    }

    @RequestMapping(value = "/refund", method = RequestMethod.POST)
    public void refund(@PathVariable("orderId") final long orderId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        AdminPermissions permissions = AdminPermissions.ofCurrentUser();
        if (!permissions.mayRefund()) {
            answers.refuse(request, response, HttpServletResponse.SC_FORBIDDEN, AdminMessage.of("smartpay.admin.error.forbidden"));
            return;
        }
        final SmartpayOrderPanel panel = checkedRequest(orderId, REFUND, permissions, false, request, response);
        if (panel == null) {
            return;
        }
        Map<Long, Integer> returnable = new LinkedHashMap<Long, Integer>();
        for (SmartpayOrderPanel.RefundableItem item : panel.getItems()) {
            returnable.put(item.getOrderItemId(), item.getReturnableQuantity());
        }
        final RefundRequestForm form = RefundRequestForm.read(singleValues(request), panel.getRefundable(), returnable);
        if (!form.isValid()) {
            answers.invalid(request, response, form.errors());
            return;
        }
        final RefundReason reason = RefundReason.fromWireValue(form.reason());
        OverRefundException overRefund = runner.runAndAnswer(request, response, "refund on order " + orderId, () -> form.byItems()
                ? operations.refundItems(orderId, form.itemQuantities(), reason, form.description(), form.requestId())
                : operations.refund(orderId, form.amount(), reason, form.description(), form.requestId()),
                OperationKeys.refundRequest(form.requestId()), AdminActionRunner.Wording.REFUND, OverRefundException.class);
        if (overRefund != null) {
            answers.invalid(request, response, new FormErrors().reject(form.byItems() ? FormErrors.FORM : RefundRequestForm.AMOUNT,
                    AdminMessage.of("smartpay.admin.error.amountTooLarge", YenFormat.format(panel.getRefundable()))));
        }
    }

    // ---- capture ----------------------------------------------------------------------------------------------

    @RequestMapping(value = "/capture", method = RequestMethod.GET)
    public ModelAndView captureForm(@PathVariable("orderId") long orderId, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        AdminPermissions permissions = AdminPermissions.ofCurrentUser();
        return actionForm(orderId, CAPTURE, permissions, permissions.mayCaptureAndCancel(), request, response);
    }

    @RequestMapping(value = "/capture", method = RequestMethod.POST)
    public void capture(@PathVariable("orderId") final long orderId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        AdminPermissions permissions = AdminPermissions.ofCurrentUser();
        if (!permissions.mayCaptureAndCancel()) {
            answers.refuse(request, response, HttpServletResponse.SC_FORBIDDEN, AdminMessage.of("smartpay.admin.error.forbidden"));
            return;
        }
        SmartpayOrderPanel panel = checkedRequest(orderId, CAPTURE, permissions, true, request, response);
        if (panel == null) {
            return;
        }
        if (!panel.isCapturePossible()) {
            answers.invalid(request, response, new FormErrors().reject(FormErrors.FORM, AdminMessage.of("smartpay.admin.error.nothingToCapture")));
            return;
        }
        final YenInput amount = YenInput.parse(request.getParameter("amount"), panel.getUncaptured(), "smartpay.admin.error.captureTooLarge");
        if (!amount.isValid()) {
            answers.invalid(request, response, new FormErrors().reject("amount", amount.problem()));
            return;
        }
        final String requestId = request.getParameter(REQUEST_ID);
        runner.runAndAnswer(request, response, "capture on order " + orderId,
                () -> operations.capture(orderId, amount.amount(), requestId),
                OperationKeys.captureRequest(requestId), AdminActionRunner.Wording.CAPTURE, NothingElse.class);
    }

    // ---- cancel -----------------------------------------------------------------------------------------------

    @RequestMapping(value = "/cancel", method = RequestMethod.GET)
    public ModelAndView cancelForm(@PathVariable("orderId") long orderId, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        AdminPermissions permissions = AdminPermissions.ofCurrentUser();
        ModelAndView modal = actionForm(orderId, CANCEL, permissions, permissions.mayCaptureAndCancel(), request, response);
        return modal == null ? null : modal.addObject("refundsCaptured", operationsSettings.refundCapturedOnCancel());
    }

    /** The order's one cancel ({@code cancel:order:<id>}): two people cancelling both get that cancel's outcome. */
    @RequestMapping(value = "/cancel", method = RequestMethod.POST)
    public void cancel(@PathVariable("orderId") final long orderId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        AdminPermissions permissions = AdminPermissions.ofCurrentUser();
        if (!permissions.mayCaptureAndCancel()) {
            answers.refuse(request, response, HttpServletResponse.SC_FORBIDDEN, AdminMessage.of("smartpay.admin.error.forbidden"));
            return;
        }
        SmartpayOrderPanel panel = checkedRequest(orderId, CANCEL, permissions, true, request, response);
        if (panel == null) {
            return;
        }
        if (!panel.isCancelPossible()) {
            answers.invalid(request, response, new FormErrors().reject(FormErrors.FORM, AdminMessage.of("smartpay.admin.error.notCancellable")));
            return;
        }
        String scope = request.getParameter("scope");
        if (RELEASE_SCOPE.equals(scope)) {
            // what is not captured is released, the captures are kept whatever refundCaptured says
            runner.runAndAnswer(request, response, "release of order " + orderId, () -> operations.releaseRemainder(orderId),
                    OperationKeys.releaseRemainder(orderId), AdminActionRunner.Wording.RELEASE, NothingElse.class);
            return;
        }
        if (scope != null && !ORDER_SCOPE.equals(scope)) {
            answers.invalid(request, response, new FormErrors().reject(FormErrors.FORM, AdminMessage.of("smartpay.admin.error.badRequest")));
            return;
        }
        runner.runAndAnswer(request, response, "cancel of order " + orderId, () -> operations.cancel(orderId),
                OperationKeys.cancelOrder(orderId), AdminActionRunner.Wording.CANCEL, NothingElse.class);
    }

    // ---- retry ------------------------------------------------------------------------------------------------

    @RequestMapping(value = "/retry", method = RequestMethod.POST)
    public void retry(@PathVariable("orderId") long orderId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        AdminPermissions permissions = AdminPermissions.ofCurrentUser();
        SmartpayOrderPanel panel = checkedRequest(orderId, RETRY, permissions, false, request, response);
        if (panel == null) {
            return;
        }
        final String key = request.getParameter("operationKey");
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
        runner.runAndAnswer(request, response, "retry of " + key + " on order " + orderId, () -> operations.retry(key), key,
                AdminActionRunner.Wording.RETRY, NothingElse.class);
    }

    // ---- shared -----------------------------------------------------------------------------------------------

    /** The order's panel; null when it was not paid with Smartpay (or the admin root file is not loaded). */
    private SmartpayOrderPanel panelOf(long orderId, AdminPermissions permissions, boolean askSmartpay) {
        return panels == null ? null : panels.panel(orderId, permissions, askSmartpay);
    }

    /**
     * The CSRF token, the form's request id (issued by this server for this order, action and admin, not expired) and
     * a Smartpay order: the panel, or null once the refusal is answered. The caller checked the permission.
     */
    private SmartpayOrderPanel checkedRequest(long orderId, String action, AdminPermissions permissions, boolean askSmartpay,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        AdminActionRunner.arrived(request);
        if (panels == null) {
            answers.refuse(request, response, HttpServletResponse.SC_NOT_FOUND, AdminMessage.of("smartpay.admin.error.notSmartpayOrder"));
            return null;
        }
        if (!checks.passed(orderId, action, request, response)) {
            return null;
        }
        SmartpayOrderPanel panel = panels.panel(orderId, permissions, askSmartpay ? runner.liveStatusMillis() : 0);
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
        return modal(request, panel, "smartpay.admin." + action + ".title", "smartpay/" + action + "Form", orderId, action)
                .addObject("requestId", checks.issue(orderId, action));
    }

    private ModelAndView modal(HttpServletRequest request, SmartpayOrderPanel panel, String title, String view,
            long orderId, String action) {
        return new ModelAndView(MODAL)
                .addObject("panel", panel)
                .addObject("formAction", request.getContextPath() + "/order/" + orderId + "/smartpay/" + action)
                .addObject("csrfToken", checks.csrfToken())
                .addObject("modalHeaderType", "custom")
                .addObject("modalTitle", title)
                .addObject("viewType", view);
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

    /** The operations throw nothing the controller words itself (capture, cancel, retry). */
    private static final class NothingElse extends RuntimeException {
        private static final long serialVersionUID = 1L;
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
