package org.bnplkit.smartpay.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.broadleafcommerce.common.extension.ExtensionResultStatusType;
import org.broadleafcommerce.openadmin.web.form.entity.EntityForm;
import org.broadleafcommerce.openadmin.web.form.entity.EntityFormAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Which Smartpay buttons the Order screen gets, for which admin, on which order. */
class SmartpayOrderFormActionsTest {

    /** Panels with fixed figures instead of a database (the handler is what is tested here). */
    private static final class FixedPanels extends SmartpayOrderPanels {
        private final SmartpayOrderPanel.Builder panel;
        int reads;

        FixedPanels(SmartpayOrderPanel.Builder panel) {
            this.panel = panel;
        }

        @Override
        public SmartpayOrderPanel panel(long orderId, AdminPermissions permissions, boolean askSmartpay) {
            reads++;
            assertTrue(!askSmartpay, "building the form never calls Smartpay");
            return panel == null ? null : panel.orderId(orderId).permissions(permissions).build();
        }
    }

    private final List<EntityForm> forms = new ArrayList<>();

    @AfterEach
    void logout() {
        SecurityContextHolder.clearContext();
    }

    private static void loginWith(String... authorities) {
        List<GrantedAuthority> granted = new ArrayList<>();
        granted.add(new SimpleGrantedAuthority("PERMISSION_OTHER_DEFAULT"));
        for (String authority : authorities) {
            granted.add(new SimpleGrantedAuthority(authority));
        }
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("admin", "x", granted));
    }

    private static EntityForm orderForm(String id) {
        EntityForm form = new EntityForm();
        form.setCeilingEntityClassname(SmartpayOrderFormActions.ORDER_CEILING_ENTITY);
        form.setId(id);
        return form;
    }

    private static List<String> actions(EntityForm form) {
        return form.getActions().stream().map(EntityFormAction::getId).collect(Collectors.toList());
    }

    private static SmartpayOrderFormActions handler(FixedPanels panels) {
        SmartpayOrderFormActions handler = new SmartpayOrderFormActions();
        handler.panels = panels;
        return handler;
    }

    private static SmartpayOrderPanel.Builder partlyCaptured() {
        return SmartpayOrderPanel.builder().authorized(10_000).captured(6_000).uncaptured(4_000).refundable(6_000).cancellable(true);
    }

    @Test
    void anAdminWithBothPermissionsGetsEveryActionThatApplies() {
        loginWith(AdminPermissions.REFUND, AdminPermissions.CAPTURE_AND_CANCEL);
        EntityForm form = orderForm("42");

        ExtensionResultStatusType result = handler(new FixedPanels(partlyCaptured())).addAdditionalFormActions(form);

        assertEquals(ExtensionResultStatusType.HANDLED_CONTINUE, result);
        assertEquals(List.of("SMARTPAY_CAPTURE", "SMARTPAY_REFUND", "SMARTPAY_CANCEL"), actions(form));
        assertEquals("smartpay-refund-button", form.getActions().get(1).getButtonClass());
        assertEquals("smartpay.admin.action.refund", form.getActions().get(1).getDisplayText());
    }

    @Test
    void eachButtonFollowsItsOwnPermission() {
        loginWith(AdminPermissions.REFUND);
        EntityForm refundOnly = orderForm("42");
        handler(new FixedPanels(partlyCaptured())).addAdditionalFormActions(refundOnly);
        assertEquals(List.of("SMARTPAY_REFUND"), actions(refundOnly));

        loginWith(AdminPermissions.CAPTURE_AND_CANCEL);
        EntityForm captureOnly = orderForm("42");
        handler(new FixedPanels(partlyCaptured())).addAdditionalFormActions(captureOnly);
        assertEquals(List.of("SMARTPAY_CAPTURE", "SMARTPAY_CANCEL"), actions(captureOnly));
    }

    @Test
    void anAdminWithoutSmartpayPermissionsGetsNoButtonAndCostsNoQuery() {
        loginWith("PERMISSION_ORDER");
        FixedPanels panels = new FixedPanels(partlyCaptured());
        EntityForm form = orderForm("42");

        assertEquals(ExtensionResultStatusType.NOT_HANDLED, handler(panels).addAdditionalFormActions(form));
        assertTrue(form.getActions().isEmpty());
        assertEquals(0, panels.reads);
    }

    @Test
    void onlyActionsThatApplyAreOffered() {
        loginWith(AdminPermissions.REFUND, AdminPermissions.CAPTURE_AND_CANCEL);
        EntityForm authorizedOnly = orderForm("1");
        handler(new FixedPanels(SmartpayOrderPanel.builder().authorized(5_000).uncaptured(5_000).cancellable(true)))
                .addAdditionalFormActions(authorizedOnly);
        assertEquals(List.of("SMARTPAY_CAPTURE", "SMARTPAY_CANCEL"), actions(authorizedOnly), "nothing captured: no refund");

        EntityForm settled = orderForm("2");
        handler(new FixedPanels(SmartpayOrderPanel.builder().authorized(5_000).captured(5_000).refunded(5_000)))
                .addAdditionalFormActions(settled);
        assertTrue(actions(settled).isEmpty(), "fully refunded: nothing left to do");
    }

    @Test
    void ordersNotPaidWithSmartpayAndOtherEntitiesAreLeftAlone() {
        loginWith(AdminPermissions.REFUND, AdminPermissions.CAPTURE_AND_CANCEL);
        EntityForm otherPayment = orderForm("7");
        assertEquals(ExtensionResultStatusType.NOT_HANDLED, handler(new FixedPanels(null)).addAdditionalFormActions(otherPayment));

        EntityForm product = orderForm("7");
        product.setCeilingEntityClassname("org.broadleafcommerce.core.catalog.domain.Product");
        FixedPanels panels = new FixedPanels(partlyCaptured());
        assertEquals(ExtensionResultStatusType.NOT_HANDLED, handler(panels).addAdditionalFormActions(product));
        EntityForm newOrder = orderForm(null);
        assertEquals(ExtensionResultStatusType.NOT_HANDLED, handler(panels).addAdditionalFormActions(newOrder));
        assertEquals(0, panels.reads);
    }
}
