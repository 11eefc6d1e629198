package org.bnplkit.smartpay.admin.web;

import java.io.IOException;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.bnplkit.smartpay.admin.AdminMessage;
import org.bnplkit.smartpay.admin.AdminPermissions;
import org.broadleafcommerce.openadmin.server.security.domain.AdminSection;
import org.broadleafcommerce.openadmin.server.security.service.navigation.AdminNavigationService;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.ModelAndView;

/**
 * What the pages of the admin menu's Smartpay section share: the admin layout (Broadleaf's
 * {@code modules/defaultContainer} with the section's view, the menu and breadcrumb marking the section as current,
 * as AdminAbstractController does for its own sections) and the section's permission.
 */
final class SmartpaySectionPage {

    private final AdminNavigationService navigation;
    private final AdminAnswers answers;

    SmartpaySectionPage(AdminNavigationService navigation, AdminAnswers answers) {
        this.navigation = navigation;
        this.answers = answers;
    }

    /** The page {@code view} (under views/smartpay/) of the section at {@code /sectionKey}. */
    ModelAndView page(String sectionKey, String view) {
        ModelAndView page = new ModelAndView("modules/defaultContainer").addObject("viewType", "smartpay/" + view)
                .addObject("sectionKey", sectionKey);
        AdminSection section = navigation.findAdminSectionByURI("/" + sectionKey);
        if (section != null) {
            page.addObject("currentAdminModule", section.getModule()).addObject("currentAdminSection", section);
        }
        return page;
    }

    /** A page without the section's permission: the container's 403 page. True when refused. */
    boolean pageRefused(AdminPermissions permissions, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (permissions.mayUseSection()) {
            return false;
        }
        response.sendError(HttpServletResponse.SC_FORBIDDEN, answers.message(request, AdminMessage.of("smartpay.admin.error.forbidden")));
        return true;
    }

    /** An action without the section's permission: 403 JSON. True when refused. */
    boolean actionRefused(AdminPermissions permissions, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (permissions.mayUseSection()) {
            return false;
        }
        answers.refuse(request, response, HttpServletResponse.SC_FORBIDDEN, AdminMessage.of("smartpay.admin.error.forbidden"));
        return true;
    }

    static String currentUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "" : authentication.getName();
    }
}
