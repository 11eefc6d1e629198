package org.bnplkit.smartpay.webhooks;

import javax.annotation.Resource;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.bnplkit.smartpay.checkout.SmartpayCartLink;
import org.bnplkit.smartpay.checkout.SmartpayCheckoutException;
import org.bnplkit.smartpay.checkout.SmartpayCheckoutLease;
import org.bnplkit.smartpay.config.SmartpayFields;
import org.bnplkit.smartpay.config.SmartpayPaymentGatewayType;
import org.bnplkit.smartpay.gateway.SmartpayWebResponseService;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.broadleafcommerce.common.payment.dto.PaymentResponseDTO;
import org.broadleafcommerce.common.payment.service.PaymentGatewayCheckoutService;
import org.broadleafcommerce.common.payment.service.PaymentGatewayConfigurationService;
import org.broadleafcommerce.common.web.BroadleafRequestContext;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.service.OrderService;
import org.broadleafcommerce.core.order.service.type.OrderStatus;
import org.broadleafcommerce.core.payment.domain.OrderPayment;
import org.broadleafcommerce.core.payment.domain.PaymentTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Completes the checkout of a shopper who approved at Smartpay but never came back ("customer paid, no order"),
 * through the same path as the shopper's return: the gateway's {@link SmartpayWebResponseService#translateApproval}
 * (server-side verification of the Smartpay order against the cart: link, reference, yen, amount, status; a cart
 * that changed has its approval released), then Broadleaf's {@code applyPaymentToOrder} and checkout workflow.
 *
 * <p>Never twice: the cluster-wide {@link SmartpayCheckoutLease} is held by one completer at a time (this or the
 * shopper's return); the cart is re-read under it; a submitted order, or a cart whose Smartpay payment is already being
 * applied (the shopper's return is at work), is left alone; Broadleaf's checkout refuses an order already
 * submitted. The webhook also waits gateway.smartpay.webhook.completeCheckoutAfterSeconds after the approval before
 * calling this, so the shopper's own return normally wins.
 */
@Component("blSmartpayCheckoutCompletion")
public class SmartpayCheckoutCompletion {

    private static final Logger LOG = LoggerFactory.getLogger(SmartpayCheckoutCompletion.class);

    @Resource(name = "blSmartpayWebResponseService")
    protected SmartpayWebResponseService webResponseService;

    @Resource(name = "blSmartpayConfigurationService")
    protected PaymentGatewayConfigurationService configurationService;

    @Resource(name = "blPaymentGatewayCheckoutService")
    protected PaymentGatewayCheckoutService checkoutService;

    @Resource(name = "blOrderService")
    protected OrderService orderService;

    @Resource(name = "blSmartpayCheckoutLease")
    protected SmartpayCheckoutLease checkoutLease;

    @Resource(name = "entityManagerFactory")
    protected EntityManagerFactory entityManagerFactory;

    /** Completes Broadleaf order {@code orderId} with its approved Smartpay order {@code smartpayOrderId}. */
    public Completion complete(long orderId, String smartpayOrderId) {
        try (SmartpayCheckoutLease.Held held = checkoutLease.tryHold(orderId)) {
            if (held == null) {
                return new Completion(Completion.Kind.BUSY, null, "the shopper's return or another node is completing order "
                        + orderId);
            }
            return withOpenEntityManager(() -> completeLeased(orderId, smartpayOrderId));
        }
    }

    private Completion completeLeased(long orderId, String smartpayOrderId) {
        Order cart = orderService.findOrderById(orderId, true);
        if (cart == null) {
            return new Completion(Completion.Kind.NOT_COMPLETED, null, "Broadleaf order " + orderId + " does not exist");
        }
        if (OrderStatus.SUBMITTED.equals(cart.getStatus())) {
            return paidWith(cart, smartpayOrderId)
                    ? new Completion(Completion.Kind.ALREADY_SUBMITTED, cart.getOrderNumber(), "order " + cart.getOrderNumber()
                            + " was already submitted")
                    : new Completion(Completion.Kind.NOT_COMPLETED, null, "order " + orderId
                            + " was submitted with another payment; Smartpay order " + smartpayOrderId + " is not used");
        }
        SmartpayCartLink link = SmartpayCartLink.of(cart);
        if (link == null || !smartpayOrderId.equals(link.smartpayOrderId())) {
            return new Completion(Completion.Kind.NOT_COMPLETED, null, "cart " + orderId + " is linked to "
                    + (link == null ? "no Smartpay checkout" : "Smartpay order " + link.smartpayOrderId()) + ", not "
                    + smartpayOrderId);
        }
        if (paidWith(cart, smartpayOrderId)) {
            return new Completion(Completion.Kind.BUSY, null, "the shopper's return is applying the payment to order " + orderId);
        }
        BroadleafRequestContext previous = BroadleafRequestContext.getBroadleafRequestContext();
        BroadleafRequestContext context = new BroadleafRequestContext();
        context.setBroadleafCurrency(cart.getCurrency());
        context.setLocale(cart.getLocale());
        BroadleafRequestContext.setBroadleafRequestContext(context);
        Long paymentId = null;
        try {
            PaymentResponseDTO response = webResponseService.translateApproval(cart);
            paymentId = checkoutService.applyPaymentToOrder(response, configurationService.getConfiguration());
            String orderNumber = checkoutService.initiateCheckout(orderId);
            LOG.info("Completed the checkout of order {} (number {}) from Smartpay order {}: the shopper approved but did"
                    + " not come back", orderId, orderNumber, smartpayOrderId);
            return new Completion(Completion.Kind.COMPLETED, orderNumber, "checkout completed: order " + orderNumber);
        } catch (SmartpayCheckoutException refused) {
            if (refused.reason() == SmartpayCheckoutException.Reason.SMARTPAY_ERROR
                    || refused.reason() == SmartpayCheckoutException.Reason.UNAVAILABLE) {
                throw new IllegalStateException("Smartpay could not be asked about order " + smartpayOrderId + ": "
                        + refused.getMessage(), refused);
            }
            return new Completion(Completion.Kind.NOT_COMPLETED, null, refused.reason() + ": " + refused.getMessage());
        } catch (Exception e) {
            Order now = orderService.findOrderById(orderId, true);
            if (now != null && OrderStatus.SUBMITTED.equals(now.getStatus())) {
                return new Completion(Completion.Kind.ALREADY_SUBMITTED, now.getOrderNumber(), "order " + now.getOrderNumber()
                        + " was submitted meanwhile");
            }
            if (paymentId != null) {
                checkoutService.markPaymentAsInvalid(paymentId);
            }
            throw new IllegalStateException("Checkout of order " + orderId + " with Smartpay order " + smartpayOrderId
                    + " failed: " + e, e);
        } finally {
            BroadleafRequestContext.setBroadleafRequestContext(previous);
        }
    }

    /** True when the order has an active Smartpay payment authorized for {@code smartpayOrderId}. */
    private static boolean paidWith(Order order, String smartpayOrderId) {
        for (OrderPayment payment : order.getPayments()) {
            if (!payment.isActive() || !SmartpayPaymentGatewayType.SMARTPAY.equals(payment.getGatewayType())) {
                continue;
            }
            for (PaymentTransaction tx : payment.getTransactions()) {
                if (Boolean.TRUE.equals(tx.getSuccess())
                        && (PaymentTransactionType.AUTHORIZE.equals(tx.getType())
                        || PaymentTransactionType.AUTHORIZE_AND_CAPTURE.equals(tx.getType()))
                        && tx.getAdditionalFields() != null
                        && smartpayOrderId.equals(tx.getAdditionalFields().get(SmartpayFields.ORDER_ID))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** What the storefront's OpenEntityManagerInView gives a request: one EntityManager for the whole completion. */
    private <T> T withOpenEntityManager(java.util.function.Supplier<T> work) {
        if (TransactionSynchronizationManager.hasResource(entityManagerFactory)) {
            return work.get();
        }
        EntityManager em = entityManagerFactory.createEntityManager();
        TransactionSynchronizationManager.bindResource(entityManagerFactory, new EntityManagerHolder(em));
        try {
            return work.get();
        } finally {
            TransactionSynchronizationManager.unbindResource(entityManagerFactory);
            em.close();
        }
    }

    /** How a completion went. */
    public static final class Completion {

        /** COMPLETED: submitted now. ALREADY_SUBMITTED: someone else did. BUSY: try later. NOT_COMPLETED: never will. */
        public enum Kind { COMPLETED, ALREADY_SUBMITTED, BUSY, NOT_COMPLETED }

        private final Kind kind;
        private final String orderNumber;
        private final String detail;

        Completion(Kind kind, String orderNumber, String detail) {
            this.kind = kind;
            this.orderNumber = orderNumber;
            this.detail = detail;
        }

        public Kind kind() { return kind; }

        public String orderNumber() { return orderNumber; }

        public String detail() { return detail; }

        @Override
        public String toString() {
            return kind + ": " + detail;
        }
    }
}
