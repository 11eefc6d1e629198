package org.bnplkit.smartpay.admin;

import javax.annotation.PostConstruct;
import javax.annotation.Resource;

import org.broadleafcommerce.common.extension.ExtensionResultStatusType;
import org.broadleafcommerce.openadmin.web.form.entity.EntityForm;
import org.broadleafcommerce.openadmin.web.form.entity.EntityFormAction;
import org.broadleafcommerce.openadmin.web.service.AbstractFormBuilderExtensionHandler;
import org.broadleafcommerce.openadmin.web.service.FormBuilderExtensionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts "Refund", "Capture" and "Cancel" (Smartpay) next to Save on the admin Order screen of orders paid with
 * Smartpay, each only when it applies to the order and the admin holds its permission. The buttons open modals
 * served by the module's admin controller (smartpay-admin.js), which checks both again.
 * Bean {@code blSmartpayOrderFormActions}, registered with Broadleaf's form builder when created.
 */
public class SmartpayOrderFormActions extends AbstractFormBuilderExtensionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SmartpayOrderFormActions.class);

    static final String ORDER_CEILING_ENTITY = "org.broadleafcommerce.core.order.domain.Order";

    public static final EntityFormAction REFUND = new EntityFormAction("SMARTPAY_REFUND")
            .withButtonClass("smartpay-refund-button").withIconClass("icon-undo")
            .withDisplayText("smartpay.admin.action.refund").withUrlPostfix("/smartpay/refund");
    public static final EntityFormAction CAPTURE = new EntityFormAction("SMARTPAY_CAPTURE")
            .withButtonClass("smartpay-capture-button").withIconClass("icon-ok")
            .withDisplayText("smartpay.admin.action.capture").withUrlPostfix("/smartpay/capture");
    public static final EntityFormAction CANCEL = new EntityFormAction("SMARTPAY_CANCEL")
            .withButtonClass("smartpay-cancel-button").withIconClass("icon-remove")
            .withDisplayText("smartpay.admin.action.cancel").withUrlPostfix("/smartpay/cancel");

    @Resource(name = "blFormBuilderExtensionManager")
    protected FormBuilderExtensionManager extensionManager;

    @Resource(name = "blSmartpayOrderPanels")
    protected SmartpayOrderPanels panels;

    @PostConstruct
    public void register() {
        if (isEnabled()) {
            extensionManager.registerHandler(this);
        }
    }

    @Override
    public ExtensionResultStatusType addAdditionalFormActions(EntityForm form) {
        Long orderId = orderId(form);
        if (orderId == null) {
            return ExtensionResultStatusType.NOT_HANDLED;
        }
        AdminPermissions permissions = AdminPermissions.ofCurrentUser();
        if (!permissions.mayRefund() && !permissions.mayCaptureAndCancel()) {
            return ExtensionResultStatusType.NOT_HANDLED;
        }
        SmartpayOrderPanel panel;
        try {
            panel = panels.panel(orderId, permissions, false);
        } catch (RuntimeException e) {
            // the Order screen must open even when the Smartpay figures cannot be read
            LOG.warn("No Smartpay actions for order {}: {}", orderId, e.toString());
            return ExtensionResultStatusType.NOT_HANDLED;
        }
        if (panel == null) {
            return ExtensionResultStatusType.NOT_HANDLED;
        }
        // EntityForm.addAction puts each action first: added in reverse, they read Capture, Refund, Cancel, Delete, Save
        if (permissions.mayCaptureAndCancel() && panel.isCancelPossible()) {
            form.addAction(CANCEL.clone());
        }
        if (permissions.mayRefund() && panel.isRefundPossible()) {
            form.addAction(REFUND.clone());
        }
        if (permissions.mayCaptureAndCancel() && panel.isCapturePossible()) {
            form.addAction(CAPTURE.clone());
        }
        return ExtensionResultStatusType.HANDLED_CONTINUE;
    }

    /** The id of an existing order's form; null for other entities and for the "add" form. */
    static Long orderId(EntityForm form) {
        if (form == null || !ORDER_CEILING_ENTITY.equals(form.getCeilingEntityClassname()) || form.getId() == null) {
            return null;
        }
        try {
            return Long.valueOf(form.getId());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
