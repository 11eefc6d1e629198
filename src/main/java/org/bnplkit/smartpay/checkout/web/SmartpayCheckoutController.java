package org.bnplkit.smartpay.checkout.web;

import org.bnplkit.smartpay.checkout.SmartpayCartLink;
import org.bnplkit.smartpay.checkout.SmartpayCheckoutException;
import org.bnplkit.smartpay.checkout.SmartpayCheckoutException.Reason;
import org.bnplkit.smartpay.checkout.SmartpayCheckoutLease;
import org.bnplkit.smartpay.checkout.SmartpayCheckoutStarter;
import org.bnplkit.smartpay.checkout.SmartpayCheckoutStarter.StartedCheckout;
import org.bnplkit.smartpay.checkout.SmartpayAuthorizationRelease;
import org.bnplkit.smartpay.client.Expand;
import org.bnplkit.smartpay.config.SmartpayClientProvider;
import org.bnplkit.smartpay.config.SmartpayPaymentGatewayType;
import org.bnplkit.smartpay.config.SmartpaySettings;
import org.broadleafcommerce.common.payment.dto.PaymentResponseDTO;
import org.broadleafcommerce.common.payment.service.PaymentGatewayConfiguration;
import org.broadleafcommerce.common.payment.service.PaymentGatewayConfigurationService;
import org.broadleafcommerce.common.payment.service.PaymentGatewayWebResponseService;
import org.broadleafcommerce.common.vendor.service.exception.PaymentException;
import org.broadleafcommerce.common.web.payment.controller.PaymentGatewayAbstractController;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.service.OrderService;
import org.broadleafcommerce.core.order.service.type.OrderStatus;
import org.broadleafcommerce.core.payment.domain.OrderPayment;
import org.broadleafcommerce.core.web.order.CartState;
import org.broadleafcommerce.profile.core.domain.Customer;
import org.broadleafcommerce.profile.web.core.CustomerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import javax.annotation.Resource;
import javax.servlet.http.HttpServletRequest;
import java.util.Map;

/**
 * The storefront side of Smartpay: {@code /smartpay/start} (create or resume the checkout session for the
 * shopper's cart, redirect to Smartpay), {@code /smartpay/return} (verify server-side, record the
 * authorization, complete checkout through Broadleaf's workflow), {@code /smartpay/cancel} and
 * {@code /smartpay/error}.
 *
 * <p>Errors go back to the checkout page as {@code ?PAYMENT_PROCESSING_ERROR=smartpay.error.*} (a message
 * key, see messages/SmartpayMessages.properties). A repeated return (refresh, back button, double click)
 * records nothing twice: a return holds the cart's cluster-wide {@link SmartpayCheckoutLease} (shared with the
 * webhook that completes abandoned checkouts), re-reads the order under it, and a submitted order goes to its
 * confirmation page. The approval is released after a failed checkout only while that lease is held, so never
 * while another node is submitting the same order.
 */
@Controller("blSmartpayCheckoutController")
@RequestMapping("/" + SmartpayCheckoutController.CONTEXT_KEY)
public class SmartpayCheckoutController extends PaymentGatewayAbstractController {

    public static final String CONTEXT_KEY = "smartpay";

    private static final Logger LOG = LoggerFactory.getLogger(SmartpayCheckoutController.class);
    @Resource(name = "blSmartpayConfigurationService")
    protected PaymentGatewayConfigurationService configurationService;

    @Resource(name = "blSmartpayCheckoutStarter")
    protected SmartpayCheckoutStarter starter;

    @Resource(name = "blSmartpayAuthorizationRelease")
    protected SmartpayAuthorizationRelease release;

    @Resource(name = "blSmartpayCheckoutLease")
    protected SmartpayCheckoutLease checkoutLease;

    @Resource(name = "blSmartpayClientProvider")
    protected SmartpayClientProvider clientProvider;

    @Resource(name = "blSmartpaySettings")
    protected SmartpaySettings settings;

    @Resource(name = "blOrderService")
    protected OrderService orderService;

    @Override
    public String getGatewayContextKey() {
        return CONTEXT_KEY;
    }

    @Override
    public PaymentGatewayWebResponseService getWebResponseService() {
        return configurationService.getWebResponseService();
    }

    @Override
    public PaymentGatewayConfiguration getConfiguration() {
        return configurationService.getConfiguration();
    }

    /** "Pay with Smartpay": create (or resume) the session for the cart and send the shopper to Smartpay. */
    @RequestMapping(value = "/start", method = {RequestMethod.GET, RequestMethod.POST})
    public String start(HttpServletRequest request, RedirectAttributes redirectAttributes) {
        Order cart = CartState.getCart();
        try {
            StartedCheckout started = starter.start(cart, storefrontBaseUrl(request));
            CartState.setCart(started.cart());
            return "redirect:" + started.redirectUrl();
        } catch (SmartpayCheckoutException e) {
            LOG.warn("Smartpay checkout not started: {}", e.getMessage());
            return toCheckoutPage(redirectAttributes, e.reason());
        }
    }

    @Override
    @RequestMapping(value = "/return", method = {RequestMethod.GET, RequestMethod.POST})
    public String returnEndpoint(Model model, HttpServletRequest request, RedirectAttributes redirectAttributes,
                                 @PathVariable Map<String, String> pathVars) throws PaymentException {
        Order cart = CartState.getCart();
        Long hint = parseId(request.getParameter(SmartpayCheckoutStarter.ORDER_HINT_PARAMETER));
        Long leaseId = cart != null && cart.getId() != null ? cart.getId() : hint;
        if (leaseId == null) {
            return process(model, request, redirectAttributes); // no cart: refused there, nothing to serialise
        }
        SmartpayCheckoutLease.Held held;
        try {
            held = checkoutLease.hold(leaseId, settings.returnWaitMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            held = null;
        }
        if (held == null) {
            LOG.warn("Smartpay return for order {}: another completion still holds the checkout after {} ms", leaseId,
                    settings.returnWaitMillis());
            return toCheckoutPage(redirectAttributes, Reason.IN_PROGRESS);
        }
        try (SmartpayCheckoutLease.Held ignored = held) {
            Order current = cart == null || cart.getId() == null ? null : orderService.findOrderById(cart.getId(), true);
            String confirmation = alreadyConfirmed(current, hint);
            if (confirmation != null) {
                return confirmation;
            }
            if (current != null) {
                CartState.setCart(current);
            }
            return process(model, request, redirectAttributes);
        }
    }

    /** Smartpay's page sends the shopper here when they cancel or are declined: nothing is recorded. */
    @RequestMapping(value = "/cancel", method = {RequestMethod.GET, RequestMethod.POST})
    public String cancelEndpoint(HttpServletRequest request, RedirectAttributes redirectAttributes) {
        Reason reason = Reason.CANCELLED;
        SmartpayCartLink link = SmartpayCartLink.of(CartState.getCart());
        if (link != null) {
            try {
                String status = clientProvider.client().getOrder(link.smartpayOrderId(), Expand.NO).status();
                if (org.bnplkit.smartpay.client.OrderStatus.REJECTED.equals(status)) {
                    reason = Reason.DECLINED;
                }
            } catch (RuntimeException e) {
                LOG.info("Could not read Smartpay order {} after a cancel: {}", link.smartpayOrderId(), e.toString());
            }
        }
        return toCheckoutPage(redirectAttributes, reason);
    }

    @Override
    @RequestMapping(value = "/error", method = {RequestMethod.GET, RequestMethod.POST})
    public String errorEndpoint(Model model, HttpServletRequest request, RedirectAttributes redirectAttributes,
                                @PathVariable Map<String, String> pathVars) throws PaymentException {
        String key = request.getParameter(PAYMENT_PROCESSING_ERROR);
        redirectAttributes.addAttribute(PAYMENT_PROCESSING_ERROR, isOurMessageKey(key) ? key : getProcessingErrorMessage());
        return getOrderReviewRedirect();
    }

    @Override
    public void handleProcessingException(Exception e, RedirectAttributes redirectAttributes) throws PaymentException {
        if (e instanceof SmartpayCheckoutException) {
            SmartpayCheckoutException refusal = (SmartpayCheckoutException) e;
            LOG.warn("Smartpay return refused ({}): {}", refusal.reason(), refusal.getMessage());
            redirectAttributes.addAttribute(PAYMENT_PROCESSING_ERROR, refusal.reason().messageKey());
            return;
        }
        LOG.error("Checkout failed after Smartpay approved the payment", e);
        releaseUnusedApproval();
        redirectAttributes.addAttribute(PAYMENT_PROCESSING_ERROR, "smartpay.error.checkoutFailed");
    }

    @Override
    public void handleUnsuccessfulTransaction(Model model, RedirectAttributes redirectAttributes,
                                              PaymentResponseDTO responseDTO) throws PaymentException {
        redirectAttributes.addAttribute(PAYMENT_PROCESSING_ERROR, Reason.DECLINED.messageKey());
    }

    /**
     * The order was approved in Smartpay but Broadleaf did not submit it: give the approval back unless the
     * order got submitted after all (Broadleaf's rollback handler may already have; the keys make it once).
     */
    private void releaseUnusedApproval() {
        Order cart = CartState.getCart();
        SmartpayCartLink link = SmartpayCartLink.of(cart);
        if (link == null) {
            return;
        }
        Order current = orderService.findOrderById(cart.getId(), true);
        if (current != null && OrderStatus.SUBMITTED.equals(current.getStatus())) {
            return;
        }
        release.releaseIfApprovedQuietly(link.smartpayOrderId(), String.valueOf(cart.getId()));
    }

    /**
     * A return for an order that is already submitted (refresh, back button, a second tab): its confirmation
     * page, if it is this shopper's order and was paid with Smartpay. Null otherwise.
     */
    private String alreadyConfirmed(Order current, Long hint) {
        Order submitted = null;
        if (current != null && OrderStatus.SUBMITTED.equals(current.getStatus())) {
            submitted = current;
        } else if ((current == null || SmartpayCartLink.of(current) == null) && hint != null) {
            Order hinted = orderService.findOrderById(hint);
            Customer shopper = CustomerState.getCustomer();
            if (hinted != null && OrderStatus.SUBMITTED.equals(hinted.getStatus()) && shopper != null
                    && hinted.getCustomer() != null && shopper.getId() != null
                    && shopper.getId().equals(hinted.getCustomer().getId())) {
                submitted = hinted;
            }
        }
        if (submitted == null || !paidWithSmartpay(submitted)) {
            return null;
        }
        LOG.info("Repeated Smartpay return for submitted order {}; showing its confirmation", submitted.getOrderNumber());
        return getConfirmationViewRedirect(submitted.getOrderNumber());
    }

    private static boolean paidWithSmartpay(Order order) {
        for (OrderPayment payment : order.getPayments()) {
            if (payment.isActive() && SmartpayPaymentGatewayType.SMARTPAY.equals(payment.getGatewayType())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Anything unexpected (a database down, a bug): the shopper goes back to the checkout page with a message, never
     * a container error page or a stack trace. After a return the payment may be approved and the order completed by
     * the webhook or the reconciler, so the shopper is told to look before paying again.
     */
    @ExceptionHandler(RuntimeException.class)
    public String unexpectedFailure(RuntimeException e, HttpServletRequest request) {
        boolean afterApproval = request.getRequestURI() != null && request.getRequestURI().endsWith("/return");
        Reason reason = afterApproval ? Reason.IN_PROGRESS : Reason.UNAVAILABLE;
        LOG.warn("Smartpay {} failed unexpectedly; the shopper was sent to the checkout page with {}",
                request.getRequestURI(), reason.messageKey(), e);
        return getOrderReviewRedirect() + "?" + PAYMENT_PROCESSING_ERROR + "=" + reason.messageKey();
    }

    private String toCheckoutPage(RedirectAttributes redirectAttributes, Reason reason) {
        redirectAttributes.addAttribute(PAYMENT_PROCESSING_ERROR, reason.messageKey());
        return getOrderReviewRedirect();
    }

    /** gateway.smartpay.storefrontBaseUrl, else scheme://host[:port]/context of this request. */
    private String storefrontBaseUrl(HttpServletRequest request) {
        String configured = settings.storefrontBaseUrl();
        if (configured != null) {
            return configured;
        }
        StringBuilder base = new StringBuilder().append(request.getScheme()).append("://").append(request.getServerName());
        int port = request.getServerPort();
        if (port > 0 && !(port == 80 && "http".equals(request.getScheme())) && !(port == 443 && "https".equals(request.getScheme()))) {
            base.append(':').append(port);
        }
        return base.append(request.getContextPath() == null ? "" : request.getContextPath()).toString();
    }

    private static boolean isOurMessageKey(String key) {
        if (key == null) {
            return false;
        }
        if ("smartpay.error.checkoutFailed".equals(key)) {
            return true;
        }
        for (Reason reason : Reason.values()) {
            if (reason.messageKey().equals(key)) {
                return true;
            }
        }
        return false;
    }

    private static Long parseId(String value) {
        try {
            return value == null ? null : Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
