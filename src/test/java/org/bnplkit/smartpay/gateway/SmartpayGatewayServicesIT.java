package org.bnplkit.smartpay.gateway;

import org.bnplkit.smartpay.client.SmartpayApiException;
import org.bnplkit.smartpay.config.SmartpayFields;
import org.bnplkit.smartpay.config.SmartpayPaymentGatewayType;
import org.bnplkit.smartpay.sandbox.SmartpaySandbox;
import org.bnplkit.smartpay.testing.BroadleafTestContext;
import org.bnplkit.smartpay.testing.Storefront;
import org.broadleafcommerce.common.money.Money;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.broadleafcommerce.common.payment.dto.PaymentRequestDTO;
import org.broadleafcommerce.common.payment.dto.PaymentResponseDTO;
import org.broadleafcommerce.common.payment.service.PaymentGatewayConfiguration;
import org.broadleafcommerce.common.payment.service.PaymentGatewayConfigurationService;
import org.broadleafcommerce.common.payment.service.PaymentGatewayConfigurationServiceProvider;
import org.broadleafcommerce.common.vendor.service.exception.PaymentException;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.service.OrderService;
import org.broadleafcommerce.core.payment.domain.OrderPayment;
import org.broadleafcommerce.core.payment.domain.PaymentTransaction;
import org.broadleafcommerce.core.payment.service.OrderToPaymentRequestDTOService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway as Broadleaf finds it (blPaymentGatewayConfigurationServiceProvider) and the transaction SPI
 * on a real checked-out order: requests built by Broadleaf's translatePaymentTransaction from the recorded
 * AUTHORIZE, answered by the sandbox over HTTP.
 */
class SmartpayGatewayServicesIT {

    private final BroadleafTestContext ctx = BroadleafTestContext.get();
    private final SmartpaySandbox sandbox = ctx.sandbox();
    private final PaymentGatewayConfigurationService gateway = ctx.bean("blPaymentGatewayConfigurationServiceProvider",
            PaymentGatewayConfigurationServiceProvider.class).getGatewayConfigurationService(SmartpayPaymentGatewayType.SMARTPAY);

    @AfterEach
    void reset() {
        ctx.properties().reset();
    }

    @Test
    void capabilitiesTellTheTruthAndFollowTheCaptureMethod() {
        PaymentGatewayConfiguration configuration = gateway.getConfiguration();
        assertEquals(SmartpayPaymentGatewayType.SMARTPAY, configuration.getGatewayType());
        assertTrue(configuration.handlesAuthorize() && configuration.handlesCapture() && configuration.handlesPartialCapture()
                && configuration.handlesMultipleShipment() && configuration.handlesRefund() && configuration.handlesReverseAuthorize()
                && configuration.handlesVoid() && configuration.handlesAuthorizeAndCapture());
        assertFalse(configuration.handlesMultiplePayments() || configuration.handlesRecurringPayment()
                || configuration.handlesSavedCustomerPayment());
        assertFalse(configuration.isPerformAuthorizeAndCapture());
        ctx.properties().set("gateway.smartpay.captureMethod", "automatic");
        assertTrue(configuration.isPerformAuthorizeAndCapture());
        assertNull(gateway.getCreditCardService());
        assertNull(gateway.getTransparentRedirectService());
    }

    @Test
    void partialCapturesRefundAndCancellationOfTheRest() throws Exception {
        Placed placed = placeOrder(4000, 3);            // ¥12,000 + 10 % tax + ¥660 shipping = ¥13,860
        assertEquals(13860, placed.total);

        PaymentResponseDTO first = gateway.getTransactionService().capture(request(placed, 5000));
        assertEquals(PaymentTransactionType.CAPTURE, first.getPaymentTransactionType());
        String firstPayment = first.getResponseMap().get(SmartpayFields.PAYMENT_ID);
        assertEquals(placed.smartpayOrderId, first.getResponseMap().get(SmartpayFields.ORDER_ID));
        assertEquals(5000, sandbox.order(placed.smartpayOrderId).captured());
        assertEquals("requires_capture", sandbox.order(placed.smartpayOrderId).status(), "the rest stays capturable");

        PaymentResponseDTO retried = gateway.getTransactionService().capture(request(placed, 5000));
        assertEquals(firstPayment, retried.getResponseMap().get(SmartpayFields.PAYMENT_ID), "same request, same key, one payment");
        assertEquals(5000, sandbox.order(placed.smartpayOrderId).captured());

        PaymentRequestDTO secondShipment = request(placed, 5000).additionalField(SmartpayFields.OPERATION_KEY, "capture:fg:2");
        PaymentResponseDTO second = gateway.getTransactionService().capture(secondShipment);
        assertNotEquals(firstPayment, second.getResponseMap().get(SmartpayFields.PAYMENT_ID), "another operation, another payment");
        assertEquals(10000, sandbox.order(placed.smartpayOrderId).captured());

        PaymentRequestDTO refundRequest = new PaymentRequestDTO().orderId(placed.orderId.toString()).orderCurrencyCode("JPY")
                .transactionTotal("1500").additionalField(SmartpayFields.PAYMENT_ID, firstPayment)
                .additionalField(SmartpayFields.ORDER_ID, placed.smartpayOrderId);
        PaymentResponseDTO refund = gateway.getTransactionService().refund(refundRequest);
        assertEquals(PaymentTransactionType.REFUND, refund.getPaymentTransactionType());
        assertEquals(1500, sandbox.order(placed.smartpayOrderId).refunded());
        assertTrue(refund.getResponseMap().get(SmartpayFields.REFUND_ID).startsWith("refund_test_"));

        PaymentResponseDTO released = gateway.getTransactionService().reverseAuthorize(request(placed, 3860));
        assertEquals(PaymentTransactionType.REVERSE_AUTH, released.getPaymentTransactionType());
        assertEquals("canceled", sandbox.order(placed.smartpayOrderId).status());
        assertEquals(10000, sandbox.order(placed.smartpayOrderId).captured(), "what was captured stays captured");
    }

    @Test
    void callersMayPassTheirOwnIdempotencyKey() throws Exception {
        Placed placed = placeOrder(1000, 1);
        String journalKey = "journal:capture:" + placed.orderId;
        PaymentRequestDTO keyed = request(placed, 300).additionalField(SmartpayFields.IDEMPOTENCY_KEY, journalKey);
        String payment = gateway.getTransactionService().capture(keyed).getResponseMap().get(SmartpayFields.PAYMENT_ID);
        PaymentRequestDTO sameKeyLater = request(placed, 300).additionalField(SmartpayFields.IDEMPOTENCY_KEY, journalKey);
        assertEquals(payment, gateway.getTransactionService().capture(sameKeyLater).getResponseMap().get(SmartpayFields.PAYMENT_ID));
        assertEquals(300, sandbox.order(placed.smartpayOrderId).captured());
    }

    @Test
    void confirmationReReadsTheSmartpayOrder() throws Exception {
        Placed placed = placeOrder(2500, 2);
        PaymentResponseDTO confirmed = gateway.getTransactionConfirmationService().confirmTransaction(request(placed, placed.total));
        assertEquals(PaymentTransactionType.AUTHORIZE, confirmed.getPaymentTransactionType());
        assertEquals(placed.smartpayOrderId, confirmed.getResponseMap().get(SmartpayFields.ORDER_ID));

        PaymentException tooMuch = assertThrows(PaymentException.class,
                () -> gateway.getTransactionConfirmationService().confirmTransaction(request(placed, placed.total + 1)));
        assertTrue(tooMuch.getMessage().contains("totals ¥" + (placed.total + 1)), tooMuch.getMessage());

        PaymentResponseDTO details = gateway.getReportingService().findDetailsByTransaction(request(placed, placed.total));
        assertEquals("requires_capture", details.getResponseMap().get(SmartpayReportingService.ORDER_STATUS));
    }

    @Test
    void failuresAreClearPaymentExceptions() throws Exception {
        Placed placed = placeOrder(1200, 1);
        PaymentRequestDTO withoutOrder = new PaymentRequestDTO().orderId("1").orderCurrencyCode("JPY").transactionTotal("100");
        PaymentException missing = assertThrows(PaymentException.class, () -> gateway.getTransactionService().capture(withoutOrder));
        assertTrue(missing.getMessage().contains("additionalFields[smartpayOrderId]"), missing.getMessage());

        PaymentException excessive = assertThrows(PaymentException.class,
                () -> gateway.getTransactionService().capture(request(placed, placed.total + 1)));
        SmartpayApiException cause = assertInstanceOf(SmartpayApiException.class, excessive.getCause());
        assertEquals(409, cause.httpStatus());
        assertFalse(cause.isRetryable());

        assertThrows(PaymentException.class, () -> gateway.getRollbackService().rollbackRefund(request(placed, 100)));
        assertThrows(PaymentException.class, () -> gateway.getTransactionService().authorize(withoutOrder));
        assertEquals(0, sandbox.order(placed.smartpayOrderId).captured());
    }

    private record Placed(Long orderId, String smartpayOrderId, long total, Long authorizeTransactionId) {
    }

    /** Checks out a cart with Smartpay (manual capture) through the storefront. */
    private Placed placeOrder(long unitPrice, int quantity) {
        Order cart = ctx.fixtures().cart().item("Item ¥" + unitPrice, unitPrice, quantity).build();
        Storefront storefront = ctx.storefront();
        storefront.get("/smartpay/start", cart.getId());
        String smartpayOrderId = ctx.inTransaction(() -> org.bnplkit.smartpay.checkout.SmartpayCartLink
                .of(orders().findOrderById(cart.getId())).smartpayOrderId());
        sandbox.approve(smartpayOrderId);
        storefront.get("/smartpay/return", cart.getId());
        return ctx.inTransaction(() -> {
            Order order = orders().findOrderById(cart.getId());
            OrderPayment payment = order.getPayments().get(0);
            PaymentTransaction authorize = payment.getTransactionsForType(PaymentTransactionType.AUTHORIZE).get(0);
            return new Placed(order.getId(), smartpayOrderId, order.getTotal().getAmount().longValueExact(), authorize.getId());
        });
    }

    /** What Broadleaf builds for a follow-up operation on the AUTHORIZE (its additionalFields are copied). */
    private PaymentRequestDTO request(Placed placed, long yen) {
        return ctx.inTransaction(() -> {
            PaymentTransaction authorize = ctx.bean("blOrderPaymentService",
                    org.broadleafcommerce.core.payment.service.OrderPaymentService.class).readTransactionById(placed.authorizeTransactionId);
            return ctx.bean("blOrderToPaymentRequestDTOService", OrderToPaymentRequestDTOService.class)
                    .translatePaymentTransaction(new Money(BigDecimal.valueOf(yen), "JPY"), authorize);
        });
    }

    private OrderService orders() {
        return ctx.bean("blOrderService", OrderService.class);
    }
}
