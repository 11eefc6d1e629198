package org.bnplkit.smartpay.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bnplkit.smartpay.checkout.SmartpayCartLink;
import org.bnplkit.smartpay.checkout.SmartpayCheckoutLease;
import org.bnplkit.smartpay.client.CancelRemainder;
import org.bnplkit.smartpay.client.CaptureMethod;
import org.bnplkit.smartpay.client.ListParams;
import org.bnplkit.smartpay.client.WebhookEndpoint;
import org.bnplkit.smartpay.client.WebhookEndpointUpdateParams;
import org.bnplkit.smartpay.client.Payment;
import org.bnplkit.smartpay.client.PaymentCreateParams;
import org.bnplkit.smartpay.client.Refund;
import org.bnplkit.smartpay.client.RefundCreateParams;
import org.bnplkit.smartpay.client.RefundReason;
import org.bnplkit.smartpay.client.RequestOptions;
import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.config.SmartpayClientProvider;
import org.bnplkit.smartpay.config.SmartpayFields;
import org.bnplkit.smartpay.journal.JobLeases;
import org.bnplkit.smartpay.journal.NoticeKind;
import org.bnplkit.smartpay.journal.OperationJournal;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.SmartpayJobLease;
import org.bnplkit.smartpay.journal.SmartpayNotice;
import org.bnplkit.smartpay.journal.SmartpayNotices;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.journal.SmartpayWebhookEvent;
import org.bnplkit.smartpay.journal.WebhookEventStatus;
import org.bnplkit.smartpay.journal.WebhookInbox;
import org.bnplkit.smartpay.operations.OperationKeys;
import org.bnplkit.smartpay.operations.PaidOrderFixture;
import org.bnplkit.smartpay.operations.SmartpayOperationsSettings;
import org.bnplkit.smartpay.sandbox.SmartpaySandbox;
import org.bnplkit.smartpay.testing.BroadleafTestContext;
import org.bnplkit.smartpay.testing.Storefront;
import org.bnplkit.smartpay.webhooks.SmartpayWebhookSettings;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.broadleafcommerce.core.order.domain.FulfillmentGroup;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.service.FulfillmentGroupService;
import org.broadleafcommerce.core.order.service.OrderService;
import org.broadleafcommerce.core.order.service.type.FulfillmentGroupStatusType;
import org.broadleafcommerce.core.order.service.type.OrderStatus;
import org.broadleafcommerce.core.payment.domain.OrderPayment;
import org.broadleafcommerce.core.payment.domain.PaymentTransaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reconciliation pass on the real Broadleaf context against the sandbox, with no webhook endpoint listening
 * (every webhook lost): changes made at the sandbox directly (as in Smartpay's dashboard) reach Broadleaf through the
 * pass alone; expiring authorizations are flagged (and shipped groups captured when configured); orphan approvals
 * are completed when the cart still matches, or released.
 */
class ReconciliationIT {

    private final BroadleafTestContext ctx = BroadleafTestContext.get();
    private final SmartpaySandbox sandbox = ctx.sandbox();
    private final SmartpayReconciler reconciler = ctx.bean("blSmartpayReconciler", SmartpayReconciler.class);
    private final SmartpayNotices notices = ctx.bean("blSmartpayNotices", SmartpayNotices.class);
    private final OperationJournal journal = ctx.bean("blSmartpayOperationJournal", OperationJournal.class);

    @BeforeEach
    void settings() {
        baseline();
        webhookEndpointsActive(false); // every webhook is lost
    }

    @AfterEach
    void restore() {
        baseline();
        sandbox.clearFaults();
        webhookEndpointsActive(true);
    }

    /** Switches the webhook endpoints registered at the sandbox (by other suites of this JVM) off or on. */
    private void webhookEndpointsActive(boolean active) {
        for (WebhookEndpoint endpoint : client().listWebhookEndpoints(ListParams.builder().maxResults(100).build()).data()) {
            client().updateWebhookEndpoint(endpoint.id(), WebhookEndpointUpdateParams.builder().active(active).build(), null);
        }
    }

    private void baseline() {
        ctx.properties().reset();
        ctx.properties().set(SmartpayReconcileSettings.ENABLED, "false");
        ctx.properties().set(SmartpayWebhookSettings.SWEEP_ENABLED, "false");
        ctx.properties().set(SmartpayOperationsSettings.WORKER_ENABLED, "false");
        ctx.properties().set(SmartpayReconcileSettings.ORPHANS_ENABLED, "false");
    }

    @Test
    void settledEventsAndResolvedNoticesPastTheirRetentionAreDeletedOpenOnesAndTheJournalStay() {
        WebhookInbox inbox = ctx.bean("blSmartpayWebhookInbox", WebhookInbox.class);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String processed = storedEvent("evt_test_done_" + tag, WebhookEventStatus.PROCESSED, inbox);
        String ignored = storedEvent("evt_test_ignored_" + tag, WebhookEventStatus.IGNORED, inbox);
        String dead = storedEvent("evt_test_dead_" + tag, WebhookEventStatus.DEAD, inbox);
        notices.raise("retention-resolved:" + tag, NoticeKind.AUTHORIZATION_EXPIRING, null, null, "resolved long ago");
        assertTrue(notices.resolve("retention-resolved:" + tag));
        notices.raise("retention-open:" + tag, NoticeKind.AUTHORIZATION_EXPIRING, null, null, "still open");
        SmartpayCheckoutLease checkoutLease = ctx.bean("blSmartpayCheckoutLease", SmartpayCheckoutLease.class);
        long cartId = 900_000_000L + Math.abs(tag.hashCode() % 1_000_000);
        SmartpayCheckoutLease.Held held = checkoutLease.tryHold(cartId);
        assertNotNull(held);
        held.close();
        JobLeases leases = ctx.bean("blSmartpayJobLeases", JobLeases.class);
        assertNotNull(leases.find("checkout:" + cartId));
        long day = 86_400_000L;

        reconciler.reconcile(new Date(System.currentTimeMillis() + 89 * day));
        assertNotNull(inbox.find(processed), "within 90 days: kept");
        assertNotNull(notices.find("retention-resolved:" + tag));

        ctx.properties().set(SmartpayReconcileSettings.RETENTION_DAYS, "0");
        reconciler.reconcile(new Date(System.currentTimeMillis() + 1000 * day));
        assertNotNull(inbox.find(processed), "retention 0 keeps everything");

        ctx.properties().set(SmartpayReconcileSettings.RETENTION_DAYS, "90");
        SmartpayReconciler.ReconcileReport report = reconciler.reconcile(new Date(System.currentTimeMillis() + 91 * day));
        assertTrue(report.deleted() >= 3, report.toString());
        assertNull(inbox.find(processed));
        assertNull(inbox.find(ignored));
        assertNull(notices.find("retention-resolved:" + tag));
        assertNotNull(inbox.find(dead), "a dead letter waits for an operator, whatever its age");
        assertNull(leases.find("checkout:" + cartId), "an idle cart lease is deleted");
        assertNotNull(notices.find("retention-open:" + tag), "an open notice stays");
        notices.resolve("retention-open:" + tag);
    }

    private static String storedEvent(String eventId, WebhookEventStatus status, WebhookInbox inbox) {
        Date now = new Date();
        SmartpayWebhookEvent event = new SmartpayWebhookEvent();
        event.setEventId(eventId);
        event.setEventType("order.authorized");
        event.setTestMode(true);
        event.setBody("{}");
        event.setStatus(status);
        event.setAttempts(1);
        event.setReceivedAt(now);
        event.setUpdatedAt(now);
        event.setProcessedAt(status == WebhookEventStatus.DEAD ? null : now);
        assertTrue(inbox.insertIfAbsent(event).created());
        return eventId;
    }

    /** A pass takes a batch of orders; the next pass goes on after it, so the newest orders are reached too. */
    @Test
    void passesGoOnWhereThePreviousOneStoppedSoEveryOrderIsReached() {
        ctx.properties().set(SmartpayReconcileSettings.BATCH_SIZE, "2");
        List<Paid> newest = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Paid paid = paidOrder(1000 + i);
            client().createPayment(PaymentCreateParams.builder().order(paid.smartpayOrderId).amount(500).currency("JPY")
                    .cancelRemainder(CancelRemainder.MANUAL).build(), dashboardKey());
            newest.add(paid);
        }
        int passes = 0;
        while (!newest.stream().allMatch(p -> transactions(p.orderId, PaymentTransactionType.CAPTURE).size() == 1)) {
            assertTrue(++passes <= 1000, "the newest orders were never reached, batch after batch");
            reconciler.reconcile(new Date());
        }
    }

    @Test
    void aCaptureAndARefundMadeInTheDashboardAreImportedByTheNextPassOnce() {
        Paid paid = paidOrder(7000);
        Payment capture = client().createPayment(PaymentCreateParams.builder().order(paid.smartpayOrderId).amount(2500)
                .currency("JPY").cancelRemainder(CancelRemainder.MANUAL).build(), dashboardKey());
        Refund refund = client().createRefund(RefundCreateParams.builder().payment(capture.id()).amount(800).currency("JPY")
                .reason(RefundReason.REQUESTED_BY_CUSTOMER).build(), dashboardKey());
        assertEquals(0, transactions(paid.orderId, PaymentTransactionType.CAPTURE).size(), "no webhook reached the store");

        SmartpayReconciler.ReconcileReport first = reconciler.reconcile(new Date());
        assertTrue(first.changes() >= 2, first.toString());
        List<PaymentTransaction> captures = transactions(paid.orderId, PaymentTransactionType.CAPTURE);
        List<PaymentTransaction> refunds = transactions(paid.orderId, PaymentTransactionType.REFUND);
        assertEquals(1, captures.size());
        assertEquals(1, refunds.size());
        assertEquals(capture.id(), captures.get(0).getAdditionalFields().get(SmartpayFields.PAYMENT_ID));
        assertEquals(refund.id(), refunds.get(0).getAdditionalFields().get(SmartpayFields.REFUND_ID));
        assertEquals(captures.get(0).getId(), refunds.get(0).getParentTransaction().getId());
        assertEquals(NoticeKind.IMPORTED_CHANGE, notices.find("imported:import:payment:" + capture.id()).getKind());
        assertNull(openNotice("difference:" + paid.smartpayOrderId), "everything explained");

        reconciler.reconcile(new Date());
        assertEquals(1, transactions(paid.orderId, PaymentTransactionType.CAPTURE).size(), "a second pass records nothing");
        assertEquals(1, transactions(paid.orderId, PaymentTransactionType.REFUND).size());
    }

    @Test
    void aDifferenceNobodyCanExplainIsFlagged() {
        Paid paid = paidOrder(5200);
        // Broadleaf believes in a refund Smartpay never made (recorded by hand, bypassing the module)
        ctx.inTransaction(() -> {
            org.broadleafcommerce.core.payment.service.OrderPaymentService payments =
                    ctx.bean("blOrderPaymentService", org.broadleafcommerce.core.payment.service.OrderPaymentService.class);
            Order order = ctx.bean("blOrderService", OrderService.class).findOrderById(paid.orderId);
            OrderPayment payment = order.getPayments().get(0);
            PaymentTransaction tx = payments.createTransaction();
            tx.setType(PaymentTransactionType.CAPTURE);
            tx.setAmount(new org.broadleafcommerce.common.money.Money(new java.math.BigDecimal("1000"), "JPY"));
            tx.setSuccess(true);
            tx.setDate(new Date());
            java.util.Map<String, String> fields = new java.util.HashMap<>();
            fields.put(SmartpayFields.PAYMENT_ID, "payment_test_madeUpByHand");
            fields.put(SmartpayFields.ORDER_ID, paid.smartpayOrderId);
            tx.setAdditionalFields(fields);
            tx.setOrderPayment(payment);
            payment.addTransaction(tx);
            payments.save(payment);
        });
        SmartpayReconciler.ReconcileReport report = reconciler.reconcile(new Date());
        assertTrue(report.problems() >= 1, report.toString());
        SmartpayNotice flagged = openNotice("difference:" + paid.smartpayOrderId);
        assertNotNull(flagged);
        assertEquals(NoticeKind.UNEXPLAINED_DIFFERENCE, flagged.getKind());
        assertTrue(flagged.getMessage().contains("Captured amounts differ: Broadleaf ¥1000, Smartpay ¥0"), flagged.getMessage());
    }

    @Test
    void anAuthorizationExpiringSoonIsFlaggedAndTheFlagClearsOnceCaptured() {
        Paid paid = paidOrder(4100);
        ctx.properties().set(SmartpayReconcileSettings.EXPIRING_DAYS, "6");
        reconciler.reconcile(new Date());
        assertNull(openNotice("expiring:" + paid.smartpayOrderId), "7 days left: not within 6");

        // two days later (the pass's clock; the shared sandbox's clock stays put): 5 days left
        Date twoDaysLater = new Date(System.currentTimeMillis() + Duration.ofDays(2).toMillis());
        SmartpayReconciler.ReconcileReport report = reconciler.reconcile(twoDaysLater);
        assertTrue(report.expiring() >= 1, report.toString());
        SmartpayNotice warning = openNotice("expiring:" + paid.smartpayOrderId);
        assertNotNull(warning);
        assertEquals(NoticeKind.AUTHORIZATION_EXPIRING, warning.getKind());
        assertEquals(paid.orderId, warning.getOrderId());
        assertTrue(warning.getMessage().contains("¥" + paid.total + " of ¥" + paid.total + " is still uncaptured"), warning.getMessage());

        client().createPayment(PaymentCreateParams.builder().order(paid.smartpayOrderId).amount(paid.total).currency("JPY")
                .build(), dashboardKey());
        reconciler.reconcile(twoDaysLater);
        assertNull(openNotice("expiring:" + paid.smartpayOrderId), "fully captured: nothing expires any more");
    }

    @Test
    void captureShippedCapturesTheShippedGroupsOfAnExpiringAuthorization() {
        ctx.properties().set(SmartpayOperationsSettings.TRIGGER_CAPTURE_ENABLED, "false"); // shipping alone captures nothing
        Paid paid = paidOrder(3600);
        Long group = ctx.inTransaction(() -> ctx.bean("blOrderService", OrderService.class).findOrderById(paid.orderId)
                .getFulfillmentGroups().get(0).getId());
        ctx.inTransaction(() -> {
            FulfillmentGroupService groups = ctx.bean("blFulfillmentGroupService", FulfillmentGroupService.class);
            FulfillmentGroup fg = groups.findFulfillmentGroupById(group);
            fg.setStatus(FulfillmentGroupStatusType.SHIPPED);
            groups.save(fg);
        });
        assertNull(journal.find(OperationKeys.captureGroup(group)));

        ctx.properties().set(SmartpayReconcileSettings.EXPIRING_DAYS, "8");
        ctx.properties().set(SmartpayReconcileSettings.EXPIRING_ACTION, "capture-shipped");
        SmartpayReconciler.ReconcileReport report = reconciler.reconcile(new Date());

        SmartpayOperation captured = journal.find(OperationKeys.captureGroup(group));
        assertNotNull(captured, "the shipped group was captured: " + report + " / " + openNotice("expiring:" + paid.smartpayOrderId));
        assertEquals(OperationStatus.SUCCEEDED, captured.getStatus());
        assertEquals(paid.total, captured.getAmount(), "the only group takes the whole authorization");
        assertEquals("succeeded", sandbox.order(paid.smartpayOrderId).status());
        assertEquals(1, transactions(paid.orderId, PaymentTransactionType.CAPTURE).size());
    }

    @Test
    void captureShippedCapturesWhatShippedAndReleasesWhatDidNot() {
        ctx.properties().set(SmartpayOperationsSettings.TRIGGER_CAPTURE_ENABLED, "false");
        PaidOrderFixture fixture = new PaidOrderFixture(ctx);
        PaidOrderFixture.Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{3000, 5000}, new int[]{1, 1});
        Long shipped = paid.groupIds().get(0);
        fixture.setGroupStatus(shipped, FulfillmentGroupStatusType.SHIPPED);

        ctx.properties().set(SmartpayReconcileSettings.EXPIRING_DAYS, "8");
        ctx.properties().set(SmartpayReconcileSettings.EXPIRING_ACTION, "capture-shipped");
        SmartpayReconciler.ReconcileReport report = reconciler.reconcile(new Date());

        SmartpayOperation capture = journal.find(OperationKeys.captureGroup(shipped));
        assertNotNull(capture, report.toString());
        assertEquals(OperationStatus.SUCCEEDED, capture.getStatus());
        assertTrue(capture.getAmount() > 0 && capture.getAmount() < paid.total(), capture.toString());
        assertNull(journal.find(OperationKeys.captureGroup(paid.groupIds().get(1))), "the unshipped group is not captured");
        // Smartpay answers the cancellation of an order with a capture with succeeded; the rest is released
        assertEquals("succeeded", sandbox.order(paid.smartpayOrderId()).status());
        assertTrue(sandbox.order(paid.smartpayOrderId()).remainderReleased(), "the rest was released");
        List<PaymentTransaction> released = transactions(paid.orderId(), PaymentTransactionType.REVERSE_AUTH);
        assertEquals(1, released.size());
        assertEquals(paid.total() - capture.getAmount(), released.get(0).getAmount().getAmount().longValue());
        SmartpayOperation releaseRow = journal.find(OperationKeys.releaseRemainder(paid.orderId()));
        assertNotNull(releaseRow, "released through the operations, captures kept");
        assertEquals(OperationStatus.SUCCEEDED, releaseRow.getStatus());
        assertEquals(paid.total() - capture.getAmount(), releaseRow.getAmount());
        assertTrue(openNotice("expiring:" + paid.smartpayOrderId()).getMessage().contains("was released"),
                openNotice("expiring:" + paid.smartpayOrderId()).getMessage());

        reconciler.reconcile(new Date());
        assertEquals(1, transactions(paid.orderId(), PaymentTransactionType.CAPTURE).size());
        assertEquals(1, transactions(paid.orderId(), PaymentTransactionType.REVERSE_AUTH).size());
    }

    @Test
    void anOrphanApprovalIsCancelledAtSmartpay() {
        ctx.properties().set(SmartpayReconcileSettings.ORPHANS_ENABLED, "true");
        ctx.properties().set(SmartpayReconcileSettings.ORPHANS_GRACE_MINUTES, "0");
        ctx.properties().set(SmartpayWebhookSettings.COMPLETE_CHECKOUT, "false");
        Started started = startedCheckout(2300);
        sandbox.approve(started.smartpayOrderId); // the shopper approved; no order was ever placed

        SmartpayReconciler.ReconcileReport report = reconciler.reconcile(new Date());
        assertTrue(report.orphansReleased() >= 1, report.toString());
        assertEquals("canceled", sandbox.order(started.smartpayOrderId).status());
        SmartpayNotice notice = openNotice("orphan:" + started.smartpayOrderId);
        assertNotNull(notice);
        assertEquals(NoticeKind.ORPHAN_RELEASED, notice.getKind());
        assertEquals(OrderStatus.IN_PROCESS, status(started.cartId));

        reconciler.reconcile(new Date());
        assertEquals(1, notices.find("orphan:" + started.smartpayOrderId).getOccurrences(), "released once");
    }

    /**
     * Issue #10 scenario 5: another storefront on the same Smartpay account (another brand, a migration) has an
     * approved order whose metadata names an order id that is an unpaid cart here. It is not this store's: left alone.
     */
    @Test
    void anApprovalOfAnotherStoreSharingTheAccountIsLeftAlone() {
        ctx.properties().set(SmartpayReconcileSettings.ORPHANS_ENABLED, "true");
        ctx.properties().set(SmartpayReconcileSettings.ORPHANS_GRACE_MINUTES, "0");
        ctx.properties().set(SmartpayWebhookSettings.COMPLETE_CHECKOUT, "false");
        Order unpaidCartHere = ctx.fixtures().cart().item("Another store's id " + System.nanoTime(), 2500, 1).build();
        java.util.Map<String, String> theirs = new java.util.HashMap<>();
        theirs.put("broadleafOrderId", String.valueOf(unpaidCartHere.getId()));
        theirs.put("broadleafInstallation", "anotherstore1");
        org.bnplkit.smartpay.client.CheckoutSession session = client().createCheckoutSession(
                org.bnplkit.smartpay.client.CheckoutSessionCreateParams.builder()
                        .amount(2750).currency("JPY").captureMethod(CaptureMethod.MANUAL)
                        .successUrl("https://brand-b.example.jp/ok").cancelUrl("https://brand-b.example.jp/ng")
                        .reference(String.valueOf(unpaidCartHere.getId())).metadata(theirs)
                        .item(org.bnplkit.smartpay.client.LineItem.builder().name("Brand B").amount(2750).currency("JPY")
                                .quantity(1).build())
                        .shippingInfo(org.bnplkit.smartpay.client.ShippingInfo.builder().feeAmount(0L).feeCurrency("JPY")
                                .address(org.bnplkit.smartpay.client.Address.builder().line1("渋谷2-21-1").locality("渋谷区")
                                        .administrativeArea("東京都").postalCode("150-0002").country("JP").build()).build())
                        .build(), dashboardKey());
        sandbox.approve(session.order().id());

        reconciler.reconcile(new Date());
        assertEquals("requires_capture", sandbox.order(session.order().id()).status(), "another store's authorization stands");
        assertNull(openNotice("orphan:" + session.order().id()));
    }

    @Test
    void anApprovalWithinTheGracePeriodIsLeftAlone() {
        ctx.properties().set(SmartpayReconcileSettings.ORPHANS_ENABLED, "true");
        ctx.properties().set(SmartpayReconcileSettings.ORPHANS_GRACE_MINUTES, "60");
        Started started = startedCheckout(2400);
        sandbox.approve(started.smartpayOrderId);
        reconciler.reconcile(new Date());
        assertEquals("requires_capture", sandbox.order(started.smartpayOrderId).status());
        assertEquals(OrderStatus.IN_PROCESS, status(started.cartId));
    }

    @Test
    void anOrphanWhoseCartStillMatchesIsCompletedInsteadOfCancelled() {
        ctx.properties().set(SmartpayReconcileSettings.ORPHANS_ENABLED, "true");
        ctx.properties().set(SmartpayReconcileSettings.ORPHANS_GRACE_MINUTES, "0");
        Started started = startedCheckout(2500);
        sandbox.approve(started.smartpayOrderId); // browser closed, webhook lost

        SmartpayReconciler.ReconcileReport report = reconciler.reconcile(new Date());
        assertTrue(report.checkoutsCompleted() >= 1, report.toString());
        assertEquals(OrderStatus.SUBMITTED, status(started.cartId));
        assertEquals("requires_capture", sandbox.order(started.smartpayOrderId).status());
        assertEquals(1, transactions(started.cartId, PaymentTransactionType.AUTHORIZE).size());
    }

    @Test
    void onlyOneNodeRunsAPass() throws Exception {
        SmartpayReconcileJob job = ctx.bean("blSmartpayReconcileJob", SmartpayReconcileJob.class);
        JobLeases leases = ctx.bean("blSmartpayJobLeases", JobLeases.class);
        leases.release(SmartpayReconcileJob.JOB);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<SmartpayReconciler.ReconcileReport>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(pool.submit(() -> {
                go.await();
                return job.runOnce();
            }));
        }
        go.countDown();
        int ran = 0;
        for (Future<SmartpayReconciler.ReconcileReport> run : runs) {
            if (run.get() != null) {
                ran++;
            }
        }
        pool.shutdown();
        assertEquals(1, ran, "one of four simultaneous passes ran");
        assertNull(job.runOnce(), "the job stays taken until the next interval");
        SmartpayJobLease lease = leases.find(SmartpayReconcileJob.JOB);
        assertNotNull(lease.getLastFinishedAt());
        assertTrue(lease.getLastResult().startsWith("checked "), lease.getLastResult());
        leases.release(SmartpayReconcileJob.JOB);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private record Paid(Long orderId, String smartpayOrderId, long total) {
    }

    private record Started(Long cartId, String smartpayOrderId) {
    }

    private Started startedCheckout(long price) {
        Order cart = ctx.fixtures().cart().item("Reconcile item " + System.nanoTime(), price, 1).shipping("Yamato", 660).build();
        Storefront.Response start = ctx.storefront().get("/smartpay/start", cart.getId());
        assertNotNull(start.redirectedUrl(), start.toString());
        String smartpayOrderId = ctx.inTransaction(() -> SmartpayCartLink.of(ctx.fixtures().reload(cart.getId())).smartpayOrderId());
        return new Started(cart.getId(), smartpayOrderId);
    }

    private Paid paidOrder(long price) {
        Started started = startedCheckout(price);
        sandbox.approve(started.smartpayOrderId);
        ctx.storefront().get("/smartpay/return?order=" + started.cartId, started.cartId);
        assertEquals(OrderStatus.SUBMITTED, status(started.cartId));
        return new Paid(started.cartId, started.smartpayOrderId, sandbox.order(started.smartpayOrderId).amount());
    }

    private OrderStatus status(Long orderId) {
        return ctx.inTransaction(() -> ctx.fixtures().reload(orderId).getStatus());
    }

    private SmartpayNotice openNotice(String key) {
        SmartpayNotice n = notices.find(key);
        return n != null && n.isOpen() ? n : null;
    }

    private SmartpayClient client() {
        return ctx.bean("blSmartpayClientProvider", SmartpayClientProvider.class).client();
    }

    private static RequestOptions dashboardKey() {
        return RequestOptions.idempotencyKey("dashboard-" + UUID.randomUUID());
    }

    private List<PaymentTransaction> transactions(Long orderId, PaymentTransactionType type) {
        return ctx.inTransaction(() -> {
            List<PaymentTransaction> out = new ArrayList<>();
            for (OrderPayment p : ctx.bean("blOrderService", OrderService.class).findOrderById(orderId).getPayments()) {
                if (!p.isActive()) {
                    continue;
                }
                for (PaymentTransaction tx : p.getTransactions()) {
                    if (type.equals(tx.getType()) && Boolean.TRUE.equals(tx.getSuccess())) {
                        tx.getAdditionalFields().size();
                        if (tx.getParentTransaction() != null) {
                            tx.getParentTransaction().getId();
                        }
                        out.add(tx);
                    }
                }
            }
            return out;
        });
    }
}
