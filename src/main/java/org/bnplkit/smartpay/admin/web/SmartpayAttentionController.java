package org.bnplkit.smartpay.admin.web;

import java.io.IOException;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.annotation.PostConstruct;
import javax.annotation.Resource;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.bnplkit.smartpay.admin.AdminMessage;
import org.bnplkit.smartpay.admin.AdminPermissions;
import org.bnplkit.smartpay.admin.AdminRequestIds;
import org.bnplkit.smartpay.admin.AttentionActions;
import org.bnplkit.smartpay.admin.AttentionItem;
import org.bnplkit.smartpay.admin.AttentionList;
import org.bnplkit.smartpay.admin.SmartpayAdminSettings;
import org.bnplkit.smartpay.journal.AdminActionJournal;
import org.broadleafcommerce.common.security.service.ExploitProtectionService;
import org.broadleafcommerce.openadmin.server.security.service.navigation.AdminNavigationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The admin menu's Smartpay > Needs attention page ({@code /smartpay-attention}): every FAILED, DEAD or long-RETRYING
 * operation, open notice and dead-letter webhook across orders, with filters by kind and age, paging and counts, and
 * POST {@code /smartpay-attention/act} for the action that settles an item ({@link AttentionActions}: Retry, Capture
 * now, Release, Reprocess, Mark resolved). Both need the friendly permission "Smartpay: needs attention and health"
 * (403 otherwise); the POST also Broadleaf's CSRF token ({@link SmartpayAdminCsrfGuard} refuses first) and the form's
 * request id, issued with the page for this admin, item (as it was) and action.
 */
@Controller("blSmartpayAttentionController")
public class SmartpayAttentionController {

    static final String SECTION = "smartpay-attention";
    private static final Logger LOG = LoggerFactory.getLogger(SmartpayAttentionController.class);

    @Autowired(required = false)
    @Qualifier("blSmartpayAttention")
    protected AttentionList list;

    @Autowired(required = false)
    @Qualifier("blSmartpayAttentionActions")
    protected AttentionActions actions;

    @Autowired(required = false)
    @Qualifier("blSmartpayAdminRequestIds")
    protected AdminRequestIds requestIds;

    @Autowired(required = false)
    @Qualifier("blSmartpayAdminSettings")
    protected SmartpayAdminSettings adminSettings;

    @Resource(name = "blSmartpayAdminActionJournal")
    protected AdminActionJournal history;

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
        if (list == null || actions == null || requestIds == null || adminSettings == null) {
            LOG.error("the beans of bl-smartpay-admin-applicationContext.xml are missing: the Smartpay section is off");
            list = null;
        } else {
            checks = new AdminRequestChecks(exploitProtection, requestIds, adminSettings, answers);
        }
    }

    @RequestMapping(value = "/" + SECTION, method = RequestMethod.GET)
    public ModelAndView page(@RequestParam(value = "kind", defaultValue = "") String kind,
            @RequestParam(value = "age", defaultValue = "") String age,
            @RequestParam(value = "page", defaultValue = "1") int page,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        AdminPermissions permissions = AdminPermissions.ofCurrentUser();
        if (section.pageRefused(permissions, request, response)) {
            return null;
        }
        if (list == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return null;
        }
        String kindFilter = AttentionList.KINDS.contains(kind) ? kind : "";
        String ageFilter = AttentionList.AGES.contains(age) ? age : "";
        AttentionList.Page items = list.page(kindFilter, ageFilter, page, permissions, new Date());
        for (AttentionItem item : items.getItems()) {
            for (AttentionItem.Action action : item.getActions()) {
                item.getRequestIds().put(action.name(), checks.issue(item.boundOrderId(), item.boundAction(action)));
            }
        }
        response.setHeader("Cache-Control", "no-store");
        return section.page(SECTION, "attention")
                .addObject("attention", items)
                .addObject("kind", kindFilter)
                .addObject("age", ageFilter)
                .addObject("kinds", AttentionList.KINDS)
                .addObject("ages", AttentionList.AGES)
                .addObject("history", history.latest(10))
                .addObject("actUrl", request.getContextPath() + "/" + SECTION + "/act")
                .addObject("csrfToken", checks.csrfToken());
    }

    @RequestMapping(value = "/" + SECTION + "/act", method = RequestMethod.POST)
    public void act(@RequestParam(value = "item", required = false) String item,
            @RequestParam(value = "action", required = false) String action,
            @RequestParam(value = "orderId", defaultValue = "0") long orderId,
            @RequestParam(value = "note", required = false) String note,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        AdminPermissions permissions = AdminPermissions.ofCurrentUser();
        if (section.actionRefused(permissions, request, response)) {
            return;
        }
        if (list == null) {
            answers.refuse(request, response, HttpServletResponse.SC_NOT_FOUND, AdminMessage.of("smartpay.attention.error.settled"));
            return;
        }
        if (!checks.csrfPassed(request, response)) {
            return;
        }
        AttentionActions.Answer answer = actions.act(item, action, orderId, request.getParameter(AdminRequestChecks.REQUEST_ID),
                note, SmartpaySectionPage.currentUser(), permissions);
        if (!answer.ok() && answer.status() != HttpServletResponse.SC_OK) {
            answers.refuse(request, response, answer.status(), answer.message());
            return;
        }
        Map<String, Object> body = new LinkedHashMap<String, Object>();
        body.put("ok", answer.ok());
        body.put("message", answers.message(request, answer.message()));
        AdminAnswers.write(response, answer.status(), body);
    }

    /** Nothing this controller serves shows a stack trace. */
    @ExceptionHandler(Exception.class)
    public void unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (e instanceof TypeMismatchException || e instanceof ServletRequestBindingException) {
            LOG.info("Smartpay attention request {} refused (400): {}", request.getRequestURI(), e.getMessage());
            answers.refuse(request, response, HttpServletResponse.SC_BAD_REQUEST, AdminMessage.of("smartpay.admin.error.badRequest"));
            return;
        }
        LOG.error("Smartpay attention request {} failed", request.getRequestURI(), e);
        answers.refuse(request, response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, AdminMessage.of("smartpay.admin.error.unexpected"));
    }
}
