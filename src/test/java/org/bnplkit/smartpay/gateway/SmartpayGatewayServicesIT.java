package org.bnplkit.smartpay.gateway;

import org.bnplkit.smartpay.config.SmartpayFields;
import org.bnplkit.smartpay.config.SmartpayPaymentGatewayType;
import org.bnplkit.smartpay.journal.OperationKind;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.money.OverRefundException;
import org.bnplkit.smartpay.operations.OperationOutcome;
import org.bnplkit.smartpay.operations.PaidOrderFixture;
import org.bnplkit.smartpay.operations.PaidOrderFixture.Tx;
import org.bnplkit.smartpay.operations.SmartpayOperationException;
import org.bnplkit.smartpay.operations.SmartpayOperationsSettings;
import org.bnplkit.smartpay.operations.SmartpayOrderOperationsImpl;
import org.bnplkit.smartpay.sandbox.SandboxFault;
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
import org.broadleafcommerce.common.payment.service.PaymentGatewayTransactionService;
import org.broadleafcommerce.common.vendor.service.exception.PaymentException;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.service.OrderService;
import org.broadleafcommerce.core.payment.domain.OrderPayment;
import org.broadleafcommerce.core.payment.domain.PaymentTransaction;
import org.broadleafcommerce.core.payment.service.OrderPaymentService;
import org.broadleafcommerce.core.payment.service.OrderToPaymentRequestDTOService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway as Broadleaf finds it (blPaymentGatewayConfigurationServiceProvider) and the transaction SPI on a
 * real checked-out order: requests built by Broadleaf's translatePaymentTransaction from the recorded AUTHORIZE
 * or CAPTURE, answered by the sandbox over HTTP. Capture, refund and cancel go through the journaled operations:
 * each request is a journal row, records its Broadleaf transaction once and is never sent twice.
 */
class SmartpayGatewayServicesIT {

    private static final String PAYMENTS = "/v1/payments";
    private static final String REFUNDS = "/v1/refunds";

    private final BroadleafTestContext ctx = BroadleafTestContext.get();
    private final SmartpaySandbox sandbox = ctx.sandbox();
    private final PaidOrderFixture fixture = new PaidOrderFixture(ctx);
    private final SmartpayOrderOperationsImpl operations = ctx.bean("blSmartpayOrderOperations", SmartpayOrderOperationsImpl.class);
    private final PaymentGatewayConfigurationService gateway = ctx.bean("blPaymentGatewayConfigurationServiceProvider",
            PaymentGatewayConfigurationServiceProvider.class).getGatewayConfigurationService(SmartpayPaymentGatewayType.SMARTPAY);
    private final PaymentGatewayTransactionService spi = gateway.getTransactionService();

    @BeforeEach
    void retriesByHand() {
        ctx.properties().set(SmartpayOperationsSettings.WORKER_ENABLED, "false"); // the test decides when retries run
        ctx.properties().set(SmartpayOperationsSettings.RETRY_INITIAL_BACKOFF_MS, "1000");
    }

    @AfterEach
    void reset() {
        ctx.properties().reset();
        sandbox.clearFaults();
        operations.setClock(Clock.systemUTC());
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
    void captureIsJournaledRecordedOnceAndNeverSentTwice() throws Exception {
        Placed placed = placeOrder(4000, 3);            // ¥12,000 + 10 % tax + ¥660 shipping = ¥13,860
        assertEquals(13860, placed.total);
        int posts = sandbox.requestCount("POST", PAYMENTS);

        PaymentResponseDTO first = spi.capture(request(placed, 5000));
        String key = "capture:request:spi:" + placed.orderId + ":5000";
        assertEquals(PaymentTransactionType.CAPTURE, first.getPaymentTransactionType());
        assertEquals(key, first.getResponseMap().get(SmartpayFields.OPERATION_KEY));
        assertEquals(placed.smartpayOrderId, first.getResponseMap().get(SmartpayFields.ORDER_ID));
        OperationOutcome row = operations.find(key);
        assertEquals(OperationStatus.SUCCEEDED, row.status(), row.toString());
        assertEquals(OperationKind.CAPTURE, row.kind());
        assertEquals(5000, row.amount());
        Tx capture = only(fixture.transactions(placed.orderId, PaymentTransactionType.CAPTURE));
        assertEquals(row.paymentTransactionId(), capture.id(), "the operations recorded the CAPTURE");
        assertEquals(String.valueOf(capture.id()), first.getResponseMap().get(SmartpayFields.PAYMENT_TRANSACTION_ID));
        assertEquals(placed.authorizeTransactionId, capture.parentId());
        assertEquals(0, new BigDecimal("5000").compareTo(capture.amount()));
        assertEquals(first.getResponseMap().get(SmartpayFields.PAYMENT_ID), capture.fields().get(SmartpayFields.PAYMENT_ID));
        assertEquals(posts + 1, sandbox.requestCount("POST", PAYMENTS));
        assertEquals(5000, sandbox.order(placed.smartpayOrderId).captured());
        assertEquals("requires_capture", sandbox.order(placed.smartpayOrderId).status(), "the rest stays capturable");

        // the same order and amount without a key of the caller's: maybe another capture, so neither sent nor
        // answered with the first one's success
        PaymentException repeated = assertThrows(PaymentException.class, () -> spi.capture(request(placed, 5000)));
        assertTrue(repeated.getMessage().contains(key) && repeated.getMessage().contains("nothing was sent"),
                repeated.getMessage());
        assertEquals(posts + 1, sandbox.requestCount("POST", PAYMENTS), "the repeat sent nothing");
        assertEquals(1, sandbox.order(placed.smartpayOrderId).payments().size());
        assertEquals(1, fixture.transactions(placed.orderId, PaymentTransactionType.CAPTURE).size(), "and recorded nothing");
        assertEquals(1, operations.history(placed.orderId).size());

        PaymentRequestDTO secondShipment = request(placed, 5000).additionalField(SmartpayFields.OPERATION_KEY, "shipment-2");
        PaymentResponseDTO second = spi.capture(secondShipment);
        assertEquals(key + ":shipment-2", second.getResponseMap().get(SmartpayFields.OPERATION_KEY));
        assertNotEquals(first.getResponseMap().get(SmartpayFields.PAYMENT_ID), second.getResponseMap().get(SmartpayFields.PAYMENT_ID),
                "another operation, another payment");
        assertEquals(10000, sandbox.order(placed.smartpayOrderId).captured());
        assertEquals(2, fixture.transactions(placed.orderId, PaymentTransactionType.CAPTURE).size());
        // with a key of its own, a repeat is a retry: the first outcome, nothing sent
        PaymentResponseDTO retried = spi.capture(request(placed, 5000).additionalField(SmartpayFields.OPERATION_KEY, "shipment-2"));
        assertEquals(second.getResponseMap().get(SmartpayFields.PAYMENT_ID), retried.getResponseMap().get(SmartpayFields.PAYMENT_ID));
        assertEquals(second.getResponseMap().get(SmartpayFields.PAYMENT_TRANSACTION_ID),
                retried.getResponseMap().get(SmartpayFields.PAYMENT_TRANSACTION_ID));
        assertEquals(10000, sandbox.order(placed.smartpayOrderId).captured());

        // ¥3,860 is still authorized: more is refused before anything is journaled or sent
        PaymentException tooMuch = assertThrows(PaymentException.class, () -> spi.capture(request(placed, 3861)));
        assertInstanceOf(SmartpayOperationException.class, tooMuch.getCause());
        assertTrue(tooMuch.getMessage().contains("3860"), tooMuch.getMessage());
        assertEquals(posts + 2, sandbox.requestCount("POST", PAYMENTS));
        assertEquals(2, operations.history(placed.orderId).size());
    }

    @Test
    void refundsAreJournaledOnTheCaptureTheyNameAndOverRefundsSendNothing() throws Exception {
        Placed placed = placeOrder(4000, 3);
        spi.capture(request(placed, 5000));
        spi.capture(request(placed, 5000).additionalField(SmartpayFields.OPERATION_KEY, "shipment-2"));
        List<Tx> captures = fixture.transactions(placed.orderId, PaymentTransactionType.CAPTURE);
        Tx firstCapture = captures.get(0);
        Tx secondCapture = captures.get(1);
        String firstPayment = firstCapture.fields().get(SmartpayFields.PAYMENT_ID);
        int posts = sandbox.requestCount("POST", REFUNDS);

        // built from the first CAPTURE, the request carries that capture's journal key: not this refund's key
        PaymentRequestDTO fromFirst = translate(firstCapture.id(), 1500);
        assertEquals(firstCapture.fields().get(SmartpayFields.OPERATION_KEY), fromFirst.getAdditionalFields().get(SmartpayFields.OPERATION_KEY));
        assertNull(firstCapture.fields().get(SmartpayFields.IDEMPOTENCY_KEY), "an Idempotency-Key is never recorded on a transaction");
        PaymentResponseDTO refund = spi.refund(fromFirst);
        String key = "refund:spi:" + placed.orderId + ":" + firstPayment + ":1500";
        assertEquals(PaymentTransactionType.REFUND, refund.getPaymentTransactionType());
        assertEquals(key, refund.getResponseMap().get(SmartpayFields.OPERATION_KEY));
        OperationOutcome journaled = operations.find(key);
        assertEquals(OperationStatus.SUCCEEDED, journaled.overallStatus(), journaled.toString());
        assertEquals(1, journaled.parts().size());
        assertEquals(firstPayment, journaled.parts().get(0).smartpayPaymentId(), "the capture the request was built from");
        Tx recorded = only(fixture.transactions(placed.orderId, PaymentTransactionType.REFUND));
        assertEquals(firstCapture.id(), recorded.parentId());
        assertEquals(journaled.parts().get(0).paymentTransactionId(), recorded.id());
        assertEquals(String.valueOf(recorded.id()), refund.getResponseMap().get(SmartpayFields.PAYMENT_TRANSACTION_ID));
        assertTrue(refund.getResponseMap().get(SmartpayFields.REFUND_ID).startsWith("refund_test_"));
        assertEquals(1500, sandbox.order(placed.smartpayOrderId).refunded());
        assertEquals(posts + 1, sandbox.requestCount("POST", REFUNDS));

        // a second genuine ¥1,500 refund days later, without a key: refused, never answered with the first's success
        PaymentException repeated = assertThrows(PaymentException.class, () -> spi.refund(translate(firstCapture.id(), 1500)));
        assertTrue(repeated.getMessage().contains(key), repeated.getMessage());
        assertEquals(posts + 1, sandbox.requestCount("POST", REFUNDS), "the repeat sent nothing");
        assertEquals(1, fixture.transactions(placed.orderId, PaymentTransactionType.REFUND).size(), "and recorded nothing");

        spi.refund(translate(firstCapture.id(), 500));
        assertEquals(2000, sandbox.order(placed.smartpayOrderId).refunded(), "another amount is another refund");

        // ¥3,000 is left on the first capture: ¥3,001 is refused although the second capture could cover it
        int rows = operations.history(placed.orderId).size();
        PaymentException over = assertThrows(PaymentException.class, () -> spi.refund(translate(firstCapture.id(), 3001)));
        assertInstanceOf(OverRefundException.class, over.getCause());
        assertTrue(over.getMessage().contains("nothing was sent"), over.getMessage());
        assertEquals(posts + 2, sandbox.requestCount("POST", REFUNDS));
        assertEquals(rows, operations.history(placed.orderId).size(), "nothing journaled");
        assertEquals(2000, sandbox.order(placed.smartpayOrderId).refunded());

        // built from the AUTHORIZE (no payment named): the newest capture first
        PaymentResponseDTO unnamed = spi.refund(request(placed, 2000));
        assertEquals(secondCapture.fields().get(SmartpayFields.PAYMENT_ID), unnamed.getResponseMap().get(SmartpayFields.PAYMENT_ID));
        List<Tx> refunds = fixture.transactions(placed.orderId, PaymentTransactionType.REFUND);
        assertEquals(3, refunds.size());
        assertEquals(secondCapture.id(), refunds.get(2).parentId());
        assertEquals(4000, sandbox.order(placed.smartpayOrderId).refunded());
    }

    @Test
    void reverseAuthorizeAndVoidAreTheOrdersOneJournaledCancel() throws Exception {
        ctx.properties().set(SmartpayOperationsSettings.CANCEL_REFUND_CAPTURED, "false");
        Placed placed = placeOrder(4000, 3);
        spi.capture(request(placed, 10000));
        String cancellations = "/v1/orders/" + placed.smartpayOrderId + "/cancellation";

        PaymentResponseDTO released = spi.reverseAuthorize(request(placed, 3860));
        String key = "cancel:order:" + placed.orderId;
        assertEquals(PaymentTransactionType.REVERSE_AUTH, released.getPaymentTransactionType());
        assertEquals(key, released.getResponseMap().get(SmartpayFields.OPERATION_KEY));
        assertEquals(OperationStatus.SUCCEEDED, operations.find(key).status());
        Tx reverseAuth = only(fixture.transactions(placed.orderId, PaymentTransactionType.REVERSE_AUTH));
        assertEquals(0, new BigDecimal("3860").compareTo(reverseAuth.amount()));
        assertEquals(placed.authorizeTransactionId, reverseAuth.parentId());
        assertEquals(String.valueOf(reverseAuth.id()), released.getResponseMap().get(SmartpayFields.PAYMENT_TRANSACTION_ID));
        // Smartpay answers the cancellation of an order with captures with succeeded: the rest is released all the same
        assertEquals("succeeded", sandbox.order(placed.smartpayOrderId).status());
        assertTrue(sandbox.order(placed.smartpayOrderId).remainderReleased());
        assertEquals(10000, sandbox.order(placed.smartpayOrderId).captured(), "refundCaptured=false: captured stays captured");
        assertEquals(0, sandbox.order(placed.smartpayOrderId).refunded());
        int puts = sandbox.requestCount("PUT", cancellations);
        assertEquals(1, puts);

        PaymentResponseDTO voided = spi.voidPayment(request(placed, 3860));
        assertEquals(key, voided.getResponseMap().get(SmartpayFields.OPERATION_KEY), "one cancel per order");
        assertEquals(released.getResponseMap().get(SmartpayFields.PAYMENT_TRANSACTION_ID),
                voided.getResponseMap().get(SmartpayFields.PAYMENT_TRANSACTION_ID));
        assertEquals(puts, sandbox.requestCount("PUT", cancellations), "sent once");
        assertEquals(1, fixture.transactions(placed.orderId, PaymentTransactionType.REVERSE_AUTH).size());

        PaymentException afterCancel = assertThrows(PaymentException.class, () -> spi.capture(request(placed, 100)));
        assertInstanceOf(SmartpayOperationException.class, afterCancel.getCause());
    }

    /**
     * Smartpay answers the cancellation of an order with captures with succeeded (its PHP SDK's test); a payment API
     * could as well answer canceled. Either way the release is recorded once, also after the order sync looked.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(org.bnplkit.smartpay.sandbox.CapturedOrderCancellation.class)
    void theReleaseIsRecordedOnceWhicheverStatusTheCancellationLeaves(
            org.bnplkit.smartpay.sandbox.CapturedOrderCancellation answer) throws Exception {
        sandbox.capturedOrderCancellation(answer);
        try {
            ctx.properties().set(SmartpayOperationsSettings.CANCEL_REFUND_CAPTURED, "false");
            Placed placed = placeOrder(4000, 3);
            spi.capture(request(placed, 10000));
            spi.reverseAuthorize(request(placed, 3860));
            assertEquals(answer.name().toLowerCase(java.util.Locale.ROOT), sandbox.order(placed.smartpayOrderId).status());
            ctx.bean("blSmartpayOrderSync", org.bnplkit.smartpay.webhooks.SmartpayOrderSync.class)
                    .sync(placed.smartpayOrderId, "reconciliation");
            Tx released = only(fixture.transactions(placed.orderId, PaymentTransactionType.REVERSE_AUTH));
            assertEquals(0, new BigDecimal("3860").compareTo(released.amount()));
            assertEquals(10000, sandbox.order(placed.smartpayOrderId).captured());
        } finally {
            sandbox.capturedOrderCancellation(org.bnplkit.smartpay.sandbox.CapturedOrderCancellation.SUCCEEDED);
        }
    }

    @Test
    void reverseAuthorizeNeverRefundsWhatWasCaptured() throws Exception {
        Placed placed = placeOrder(2000, 2);            // ¥4,000 + 10 % tax + ¥660 = ¥5,060
        spi.capture(request(placed, 3000));
        int puts = sandbox.requestCount("PUT", "/v1/orders/.*/cancellation");

        // refundCaptured=true (the default): the order's cancel would refund the ¥3,000 shipped, so the SPI refuses
        PaymentException refused = assertThrows(PaymentException.class, () -> spi.reverseAuthorize(request(placed, placed.total - 3000)));
        assertTrue(refused.getMessage().contains("would also refund the ¥3000 already captured"), refused.getMessage());
        assertThrows(PaymentException.class, () -> spi.voidPayment(request(placed, placed.total - 3000)));
        assertEquals(puts, sandbox.requestCount("PUT", "/v1/orders/.*/cancellation"), "nothing sent");
        assertEquals("requires_capture", sandbox.order(placed.smartpayOrderId).status());
        assertEquals(0, sandbox.order(placed.smartpayOrderId).refunded());
        assertTrue(fixture.transactions(placed.orderId, PaymentTransactionType.REVERSE_AUTH).isEmpty());

        // releasing only the rest is what reverseAuthorize means
        ctx.properties().set(SmartpayOperationsSettings.CANCEL_REFUND_CAPTURED, "false");
        PaymentResponseDTO released = spi.reverseAuthorize(request(placed, placed.total - 3000));
        assertEquals(0, BigDecimal.valueOf(placed.total - 3000).compareTo(released.getAmount().getAmount()));
        assertEquals("succeeded", sandbox.order(placed.smartpayOrderId).status(), "closed with its capture");
        assertEquals(0, sandbox.order(placed.smartpayOrderId).capturable());
        assertEquals(3000, sandbox.order(placed.smartpayOrderId).captured());
        assertEquals(0, sandbox.order(placed.smartpayOrderId).refunded());
        assertTrue(fixture.transactions(placed.orderId, PaymentTransactionType.REFUND).isEmpty());
        assertEquals(1, fixture.transactions(placed.orderId, PaymentTransactionType.REVERSE_AUTH).size());
    }

    @Test
    void smartpayFaultIsAPaymentExceptionAndTheJournalCompletesTheCaptureOnce() throws Exception {
        Placed placed = placeOrder(1500, 2);
        ctx.properties().set("gateway.smartpay.retry.maxAttempts", "2");     // the client gives up quickly
        ctx.properties().set("gateway.smartpay.retry.initialBackoffMillis", "20");
        ctx.properties().set("gateway.smartpay.retry.maxBackoffMillis", "50");
        sandbox.injectFault(SandboxFault.status(503).times(1000).on("POST", PAYMENTS));
        // a caller that retries keys its requests: its repeat is then a retry, answered with the first outcome
        String requestKey = "erp-capture-" + placed.orderId;
        String key = "capture:request:" + requestKey;

        PaymentException down = assertThrows(PaymentException.class, () -> spi.capture(request(placed, 2000).additionalField(SmartpayFields.IDEMPOTENCY_KEY, requestKey)));
        assertTrue(down.getMessage().contains(key + " is RETRYING"), down.getMessage());
        assertTrue(down.getMessage().contains("retry worker"), down.getMessage());
        OperationOutcome row = operations.find(key);
        assertEquals(OperationStatus.RETRYING, row.status());
        assertTrue(row.errorMessage().contains("503"), row.errorMessage());
        assertTrue(fixture.transactions(placed.orderId, PaymentTransactionType.CAPTURE).isEmpty());
        assertEquals(0, sandbox.order(placed.smartpayOrderId).payments().size());

        // asked again while it waits: the same row, nothing new sent
        int posts = sandbox.requestCount("POST", PAYMENTS);
        PaymentException stillDown = assertThrows(PaymentException.class, () -> spi.capture(request(placed, 2000).additionalField(SmartpayFields.IDEMPOTENCY_KEY, requestKey)));
        assertTrue(stillDown.getMessage().contains("RETRYING"), stillDown.getMessage());
        assertEquals(posts, sandbox.requestCount("POST", PAYMENTS));

        sandbox.clearFaults();
        operations.setClock(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(10)));
        assertTrue(operations.sendDueOperations(100) >= 1);
        OperationOutcome done = operations.find(key);
        assertEquals(OperationStatus.SUCCEEDED, done.status(), done.toString());
        assertEquals(2, done.attempts());
        Tx capture = only(fixture.transactions(placed.orderId, PaymentTransactionType.CAPTURE));
        assertEquals(done.paymentTransactionId(), capture.id());
        assertEquals(1, sandbox.order(placed.smartpayOrderId).payments().size());
        assertEquals(2000, sandbox.order(placed.smartpayOrderId).captured());

        // exactly once: neither the worker nor the caller's repeat sends or records it again
        int sent = sandbox.requestCount("POST", PAYMENTS);
        operations.sendDueOperations(100);
        PaymentResponseDTO answered = spi.capture(request(placed, 2000).additionalField(SmartpayFields.IDEMPOTENCY_KEY, requestKey));
        assertEquals(String.valueOf(capture.id()), answered.getResponseMap().get(SmartpayFields.PAYMENT_TRANSACTION_ID));
        assertEquals(sent, sandbox.requestCount("POST", PAYMENTS));
        assertEquals(1, fixture.transactions(placed.orderId, PaymentTransactionType.CAPTURE).size());
        assertEquals(1, sandbox.order(placed.smartpayOrderId).payments().size());
    }

    @Test
    void callersMayNameTheirRequestButNotReuseItForAnotherOrderOrAmount() throws Exception {
        Placed placed = placeOrder(1000, 1);
        Placed other = placeOrder(1000, 1);
        String requestId = "erp-capture-" + placed.orderId;
        PaymentRequestDTO keyed = request(placed, 300).additionalField(SmartpayFields.IDEMPOTENCY_KEY, requestId);
        PaymentResponseDTO captured = spi.capture(keyed);
        assertEquals("capture:request:" + requestId, captured.getResponseMap().get(SmartpayFields.OPERATION_KEY));
        PaymentRequestDTO sameKeyLater = request(placed, 300).additionalField(SmartpayFields.IDEMPOTENCY_KEY, requestId);
        assertEquals(captured.getResponseMap().get(SmartpayFields.PAYMENT_ID),
                spi.capture(sameKeyLater).getResponseMap().get(SmartpayFields.PAYMENT_ID));
        int posts = sandbox.requestCount("POST", PAYMENTS);

        PaymentException otherAmount = assertThrows(PaymentException.class,
                () -> spi.capture(request(placed, 400).additionalField(SmartpayFields.IDEMPOTENCY_KEY, requestId)));
        assertTrue(otherAmount.getMessage().contains("already used for ¥300"), otherAmount.getMessage());
        PaymentException otherOrder = assertThrows(PaymentException.class,
                () -> spi.capture(request(other, 300).additionalField(SmartpayFields.IDEMPOTENCY_KEY, requestId)));
        assertInstanceOf(SmartpayOperationException.class, otherOrder.getCause());
        assertEquals(posts, sandbox.requestCount("POST", PAYMENTS));
        assertEquals(300, sandbox.order(placed.smartpayOrderId).captured());
        assertEquals(0, sandbox.order(other.smartpayOrderId).captured());
        assertTrue(operations.history(other.orderId).isEmpty());
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
    void requestsThatCannotBeRightAreRefusedBeforeAnythingIsSent() throws Exception {
        Placed placed = placeOrder(1200, 1);
        int posts = sandbox.requestCount("*", "/v1/(payments|refunds|orders/.*/cancellation)");

        PaymentRequestDTO withoutOrder = new PaymentRequestDTO().orderId(placed.orderId.toString()).orderCurrencyCode("JPY")
                .transactionTotal("100");
        PaymentException missing = assertThrows(PaymentException.class, () -> spi.capture(withoutOrder));
        assertTrue(missing.getMessage().contains("additionalFields[smartpayOrderId]"), missing.getMessage());

        Order notSmartpay = ctx.fixtures().cart().item("Paid otherwise", 1000, 1).build();
        PaymentRequestDTO otherOrder = request(placed, 100).orderId(notSmartpay.getId().toString());
        PaymentException notPaidWithSmartpay = assertThrows(PaymentException.class, () -> spi.capture(otherOrder));
        assertInstanceOf(SmartpayOperationException.class, notPaidWithSmartpay.getCause());
        assertThrows(PaymentException.class, () -> spi.reverseAuthorize(request(placed, 100).orderId(notSmartpay.getId().toString())));
        assertTrue(operations.history(notSmartpay.getId()).isEmpty());

        Placed another = placeOrder(900, 1);
        PaymentRequestDTO crossed = request(placed, 100).additionalField(SmartpayFields.ORDER_ID, another.smartpayOrderId);
        PaymentException mismatch = assertThrows(PaymentException.class, () -> spi.capture(crossed));
        assertTrue(mismatch.getMessage().contains("was paid with Smartpay order " + placed.smartpayOrderId), mismatch.getMessage());
        assertThrows(PaymentException.class, () -> spi.refund(request(placed, 100).additionalField(SmartpayFields.ORDER_ID, another.smartpayOrderId)));
        assertThrows(PaymentException.class, () -> spi.voidPayment(request(placed, 100).additionalField(SmartpayFields.ORDER_ID, another.smartpayOrderId)));
        assertTrue(operations.history(another.orderId).isEmpty());
        assertEquals("requires_capture", sandbox.order(another.smartpayOrderId).status());

        PaymentException dollars = assertThrows(PaymentException.class, () -> spi.capture(request(placed, 100).orderCurrencyCode("USD")));
        assertTrue(dollars.getMessage().contains("only possible in JPY"), dollars.getMessage());
        PaymentException fraction = assertThrows(PaymentException.class, () -> spi.refund(request(placed, 100).transactionTotal("100.5")));
        assertTrue(fraction.getMessage().contains("not a whole number of yen"), fraction.getMessage());
        PaymentException noOrderId = assertThrows(PaymentException.class, () -> spi.capture(request(placed, 100).orderId("SP-1")));
        assertTrue(noOrderId.getMessage().contains("Broadleaf order id"), noOrderId.getMessage());
        PaymentException notItsCapture = assertThrows(PaymentException.class,
                () -> spi.refund(request(placed, 100).additionalField(SmartpayFields.PAYMENT_ID, "payment_test_elsewhere")));
        assertInstanceOf(SmartpayOperationException.class, notItsCapture.getCause());
        PaymentException nothingCaptured = assertThrows(PaymentException.class, () -> spi.refund(request(placed, 100)));
        assertInstanceOf(OverRefundException.class, nothingCaptured.getCause());

        assertThrows(PaymentException.class, () -> gateway.getRollbackService().rollbackRefund(request(placed, 100)));
        assertThrows(PaymentException.class, () -> spi.authorize(new PaymentRequestDTO().orderId("1")));
        assertEquals(posts, sandbox.requestCount("*", "/v1/(payments|refunds|orders/.*/cancellation)"));
        assertEquals(0, sandbox.order(placed.smartpayOrderId).captured());
        assertTrue(operations.history(placed.orderId).isEmpty(), "nothing journaled");
    }

    private static Tx only(List<Tx> transactions) {
        assertEquals(1, transactions.size(), transactions.toString());
        return transactions.get(0);
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
        return translate(placed.authorizeTransactionId, yen);
    }

    /** What Broadleaf builds for a follow-up operation on a recorded transaction. */
    private PaymentRequestDTO translate(Long parentTransactionId, long yen) {
        return ctx.inTransaction(() -> {
            PaymentTransaction parent = ctx.bean("blOrderPaymentService", OrderPaymentService.class)
                    .readTransactionById(parentTransactionId);
            return ctx.bean("blOrderToPaymentRequestDTOService", OrderToPaymentRequestDTOService.class)
                    .translatePaymentTransaction(new Money(BigDecimal.valueOf(yen), "JPY"), parent);
        });
    }

    private OrderService orders() {
        return ctx.bean("blOrderService", OrderService.class);
    }
}
