package org.bnplkit.smartpay.webhooks;

import static org.bnplkit.smartpay.webhooks.WebhookTestSupport.await;
import static org.bnplkit.smartpay.webhooks.WebhookTestSupport.awaitProcessing;
import static org.bnplkit.smartpay.webhooks.WebhookTestSupport.client;
import static org.bnplkit.smartpay.webhooks.WebhookTestSupport.ctx;
import static org.bnplkit.smartpay.webhooks.WebhookTestSupport.deliveries;
import static org.bnplkit.smartpay.webhooks.WebhookTestSupport.inbox;
import static org.bnplkit.smartpay.webhooks.WebhookTestSupport.notices;
import static org.bnplkit.smartpay.webhooks.WebhookTestSupport.replay;
import static org.bnplkit.smartpay.webhooks.WebhookTestSupport.sandbox;
import static org.bnplkit.smartpay.webhooks.WebhookTestSupport.transactions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bnplkit.smartpay.client.CancelRemainder;
import org.bnplkit.smartpay.client.Payment;
import org.bnplkit.smartpay.client.PaymentCreateParams;
import org.bnplkit.smartpay.client.Refund;
import org.bnplkit.smartpay.client.RefundCreateParams;
import org.bnplkit.smartpay.client.RefundReason;
import org.bnplkit.smartpay.client.RequestOptions;
import org.bnplkit.smartpay.client.webhook.WebhookEventType;
import org.bnplkit.smartpay.config.SmartpayFields;
import org.bnplkit.smartpay.journal.NoticeKind;
import org.bnplkit.smartpay.journal.SmartpayNotice;
import org.bnplkit.smartpay.journal.SmartpayWebhookEvent;
import org.bnplkit.smartpay.journal.WebhookEventStatus;
import org.bnplkit.smartpay.operations.OperationOutcome;
import org.bnplkit.smartpay.operations.SmartpayExternalChanges;
import org.bnplkit.smartpay.operations.SmartpayOperationException;
import org.bnplkit.smartpay.operations.SmartpayOrderOperations;
import org.bnplkit.smartpay.sandbox.SandboxFault;
import org.bnplkit.smartpay.sandbox.WebhookDelivery;
import org.bnplkit.smartpay.testing.Storefront;
import org.bnplkit.smartpay.webhooks.WebhookTestSupport.Checkout;
import org.bnplkit.smartpay.webhooks.WebhookTestSupport.Tx;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.broadleafcommerce.core.order.service.type.OrderStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Every event type through the sandbox's own signed deliveries: the sandbox POSTs to a loopback receiver registered
 * with the module's registration service, which hands the raw request to the real endpoint. Changes are made
 * directly at the sandbox with the client and idempotency keys of their own, as Smartpay's dashboard would.
 */
class WebhookHandlersIT {

    private static WebhookTestSupport.Receiver receiver;

    @BeforeAll
    static void registerTheStore() {
        receiver = WebhookTestSupport.registeredReceiver();
    }

    @AfterAll
    static void unregisterTheStore() {
        WebhookTestSupport.unregisterReceiver();
    }

    @BeforeEach
    void settings() {
        WebhookTestSupport.baseline();
        receiver.paused.set(false);
        sandbox().webhookRetries(3, Duration.ofMillis(100), Duration.ofMillis(400));
    }

    @AfterEach
    void restore() {
        receiver.paused.set(false);
        sandbox().clearFaults();
        WebhookTestSupport.baseline();
    }

    @Test
    void aCaptureARefundAndACancellationMadeInTheDashboardAppearInBroadleafAfterTheirWebhooks() {
        Checkout paid = WebhookTestSupport.paidOrder(5000, 1);
        Tx authorize = transactions(paid.orderId(), PaymentTransactionType.AUTHORIZE).get(0);

        Payment capture = dashboardCapture(paid, 2000);
        Tx recordedCapture = await("the CAPTURE from payment.created", () -> single(paid, PaymentTransactionType.CAPTURE));
        assertEquals(2000, recordedCapture.amount());
        assertEquals(capture.id(), recordedCapture.field(SmartpayFields.PAYMENT_ID));
        assertEquals(paid.smartpayOrderId(), recordedCapture.field(SmartpayFields.ORDER_ID));
        assertEquals(authorize.id(), recordedCapture.parentId(), "a CAPTURE hangs under the AUTHORIZE");
        assertEquals(SmartpayExternalChanges.ORIGIN_SMARTPAY, recordedCapture.field(SmartpayExternalChanges.ORIGIN_FIELD));

        Refund refund = dashboardRefund(capture, 700);
        Tx recordedRefund = await("the REFUND from refund.created", () -> single(paid, PaymentTransactionType.REFUND));
        assertEquals(700, recordedRefund.amount());
        assertEquals(refund.id(), recordedRefund.field(SmartpayFields.REFUND_ID));
        assertEquals(recordedCapture.id(), recordedRefund.parentId(), "a REFUND hangs under its CAPTURE");

        // Smartpay closes a partly captured order as succeeded, and announces no order.canceled: the order sync,
        // as the reconciliation pass runs it, finds the released remainder
        org.bnplkit.smartpay.client.Order closed = client().cancelOrder(paid.smartpayOrderId(),
                RequestOptions.idempotencyKey("dashboard-cancel-" + UUID.randomUUID()));
        assertEquals(org.bnplkit.smartpay.client.OrderStatus.SUCCEEDED, closed.status());
        assertTrue(sandbox().awaitWebhooksIdle(Duration.ofSeconds(10)));
        assertTrue(deliveries(WebhookEventType.ORDER_CANCELED, paid.smartpayOrderId()).isEmpty(), "no order.canceled");
        ctx.bean("blSmartpayOrderSync", SmartpayOrderSync.class).sync(paid.smartpayOrderId(), "reconciliation");
        Tx released = single(paid, PaymentTransactionType.REVERSE_AUTH);
        assertEquals(paid.total() - 2000, released.amount(), "what was still authorized is released");
        SmartpayNotice flagged = notices().find("imported:" + SmartpayExternalChanges.releaseKey(paid.smartpayOrderId()));
        assertNotNull(flagged);
        assertEquals(NoticeKind.IMPORTED_CHANGE, flagged.getKind());
        assertEquals(paid.orderId(), flagged.getOrderId());
        assertEquals(OrderStatus.SUBMITTED, WebhookTestSupport.status(paid.orderId()), "the Broadleaf status is left to the merchant");

        // the operations know: nothing more can be captured on the closed order
        SmartpayOrderOperations operations = ctx.bean("blSmartpayOrderOperations", SmartpayOrderOperations.class);
        assertThrows(SmartpayOperationException.class, () -> operations.capture(paid.orderId(), 100L));

        // every delivery the sandbox made, three more times each, all at once: nothing new
        List<WebhookDelivery> all = new ArrayList<>();
        all.addAll(deliveries(WebhookEventType.PAYMENT_CREATED, capture.id()));
        all.addAll(deliveries(WebhookEventType.REFUND_CREATED, refund.id()));
        assertEquals(2, all.stream().map(WebhookDelivery::eventId).distinct().count(), all.toString());
        concurrently(all, 3);
        awaitProcessing();
        assertCounts(paid, 1, 1, 1);
        for (WebhookDelivery d : all) {
            assertEquals(WebhookEventStatus.PROCESSED, inbox().find(d.eventId()).getStatus());
        }
    }

    @Test
    void aDashboardCancellationOfAnUncapturedOrderArrivesAsOrderCanceled() {
        Checkout paid = WebhookTestSupport.paidOrder(3000, 1);
        org.bnplkit.smartpay.client.Order canceled = client().cancelOrder(paid.smartpayOrderId(),
                RequestOptions.idempotencyKey("dashboard-cancel-" + UUID.randomUUID()));
        assertEquals(org.bnplkit.smartpay.client.OrderStatus.CANCELED, canceled.status());
        Tx released = await("the REVERSE_AUTH from order.canceled", () -> single(paid, PaymentTransactionType.REVERSE_AUTH));
        assertEquals(paid.total(), released.amount(), "the whole authorization is released");
        SmartpayNotice flagged = await("the order to be flagged", () -> notices().find("canceled:" + paid.smartpayOrderId()));
        assertEquals(NoticeKind.CANCELED_AT_SMARTPAY, flagged.getKind());
        assertEquals(OrderStatus.SUBMITTED, WebhookTestSupport.status(paid.orderId()), "the Broadleaf status is left to the merchant");
        SmartpayOrderOperations operations = ctx.bean("blSmartpayOrderOperations", SmartpayOrderOperations.class);
        assertThrows(SmartpayOperationException.class, () -> operations.capture(paid.orderId(), 100L));
        assertEquals(1, deliveries(WebhookEventType.ORDER_CANCELED, paid.smartpayOrderId()).stream()
                .map(WebhookDelivery::eventId).distinct().count());
    }

    @Test
    void eventsDeliveredThreeTimesAtOnceAndOutOfOrderAreAppliedOnce() {
        Checkout paid = WebhookTestSupport.paidOrder(4000, 1);
        // order.authorized of the checkout first: handled later, it would find the capture below (it syncs the whole order)
        assertTrue(sandbox().awaitWebhooksIdle(Duration.ofSeconds(10)));
        awaitProcessing();
        receiver.paused.set(true); // the store is down: Smartpay's deliveries fail and are kept in its log
        Payment capture = dashboardCapture(paid, 1500);
        Refund refund = dashboardRefund(capture, 500);
        assertTrue(sandbox().awaitWebhooksIdle(Duration.ofSeconds(10)));
        WebhookDelivery paymentCreated = deliveries(WebhookEventType.PAYMENT_CREATED, capture.id()).get(0);
        WebhookDelivery refundCreated = deliveries(WebhookEventType.REFUND_CREATED, refund.id()).get(0);
        assertEquals(503, paymentCreated.statusCode());
        assertEquals(0, transactions(paid.orderId(), PaymentTransactionType.CAPTURE).size());
        receiver.paused.set(false);

        // refund.created before payment.created, each three times, all six at the same moment
        List<WebhookDelivery> burst = List.of(refundCreated, refundCreated, refundCreated, paymentCreated, paymentCreated,
                paymentCreated);
        List<Integer> statuses = concurrently(burst, 1);
        assertTrue(statuses.stream().allMatch(s -> s == 200), statuses.toString());
        awaitProcessing();
        WebhookTestSupport.sweeper().runOnce();

        assertCounts(paid, 1, 1, 0);
        Tx recordedRefund = transactions(paid.orderId(), PaymentTransactionType.REFUND).get(0);
        assertEquals(transactions(paid.orderId(), PaymentTransactionType.CAPTURE).get(0).id(), recordedRefund.parentId());
        assertEquals(1, inbox().findBySmartpayOrder(paid.smartpayOrderId()).stream()
                .filter(e -> e.getEventId().equals(paymentCreated.eventId())).count(), "one inbox row per event id");
    }

    @Test
    void theModulesOwnCaptureAndRefundAreRecognisedAndNotRecordedTwice() {
        Checkout paid = WebhookTestSupport.paidOrder(6000, 1);
        SmartpayOrderOperations operations = ctx.bean("blSmartpayOrderOperations", SmartpayOrderOperations.class);
        OperationOutcome captured = operations.capture(paid.orderId(), 2500L);
        assertTrue(captured.isSucceeded(), captured.toString());
        OperationOutcome refunded = operations.refund(paid.orderId(), 1000, RefundReason.REQUESTED_BY_CUSTOMER, "return",
                "rma-" + UUID.randomUUID());
        assertTrue(refunded.isSucceeded(), refunded.toString());

        assertTrue(sandbox().awaitWebhooksIdle(Duration.ofSeconds(10)));
        awaitProcessing();
        WebhookDelivery paymentCreated = deliveries(WebhookEventType.PAYMENT_CREATED, captured.smartpayPaymentId()).get(0);
        SmartpayWebhookEvent processed = await("payment.created processed", () -> {
            // a delivery that beat the capture's own settling is postponed a few seconds: the sweeper's work
            WebhookTestSupport.processor().processDue(100);
            SmartpayWebhookEvent e = inbox().find(paymentCreated.eventId());
            return e != null && e.getStatus() == WebhookEventStatus.PROCESSED ? e : null;
        });
        assertTrue(processed.getOutcome().contains("nothing new"), processed.getOutcome());
        assertCounts(paid, 1, 1, 0);
        List<Tx> captures = transactions(paid.orderId(), PaymentTransactionType.CAPTURE);
        assertEquals(captured.operationKey(), captures.get(0).field(SmartpayFields.OPERATION_KEY), "recorded by the operation itself");
    }

    @Test
    void aShopperWhoApprovedAndClosedTheBrowserGetsASubmittedOrderFromTheWebhookAlone() {
        Checkout checkout = WebhookTestSupport.startedCheckout(2980, 2);
        sandbox().approve(checkout.smartpayOrderId()); // ... and the browser is closed: no return

        await("the order to be submitted by order.authorized",
                () -> WebhookTestSupport.status(checkout.orderId()) == OrderStatus.SUBMITTED);
        List<Tx> authorizations = transactions(checkout.orderId(), PaymentTransactionType.AUTHORIZE);
        assertEquals(1, authorizations.size());
        assertEquals(checkout.total(), authorizations.get(0).amount());
        assertEquals(checkout.smartpayOrderId(), authorizations.get(0).field(SmartpayFields.ORDER_ID));
        // the notice follows the commit of the checkout
        SmartpayNotice completed = await("the CHECKOUT_COMPLETED_BY_WEBHOOK notice",
                () -> notices().find("completed:" + checkout.smartpayOrderId()));
        assertEquals(NoticeKind.CHECKOUT_COMPLETED_BY_WEBHOOK, completed.getKind());

        // the shopper comes back after all: their confirmation, nothing recorded twice
        Storefront.Response late = WebhookTestSupport.browserReturn(checkout);
        assertTrue(late.redirectPath().startsWith("/confirmation/"), late.toString());
        assertEquals(1, WebhookTestSupport.activeSmartpayPayments(checkout.orderId()));
        assertEquals(1, transactions(checkout.orderId(), PaymentTransactionType.AUTHORIZE).size());
    }

    @Test
    void orderAuthorizedArrivingAtTheSameMomentAsTheBrowserReturnCompletesTheOrderOnce() throws Exception {
        for (int round = 0; round < 6; round++) {
            // even rounds: the designed behaviour (the webhook leaves the return 2 s); odd rounds: no grace at all
            int grace = round % 2 == 0 ? 2 : 0;
            ctx.properties().set(SmartpayWebhookSettings.COMPLETE_CHECKOUT_AFTER_SECONDS, String.valueOf(grace));
            Checkout checkout = WebhookTestSupport.startedCheckout(1200 + round, 1);
            receiver.paused.set(true);
            sandbox().approve(checkout.smartpayOrderId());
            assertTrue(sandbox().awaitWebhooksIdle(Duration.ofSeconds(10)));
            WebhookDelivery authorized = deliveries(WebhookEventType.ORDER_AUTHORIZED, checkout.smartpayOrderId()).get(0);
            receiver.paused.set(false);

            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch go = new CountDownLatch(1);
            Future<MockHttpServletResponse> webhook = pool.submit(() -> {
                go.await();
                return replay(authorized);
            });
            Future<Storefront.Response> browser = pool.submit(() -> {
                go.await();
                return WebhookTestSupport.browserReturn(checkout);
            });
            go.countDown();
            assertEquals(200, webhook.get().getStatus());
            assertTrue(browser.get().redirectPath().startsWith("/confirmation/"), browser.get().toString());
            pool.shutdown();

            // the webhook either found the order submitted, or saw the return at work (BUSY) and looks again later
            SmartpayWebhookEvent event = await("order.authorized to settle", () -> {
                WebhookTestSupport.sweeper().runOnce();
                SmartpayWebhookEvent e = inbox().find(authorized.eventId());
                return e != null && e.getStatus() == WebhookEventStatus.PROCESSED ? e : null;
            });
            assertTrue(event.getOutcome().contains("nothing new") || event.getOutcome().contains("already submitted"),
                    event.getOutcome());
            assertEquals(OrderStatus.SUBMITTED, WebhookTestSupport.status(checkout.orderId()));
            assertEquals(1, WebhookTestSupport.activeSmartpayPayments(checkout.orderId()), "round " + round);
            assertEquals(1, transactions(checkout.orderId(), PaymentTransactionType.AUTHORIZE).size(), "round " + round);
            assertEquals("requires_capture", sandbox().order(checkout.smartpayOrderId()).status(),
                    "round " + round + ": the submitted order's authorization was not released");
        }
    }

    @Test
    void aHardDeclineIsNotedAndChangesNothing() {
        Checkout checkout = WebhookTestSupport.startedCheckout(1800, 1);
        sandbox().decline(checkout.smartpayOrderId(), true);
        SmartpayNotice notice = await("the ORDER_REJECTED notice", () -> notices().find("rejected:" + checkout.smartpayOrderId()));
        assertEquals(NoticeKind.ORDER_REJECTED, notice.getKind());
        assertEquals(checkout.orderId(), notice.getOrderId());
        assertTrue(notice.getMessage().contains("hard decline"), notice.getMessage());
        assertEquals(OrderStatus.IN_PROCESS, WebhookTestSupport.status(checkout.orderId()));
        assertEquals(0, WebhookTestSupport.activeSmartpayPayments(checkout.orderId()));
    }

    @Test
    void anEventThatKeepsFailingBecomesADeadLetterAndIsReprocessedOnceTheCauseIsGone() {
        ctx.properties().set(SmartpayWebhookSettings.MAX_ATTEMPTS, "2");
        ctx.properties().set(SmartpayWebhookSettings.INITIAL_BACKOFF_MS, "0");
        Checkout paid = WebhookTestSupport.paidOrder(3300, 1);
        // Smartpay cannot be read back while the event is processed
        sandbox().injectFault(SandboxFault.status(503).times(1000).on("GET", "/v1/orders/" + paid.smartpayOrderId() + ".*"));
        Payment capture = dashboardCapture(paid, 1000);
        WebhookDelivery delivery = await("the delivery", () -> deliveries(WebhookEventType.PAYMENT_CREATED, capture.id())
                .stream().filter(WebhookDelivery::succeeded).findFirst().orElse(null));
        awaitProcessing();
        SmartpayWebhookEvent retrying = inbox().find(delivery.eventId());
        assertEquals(WebhookEventStatus.RETRYING, retrying.getStatus(), retrying.toString());
        WebhookTestSupport.sweeper().runOnce();
        SmartpayWebhookEvent dead = inbox().find(delivery.eventId());
        assertEquals(WebhookEventStatus.DEAD, dead.getStatus(), dead.toString());
        assertTrue(dead.getLastError().contains("503"), dead.getLastError());
        assertEquals(NoticeKind.WEBHOOK_DEAD, notices().find("webhook-dead:" + delivery.eventId()).getKind());
        assertEquals(0, transactions(paid.orderId(), PaymentTransactionType.CAPTURE).size());

        sandbox().clearFaults();
        SmartpayWebhookEvent reprocessed = WebhookTestSupport.processor().reprocess(delivery.eventId());
        assertEquals(WebhookEventStatus.PROCESSED, reprocessed.getStatus(), reprocessed.toString());
        assertCounts(paid, 1, 0, 0);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static Payment dashboardCapture(Checkout paid, long amount) {
        return client().createPayment(PaymentCreateParams.builder().order(paid.smartpayOrderId()).amount(amount).currency("JPY")
                .cancelRemainder(CancelRemainder.MANUAL).build(), RequestOptions.idempotencyKey("dashboard-" + UUID.randomUUID()));
    }

    private static Refund dashboardRefund(Payment capture, long amount) {
        return client().createRefund(RefundCreateParams.builder().payment(capture.id()).amount(amount).currency("JPY")
                .reason(RefundReason.REQUESTED_BY_CUSTOMER).build(), RequestOptions.idempotencyKey("dashboard-" + UUID.randomUUID()));
    }

    private static Tx single(Checkout paid, PaymentTransactionType type) {
        List<Tx> txs = transactions(paid.orderId(), type);
        assertTrue(txs.size() <= 1, "more than one " + type + ": " + txs);
        return txs.isEmpty() ? null : txs.get(0);
    }

    private static void assertCounts(Checkout paid, int captures, int refunds, int reverseAuths) {
        assertEquals(captures, transactions(paid.orderId(), PaymentTransactionType.CAPTURE).size(), "CAPTURE transactions");
        assertEquals(refunds, transactions(paid.orderId(), PaymentTransactionType.REFUND).size(), "REFUND transactions");
        assertEquals(reverseAuths, transactions(paid.orderId(), PaymentTransactionType.REVERSE_AUTH).size(), "REVERSE_AUTH transactions");
    }

    /** Posts every delivery {@code times} times, all at the same moment; returns the statuses. */
    private static List<Integer> concurrently(List<WebhookDelivery> deliveries, int times) {
        List<Callable<Integer>> calls = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int i = 0; i < times; i++) {
            for (WebhookDelivery d : deliveries) {
                calls.add(() -> {
                    go.await();
                    return replay(d).getStatus();
                });
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (Callable<Integer> c : calls) {
                futures.add(pool.submit(c));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : futures) {
                statuses.add(f.get());
            }
            assertFalse(statuses.isEmpty());
            return statuses;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
    }
}
