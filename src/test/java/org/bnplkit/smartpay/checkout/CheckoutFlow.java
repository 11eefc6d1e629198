package org.bnplkit.smartpay.checkout;

import org.bnplkit.smartpay.config.SmartpayPaymentGatewayType;
import org.bnplkit.smartpay.testing.BroadleafTestContext;
import org.bnplkit.smartpay.testing.Storefront;
import org.broadleafcommerce.common.payment.PaymentType;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.service.OrderService;
import org.broadleafcommerce.core.payment.domain.OrderPayment;
import org.broadleafcommerce.core.payment.domain.PaymentTransaction;
import org.broadleafcommerce.core.payment.domain.PaymentTransactionImpl;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;

import javax.persistence.EntityManagerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shopper steps and database reads shared by the checkout ITs (everything real: controller, DB, sandbox). */
final class CheckoutFlow {

    static final String ERROR_PARAM = "PAYMENT_PROCESSING_ERROR";

    private final BroadleafTestContext ctx;

    CheckoutFlow(BroadleafTestContext ctx) {
        this.ctx = ctx;
    }

    /** GET /smartpay/start for the cart; returns the Smartpay order now linked to it. */
    String start(Order cart) {
        Storefront.Response start = ctx.storefront().get("/smartpay/start", cart.getId());
        assertNotNull(start.redirectedUrl(), start.toString());
        assertTrue(start.redirectedUrl().startsWith(ctx.sandbox().rootUrl() + "/checkout/"), start.toString());
        return linkedSmartpayOrder(cart.getId());
    }

    Storefront.Response returnFromSmartpay(Long cartId) {
        return ctx.storefront().get("/smartpay/return?order=" + cartId, cartId);
    }

    String linkedSmartpayOrder(Long orderId) {
        SmartpayCartLink link = link(orderId);
        assertNotNull(link, "the cart has no Smartpay link");
        return link.smartpayOrderId();
    }

    SmartpayCartLink link(Long orderId) {
        return ctx.inTransaction(() -> SmartpayCartLink.of(orders().findOrderById(orderId)));
    }

    /** Every OrderPayment of the order, archived ones included. */
    int paymentCount(Long orderId) {
        return ctx.inTransaction(() -> orders().findOrderById(orderId).getPayments().size());
    }

    /** Transactions of the order's active Smartpay payments, checking each payment is THIRD_PARTY_ACCOUNT / Smartpay. */
    List<PaymentTransaction> activeSmartpayTransactions(Long orderId) {
        return ctx.inTransaction(() -> {
            Order order = orders().findOrderById(orderId);
            List<OrderPayment> payments = order.getPayments().stream().filter(OrderPayment::isActive).collect(Collectors.toList());
            payments.forEach(p -> {
                assertEquals(PaymentType.THIRD_PARTY_ACCOUNT, p.getType());
                assertEquals(SmartpayPaymentGatewayType.SMARTPAY, p.getGatewayType());
            });
            List<PaymentTransaction> transactions = payments.stream().flatMap(p -> p.getTransactions().stream())
                    .collect(Collectors.toList());
            transactions.forEach(t -> t.getAdditionalFields().size());
            return transactions;
        });
    }

    /** Types of every transaction on the order's payments, archived ones included, in id order. */
    /**
     * Every transaction of the order's payments, archived ones included, oldest first. Read by query: Broadleaf 6.2
     * hides archived transactions from {@code OrderPayment.getTransactions()} (3.1 does not), and a rolled-back
     * checkout archives the payment with its transactions.
     */
    List<String> allTransactionTypes(Long orderId) {
        return ctx.inTransaction(() -> EntityManagerFactoryUtils.getTransactionalEntityManager(
                        ctx.bean("entityManagerFactory", EntityManagerFactory.class))
                .createQuery("select t from " + PaymentTransactionImpl.class.getName()
                        + " t where t.orderPayment.order.id = :orderId order by t.id", PaymentTransaction.class)
                .setParameter("orderId", orderId)
                .getResultList().stream()
                .map(t -> t.getType().getType())
                .collect(Collectors.toList()));
    }

    /** Presses a button on the sandbox's hosted checkout page; returns where it redirects the browser. */
    String pressOnHostedPage(String sessionUrl, String button) throws Exception {
        HttpResponse<String> page = http().send(HttpRequest.newBuilder(URI.create(sessionUrl)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
        HttpResponse<String> pressed = http().send(HttpRequest.newBuilder(URI.create(sessionUrl + "/" + button))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, pressed.statusCode(), pressed.body());
        return pressed.headers().firstValue("Location").orElseThrow();
    }

    OrderService orders() {
        return ctx.bean("blOrderService", OrderService.class);
    }

    private static HttpClient http() {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    }
}
