package org.bnplkit.smartpay.checkout;

import org.bnplkit.smartpay.config.SmartpayFields;
import org.bnplkit.smartpay.config.SmartpayPaymentGatewayType;
import org.bnplkit.smartpay.sandbox.SmartpaySandbox;
import org.bnplkit.smartpay.testing.BroadleafTestContext;
import org.bnplkit.smartpay.testing.Storefront;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.broadleafcommerce.common.payment.PaymentType;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.service.type.OrderStatus;
import org.broadleafcommerce.core.payment.domain.OrderPayment;
import org.broadleafcommerce.core.payment.domain.PaymentTransaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cart → /smartpay/start → shopper approves → /smartpay/return → order SUBMITTED with the authorization. */
class SmartpayCheckoutIT {

    private final BroadleafTestContext ctx = BroadleafTestContext.get();
    private final SmartpaySandbox sandbox = ctx.sandbox();
    private final Storefront storefront = ctx.storefront();

    @AfterEach
    void resetSettings() {
        ctx.properties().reset();
        sandbox.clearFaults();
    }

    @Test
    void manualCaptureCheckoutRecordsAnAuthorizeAndSubmitsTheOrder() {
        Order cart = ctx.fixtures().cart().item("Matcha 100g", 1980, 2).item("Tea bowl", 5500, 1).shipping("Yamato", 660).build();

        Storefront.Response start = storefront.get("/smartpay/start", cart.getId());
        assertTrue(start.redirectedUrl().startsWith(sandbox.rootUrl() + "/checkout/"), start.toString());
        String smartpayOrderId = linkedSmartpayOrder(cart.getId());
        assertEquals(11066, sandbox.order(smartpayOrderId).amount());
        assertEquals(String.valueOf(cart.getId()), sandbox.order(smartpayOrderId).reference());

        sandbox.approve(smartpayOrderId);
        Storefront.Response back = storefront.get("/smartpay/return?order=" + cart.getId(), cart.getId());

        Order submitted = ctx.fixtures().reload(cart.getId());
        assertEquals(OrderStatus.SUBMITTED, submitted.getStatus());
        assertEquals("/confirmation/" + submitted.getOrderNumber(), back.redirectPath());
        List<PaymentTransaction> transactions = smartpayTransactions(cart.getId());
        assertEquals(1, transactions.size(), transactions.toString());
        PaymentTransaction authorize = transactions.get(0);
        assertEquals(PaymentTransactionType.AUTHORIZE, authorize.getType());
        assertEquals(new BigDecimal("11066"), authorize.getAmount().getAmount().setScale(0));
        assertEquals(smartpayOrderId, authorize.getAdditionalFields().get(SmartpayFields.ORDER_ID));
        assertEquals("test", authorize.getAdditionalFields().get(SmartpayFields.MODE));
        assertEquals("requires_capture", sandbox.order(smartpayOrderId).status());
    }

    /** The Smartpay order id the cart remembers. */
    String linkedSmartpayOrder(Long orderId) {
        return ctx.inTransaction(() -> {
            SmartpayCartLink link = SmartpayCartLink.of(ctx.fixtures().reload(orderId));
            assertNotNull(link, "the cart has no Smartpay link");
            return link.smartpayOrderId();
        });
    }

    /** Transactions of the order's active Smartpay payments (THIRD_PARTY_ACCOUNT). */
    List<PaymentTransaction> smartpayTransactions(Long orderId) {
        return ctx.inTransaction(() -> {
            Order order = ctx.bean("blOrderService", org.broadleafcommerce.core.order.service.OrderService.class).findOrderById(orderId);
            List<OrderPayment> payments = order.getPayments().stream().filter(OrderPayment::isActive).collect(Collectors.toList());
            payments.forEach(p -> {
                assertEquals(PaymentType.THIRD_PARTY_ACCOUNT, p.getType());
                assertEquals(SmartpayPaymentGatewayType.SMARTPAY, p.getGatewayType());
            });
            return payments.stream().flatMap(p -> p.getTransactions().stream())
                    .peek(t -> t.getAdditionalFields().size())
                    .collect(Collectors.toList());
        });
    }
}
