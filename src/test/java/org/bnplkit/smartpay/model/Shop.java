package org.bnplkit.smartpay.model;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bnplkit.smartpay.client.RefundReason;
import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.config.SmartpayClientProvider;
import org.bnplkit.smartpay.config.SmartpaySettings;
import org.bnplkit.smartpay.journal.OperationJournal;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.operations.OperationOutcome;
import org.bnplkit.smartpay.operations.OperationSeams;
import org.bnplkit.smartpay.operations.PaidOrderFixture;
import org.bnplkit.smartpay.operations.SmartpayOperationsSettings;
import org.bnplkit.smartpay.operations.SmartpayOrderOperations;
import org.bnplkit.smartpay.operations.SmartpayOrderOperationsImpl;
import org.bnplkit.smartpay.reconcile.SmartpayOperationRetryWorker;
import org.bnplkit.smartpay.sandbox.SandboxFault;
import org.bnplkit.smartpay.testing.BroadleafTestContext;
import org.bnplkit.smartpay.triggers.SmartpayFulfillmentGroupStatusType;
import org.bnplkit.smartpay.webhooks.WebhookTestSupport;
import org.broadleafcommerce.core.order.domain.FulfillmentGroup;
import org.broadleafcommerce.core.order.domain.FulfillmentGroupItem;
import org.broadleafcommerce.core.order.service.FulfillmentGroupService;
import org.broadleafcommerce.core.order.service.type.FulfillmentGroupStatusType;
import org.broadleafcommerce.core.order.service.type.OrderStatus;

/**
 * The store the model test drives: the real Broadleaf context of this JVM and its sandbox, reached through the entry
 * points a store, its staff, Smartpay and the operators use, plus the merchant model of every order the run placed.
 * Each action does one thing for real, tells the model what the merchant meant by it, waits until the system has
 * settled (background sends, webhook deliveries and their processing) and logs one line. {@link MoneyInvariants}
 * then compares. What happens at Smartpay itself (dashboard, expiry, faults) is {@link SmartpaySide}.
 *
 * <p>Orders, groups and lines are named by index ("order[2] group[1]"), taken modulo what exists, so that a
 * shrunk sequence still means something.
 */
final class Shop {

    /** The client's read timeout during a run: a "timeout" fault answers later than this. */
    static final int READ_TIMEOUT_MS = 1_500;
    private static final String NODE_1 = "node-1";
    private static final String NODE_2 = "node-2";

    final BroadleafTestContext ctx = BroadleafTestContext.get();
    final boolean refundCapturedOnCancel;
    final List<MerchantModel> orders = new ArrayList<>();
    final List<String> log = new ArrayList<>();
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final StoreCheckout checkout = new StoreCheckout(ctx);
    private final SmartpaySide smartpay = new SmartpaySide(this);
    private final PaidOrderFixture fixture = new PaidOrderFixture(ctx);
    private Duration clockOffset = Duration.ZERO;
    private int requests;

    Shop(boolean refundCapturedOnCancel) {
        this.refundCapturedOnCancel = refundCapturedOnCancel;
        WebhookTestSupport.baseline();
        ctx.properties().set(SmartpaySettings.READ_TIMEOUT_MILLIS, String.valueOf(READ_TIMEOUT_MS));
        ctx.properties().set(SmartpayOperationsSettings.RETRY_INITIAL_BACKOFF_MS, "1000");
        ctx.properties().set(SmartpayOperationsSettings.RETRY_MAX_BACKOFF_MS, "4000");
        ctx.properties().set(SmartpayOperationsSettings.NODE_ID, NODE_1);
        ctx.properties().set(SmartpayOperationsSettings.CANCEL_REFUND_CAPTURED, String.valueOf(refundCapturedOnCancel));
        operationsImpl().setClock(Clock.systemUTC());
        ctx.sandbox().clearFaults();
        WebhookTestSupport.registeredReceiver();
        smartpay.webhooksActive(true);
    }

    /** Leaves the JVM's context as the other suites expect it. */
    void close() {
        ctx.sandbox().clearFaults();
        OperationSeams.clear(operations());
        operationsImpl().setClock(Clock.systemUTC());
        settle();
        WebhookTestSupport.unregisterReceiver();
        ctx.properties().reset();
    }

    /** What happens at Smartpay without the store asking: the dashboard, the expiry, faults. */
    SmartpaySide smartpay() {
        return smartpay;
    }

    boolean hasOrders() {
        return !orders.isEmpty();
    }

    MerchantModel order(int index) {
        return orders.get(Math.floorMod(index, orders.size()));
    }

    // ---- the shopper ------------------------------------------------------------------------------------------------

    Shop checkout(StoreCheckout.Basket basket) {
        MerchantModel order = checkout.checkout(orders.size() + 1, basket);
        orders.add(order);
        SmartpayTruth truth = SmartpayTruth.read(client(), order.smartpayOrderId);
        truth.payments().forEach(p -> order.outsideMoneyIds.add(p.id())); // automatic capture: the checkout's payment
        settle();
        return note("checkout " + order + ", groups " + describeGroups(order));
    }

    // ---- the store's fulfilment (status changes: the real trigger path) -----------------------------------------------

    Shop ship(int orderIndex, int groupIndex) {
        MerchantModel order = order(orderIndex);
        MerchantModel.Group group = order.groupAt(groupIndex);
        if (group.shipped || order.cancelled) {
            return note("ship " + name(order, group) + ": skipped (" + (order.cancelled ? "order cancelled" : "already shipped") + ")");
        }
        long expected = order.ship(group);
        fixture.setGroupStatus(group.id, FulfillmentGroupStatusType.SHIPPED);
        settle();
        return note("ship " + name(order, group) + " (status SHIPPED): the model captures " + expected);
    }

    Shop returnGroup(int orderIndex, int groupIndex) {
        MerchantModel order = order(orderIndex);
        MerchantModel.Group group = order.groupAt(groupIndex);
        if (!group.shipped || group.returned) {
            return note("return " + name(order, group) + ": skipped (" + (group.returned ? "already returned" : "not shipped") + ")");
        }
        long expected = order.returnGroup(group);
        fixture.setGroupStatus(group.id, SmartpayFulfillmentGroupStatusType.RETURNED);
        settle();
        return note("return " + name(order, group) + " whole (status RETURNED): the model refunds " + expected);
    }

    /** Some lines of a shipped group come back: their items RETURNED and the group PARTIALLY_RETURNED, in one save. */
    Shop returnLines(int orderIndex, int groupIndex, int lineMask) {
        MerchantModel order = order(orderIndex);
        MerchantModel.Group group = order.groupAt(groupIndex);
        List<MerchantModel.Line> lines = new ArrayList<>();
        for (int i = 0; i < group.lines.size(); i++) {
            MerchantModel.Line line = group.lines.get(i);
            if ((lineMask >> i & 1) == 1 && line.returnedQuantity < line.quantity) {
                lines.add(line);
            }
        }
        if (!group.shipped || group.returned || group.partlyReturned || lines.isEmpty()) {
            return note("return items of " + name(order, group) + ": skipped");
        }
        long expected = order.returnLines(group, lines);
        List<Long> returned = new ArrayList<>();
        lines.forEach(l -> returned.add(l.fulfillmentGroupItemId));
        ctx.inTransaction(() -> {
            FulfillmentGroupService groups = ctx.bean("blFulfillmentGroupService", FulfillmentGroupService.class);
            FulfillmentGroup fg = groups.findFulfillmentGroupById(group.id);
            for (FulfillmentGroupItem item : fg.getFulfillmentGroupItems()) {
                if (returned.contains(item.getId())) {
                    item.setStatus(SmartpayFulfillmentGroupStatusType.RETURNED);
                }
            }
            fg.setStatus(SmartpayFulfillmentGroupStatusType.PARTIALLY_RETURNED);
            groups.save(fg);
        });
        settle();
        return note("return " + lines.size() + " of " + group.lines.size() + " lines of " + name(order, group)
                + " (items RETURNED, group PARTIALLY_RETURNED): the model refunds " + expected);
    }

    /** The store cancels the order (status CANCELLED: the trigger). */
    Shop cancelByStatus(int orderIndex) {
        MerchantModel order = order(orderIndex);
        if (order.cancelled) {
            return note("cancel " + name(order) + " by status: skipped (cancelled)");
        }
        long[] expected = order.cancel(refundCapturedOnCancel);
        fixture.setOrderStatus(order.orderId, OrderStatus.CANCELLED);
        settle();
        return note("cancel " + name(order) + " (status CANCELLED): the model releases " + expected[0] + " and refunds " + expected[1]);
    }

    // ---- the admin (the calls the admin controller makes) ---------------------------------------------------------

    Shop adminCapture(int orderIndex, int percent) {
        MerchantModel order = order(orderIndex);
        long amount = portion(order.uncaptured(), percent);
        if (order.automaticCapture || amount == 0) {
            return note("admin capture on " + name(order) + ": skipped (nothing uncaptured)");
        }
        order.capture(amount);
        PaymentSpi.Answer outcome = call(() -> operations().capture(order.orderId, amount));
        if (outcome.refused()) {
            order.captured -= amount;
        }
        settle();
        return note("admin capture of " + amount + " on " + name(order) + ": " + outcome);
    }

    Shop adminRefund(int orderIndex, int percent) {
        MerchantModel order = order(orderIndex);
        long amount = portion(order.refundable(), percent);
        if (amount == 0) {
            return note("admin refund on " + name(order) + ": skipped (nothing refundable)");
        }
        order.refund(amount);
        PaymentSpi.Answer outcome = call(() -> operations().refund(order.orderId, amount, RefundReason.REQUESTED_BY_CUSTOMER,
                "Model admin refund", requestId("admin-refund")));
        if (outcome.refused()) {
            order.refunded -= amount;
        }
        settle();
        return note("admin refund of " + amount + " on " + name(order) + ": " + outcome);
    }

    /** Admin "refund by item": units of one line of a shipped group. */
    Shop adminRefundItems(int orderIndex, int groupIndex, int lineIndex, int units) {
        MerchantModel order = order(orderIndex);
        MerchantModel.Group group = order.groupAt(groupIndex);
        MerchantModel.Line line = group.lineAt(lineIndex);
        int quantity = Math.min(units, line.quantity - line.returnedQuantity);
        if (!(group.shipped || order.automaticCapture) || quantity <= 0 || order.refundable() == 0) {
            return note("admin refund by item on " + name(order, group) + ": skipped");
        }
        long expected = order.refundUnits(group, line, quantity);
        Map<Long, Integer> quantities = new LinkedHashMap<>();
        quantities.put(line.orderItemId, quantity);
        PaymentSpi.Answer outcome = call(() -> operations().refundItems(order.orderId, quantities, RefundReason.REQUESTED_BY_CUSTOMER,
                "Model admin refund by item", requestId("admin-items")));
        if (outcome.refused()) {
            order.undoRefundUnits(group, line, quantity, expected);
        }
        settle();
        return note("admin refund of " + quantity + " of " + line.quantity + " units of item " + line.orderItemId + " in "
                + name(order, group) + ": the model refunds " + expected + "; " + outcome);
    }

    Shop adminCancel(int orderIndex) {
        MerchantModel order = order(orderIndex);
        if (order.cancelled) {
            return note("admin cancel of " + name(order) + ": skipped (cancelled)");
        }
        long[] expected = order.cancel(refundCapturedOnCancel);
        PaymentSpi.Answer outcome = call(() -> operations().cancel(order.orderId));
        settle();
        return note("admin cancel of " + name(order) + ": the model releases " + expected[0] + " and refunds " + expected[1] + "; " + outcome);
    }

    /** Admin "Retry" on every row of the order that is not done. */
    Shop adminRetry(int orderIndex) {
        MerchantModel order = order(orderIndex);
        List<String> retried = new ArrayList<>();
        for (SmartpayOperation row : journal().findByOrder(order.orderId)) {
            if (row.getStatus() == OperationStatus.RETRYING || row.getStatus() == OperationStatus.FAILED
                    || row.getStatus() == OperationStatus.DEAD) {
                retried.add(row.getOperationKey() + " " + call(() -> operations().retry(row.getOperationKey())).text());
            }
        }
        settle();
        return note("admin retry on " + name(order) + ": " + (retried.isEmpty() ? "nothing to retry" : retried));
    }

    // ---- Broadleaf's payment SPI ------------------------------------------------------------------------------------

    Shop spiCapture(int orderIndex, int percent) {
        MerchantModel order = order(orderIndex);
        long amount = portion(order.uncaptured(), percent);
        if (order.automaticCapture || amount == 0) {
            return note("SPI capture on " + name(order) + ": skipped (nothing uncaptured)");
        }
        order.capture(amount);
        PaymentSpi.Answer outcome = new PaymentSpi(ctx).capture(order.orderId, amount);
        if (outcome.refused()) {
            order.captured -= amount;
        }
        settle();
        return note("SPI capture of " + amount + " on " + name(order) + ": " + outcome);
    }

    /** An SPI refund built from the newest CAPTURE (refund of that capture) or, with {@code fromCapture} false, the authorization. */
    Shop spiRefund(int orderIndex, int percent, boolean fromCapture) {
        MerchantModel order = order(orderIndex);
        PaymentSpi spi = new PaymentSpi(ctx);
        long limit = fromCapture ? Math.min(order.refundable(), spi.newestCaptureRefundable(order.orderId)) : order.refundable();
        long amount = portion(limit, percent);
        if (amount == 0) {
            return note("SPI refund on " + name(order) + ": skipped (nothing refundable)");
        }
        order.refund(amount);
        PaymentSpi.Answer outcome = spi.refund(order.orderId, amount, fromCapture);
        if (outcome.refused()) {
            order.refunded -= amount;
        }
        settle();
        return note("SPI refund of " + amount + " on " + name(order) + (fromCapture ? " from its newest capture" : "") + ": " + outcome);
    }

    /** SPI reverseAuthorize: a release of what is not captured; refused (nothing sent) when the cancel would refund. */
    Shop spiReverseAuthorize(int orderIndex) {
        MerchantModel order = order(orderIndex);
        if (order.cancelled) {
            return note("SPI reverseAuthorize on " + name(order) + ": skipped (cancelled)");
        }
        boolean wouldRefund = (refundCapturedOnCancel || order.automaticCapture) && order.refundable() > 0;
        PaymentSpi.Answer outcome = new PaymentSpi(ctx).reverseAuthorize(order.orderId, order.authorized);
        if (!wouldRefund && !outcome.refused()) {
            order.cancel(refundCapturedOnCancel);
        }
        settle();
        return note("SPI reverseAuthorize on " + name(order) + (wouldRefund ? " (the model expects a refusal)" : "") + ": " + outcome);
    }

    // ---- faults, crashes, nodes -------------------------------------------------------------------------------------

    /** Faults gone, time passes (backoffs due), node-1's retry worker runs until nothing is due. */
    Shop heal() {
        ctx.sandbox().clearFaults();
        int sent = runWorkerUntilIdle(NODE_1, Duration.ofSeconds(10));
        return note("Smartpay healthy again; node-1's retry worker sent " + sent);
    }

    /** The next operation of this node dies between Smartpay's answer and recording it (a PENDING row stays). */
    Shop crashNextOperation() {
        OperationSeams.crashOnceAfterSmartpayAnswer(operations());
        return note("node-1 will crash after the next Smartpay answer");
    }

    /** node-2's retry worker, after node-1's leases ran out: resumes crashed PENDING rows and what is due. */
    Shop secondNodeWorker() {
        int sent = runWorkerUntilIdle(NODE_2, Duration.ofMillis(new SmartpayOperationsSettings().leaseMs() + 1_000));
        return note("node-2's retry worker (past node-1's leases) sent " + sent);
    }

    /**
     * A shipment whose capture is slow at Smartpay (answered within the read timeout), and node-2's worker, past the
     * lease, takes the row over while the first POST is still in flight.
     */
    Shop shipWhileSlowAndTakenOver(int orderIndex, int groupIndex) {
        MerchantModel order = order(orderIndex);
        MerchantModel.Group group = order.groupAt(groupIndex);
        if (group.shipped || order.cancelled || order.automaticCapture) {
            return note("slow shipment of " + name(order, group) + ": skipped");
        }
        long expected = order.ship(group);
        int before = ctx.sandbox().requestCount("POST", "/v1/payments");
        ctx.sandbox().injectFault(SandboxFault.delay(Duration.ofMillis(READ_TIMEOUT_MS - 400)).on("POST", "/v1/payments"));
        fixture.setGroupStatus(group.id, FulfillmentGroupStatusType.SHIPPED);
        long deadline = System.currentTimeMillis() + 5_000;
        while (ctx.sandbox().requestCount("POST", "/v1/payments") == before && System.currentTimeMillis() < deadline) {
            pause(5);
        }
        // node-2 takes over while node-1's request is still at Smartpay: no waiting for Smartpay to finish first
        int sent = runWorkerOnce(NODE_2, Duration.ofMillis(new SmartpayOperationsSettings().leaseMs() + 1_000), false);
        settle();
        return note("ship " + name(order, group) + " while Smartpay is slow; node-2 took " + sent
                + " row(s) over mid-call: the model captures " + expected);
    }

    // ---- settling -----------------------------------------------------------------------------------------------------

    /** Waits until nothing moves: background sends, webhook deliveries and their processing. */
    void settle() {
        for (int i = 0; i < 3; i++) {
            try {
                operationsImpl().awaitBackground(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            ctx.sandbox().awaitWebhooksIdle(Duration.ofSeconds(20));
            WebhookTestSupport.awaitProcessing();
        }
    }

    /**
     * The end of a run: Smartpay healthy, no crash armed, node-1's worker until nothing is due, a reconciliation, so
     * that every intent is either done or visibly failed.
     */
    void settleAll() {
        ctx.sandbox().clearFaults();
        OperationSeams.clear(operations());
        runWorkerUntilIdle(NODE_1, Duration.ofMillis(new SmartpayOperationsSettings().leaseMs() + 1_000));
        smartpay.reconcile();
        runWorkerUntilIdle(NODE_1, Duration.ofSeconds(10));
    }

    private int runWorkerUntilIdle(String node, Duration advance) {
        int total = 0;
        for (int round = 0; round < 12; round++) {
            int sent = runWorkerOnce(node, advance);
            total += sent;
            if (sent == 0 && !anyLiveRow()) {
                break;
            }
            advance = Duration.ofSeconds(10);
        }
        return total;
    }

    private int runWorkerOnce(String node, Duration advance) {
        return runWorkerOnce(node, advance, true);
    }

    /**
     * Moves the operations' clock forward by {@code advance} and runs one worker pass as {@code node}. Unless told
     * otherwise, first waits until Smartpay has finished every request it is processing: time moves forward only as
     * it would in the world, where a request our client gave up on ends at Smartpay within the operations'
     * in-flight window ({@code inFlightMs}), which a jump of the clock would otherwise skip.
     */
    private int runWorkerOnce(String node, Duration advance, boolean smartpayFinishesFirst) {
        if (smartpayFinishesFirst && !ctx.sandbox().awaitRequestsIdle(Duration.ofSeconds(60))) {
            throw new IllegalStateException("the sandbox is still processing requests after 60 s");
        }
        clockOffset = clockOffset.plus(advance);
        operationsImpl().setClock(Clock.offset(Clock.systemUTC(), clockOffset));
        ctx.properties().set(SmartpayOperationsSettings.NODE_ID, node);
        int sent;
        try {
            sent = ctx.bean("blSmartpayOperationRetryWorker", SmartpayOperationRetryWorker.class).runOnce();
        } catch (OperationSeams.NodeCrash crash) {
            sent = 1;
        } finally {
            ctx.properties().set(SmartpayOperationsSettings.NODE_ID, NODE_1);
        }
        settle();
        return sent;
    }

    private boolean anyLiveRow() {
        for (MerchantModel order : orders) {
            for (SmartpayOperation row : journal().findByOrder(order.orderId)) {
                if (!row.getStatus().isFinal()) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---- helpers ------------------------------------------------------------------------------------------------------

    /** Runs an operation the way its caller would see it: the outcome, or the refusal or crash it ended in. */
    private PaymentSpi.Answer call(java.util.function.Supplier<OperationOutcome> operation) {
        try {
            OperationOutcome outcome = operation.get();
            return new PaymentSpi.Answer(outcome.isNothingToDo() ? "nothing to do: " + outcome.nothingToDoReason()
                    : outcome.operationKey() + " " + outcome.overallStatus(), false);
        } catch (OperationSeams.NodeCrash crash) {
            return new PaymentSpi.Answer("node-1 crashed after Smartpay's answer", false);
        } catch (RuntimeException refused) {
            return new PaymentSpi.Answer("refused: " + refused.getMessage(), true);
        }
    }

    static long portion(long of, int percent) {
        if (of <= 0) {
            return 0;
        }
        return Math.max(1, of * Math.max(1, Math.min(100, percent)) / 100);
    }

    private String requestId(String kind) {
        return "model-" + runId + "-" + kind + "-" + (++requests);
    }

    Shop note(String line) {
        log.add(line);
        return this;
    }

    static String name(MerchantModel order) {
        return "order #" + order.number;
    }

    static String name(MerchantModel order, MerchantModel.Group group) {
        return "order #" + order.number + " group " + group.number;
    }

    private static String describeGroups(MerchantModel order) {
        StringBuilder s = new StringBuilder();
        for (MerchantModel.Group g : order.groups) {
            s.append(s.length() == 0 ? "" : "; ").append(g.number).append(": share ").append(g.share).append(", lines");
            for (MerchantModel.Line l : g.lines) {
                s.append(" ").append(l.quantity).append("x=").append(l.netPaid);
            }
        }
        return s.toString();
    }

    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    SmartpayClient client() {
        return ctx.bean("blSmartpayClientProvider", SmartpayClientProvider.class).client();
    }

    SmartpayOrderOperations operations() {
        return ctx.bean("blSmartpayOrderOperations", SmartpayOrderOperations.class);
    }

    private SmartpayOrderOperationsImpl operationsImpl() {
        return ctx.bean("blSmartpayOrderOperations", SmartpayOrderOperationsImpl.class);
    }

    OperationJournal journal() {
        return ctx.bean("blSmartpayOperationJournal", OperationJournal.class);
    }

    @Override
    public String toString() {
        return "Shop{" + orders.size() + " orders, refundCaptured=" + refundCapturedOnCancel + "}";
    }

}
