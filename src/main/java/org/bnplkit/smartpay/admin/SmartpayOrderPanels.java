package org.bnplkit.smartpay.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.annotation.Resource;

import org.bnplkit.smartpay.client.Expand;
import org.bnplkit.smartpay.client.Order;
import org.bnplkit.smartpay.client.OrderStatus;
import org.bnplkit.smartpay.client.SmartpayException;
import org.bnplkit.smartpay.config.SmartpayClientProvider;
import org.bnplkit.smartpay.config.SmartpayFields;
import org.bnplkit.smartpay.config.SmartpayNotConfiguredException;
import org.bnplkit.smartpay.config.SmartpayPaymentGatewayType;
import org.bnplkit.smartpay.config.SmartpaySettings;
import org.bnplkit.smartpay.journal.OperationJournal;
import org.bnplkit.smartpay.journal.OperationKind;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.money.Yen;
import org.bnplkit.smartpay.operations.OperationKeys;
import org.bnplkit.smartpay.operations.RefundedItems;
import org.bnplkit.smartpay.operations.SmartpayReferences;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.broadleafcommerce.core.order.domain.DiscreteOrderItem;
import org.broadleafcommerce.core.order.domain.OrderItem;
import org.broadleafcommerce.core.order.service.OrderService;
import org.broadleafcommerce.core.payment.domain.OrderPayment;
import org.broadleafcommerce.core.payment.domain.PaymentTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds the Smartpay panel of an admin Order screen from what Broadleaf recorded (the Smartpay payment's
 * transactions), the operation journal (captures/refunds/cancels still in flight or failed) and, when asked,
 * Smartpay itself (live status and authorization expiry). Read-only; bean {@code blSmartpayOrderPanels}.
 *
 * <p>Figures: captured = successful CAPTURE and AUTHORIZE_AND_CAPTURE; refunded = successful REFUND; uncaptured =
 * authorized - captured - captures in flight (0 once cancelled); refundable = captured - refunded - refunds in
 * flight. The operations re-check all of it before sending anything; these figures serve the screen and the
 * form's first validation.
 */
public class SmartpayOrderPanels {

    private static final Logger LOG = LoggerFactory.getLogger(SmartpayOrderPanels.class);

    /** Japanese merchants read times in Japan time. */
    static final ZoneId SHOP_ZONE = ZoneId.of("Asia/Tokyo");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'JST'").withZone(SHOP_ZONE);
    static final Duration EXPIRY_WARNING = Duration.ofDays(2);

    @Resource(name = "blOrderService")
    protected OrderService orderService;

    @Resource(name = "blSmartpayOperationJournal")
    protected OperationJournal journal;

    @Resource(name = "blSmartpayClientProvider")
    protected SmartpayClientProvider clientProvider;

    @Resource(name = "blSmartpaySettings")
    protected SmartpaySettings settings;

    @Resource(name = "blTransactionManager")
    protected PlatformTransactionManager transactionManager;

    @Resource(name = "blSmartpayAdminCalls")
    protected SmartpayAdminCalls calls;

    @Resource(name = "blSmartpayAdminSettings")
    protected SmartpayAdminSettings adminSettings;

    private Clock clock = Clock.systemUTC();

    public void setClock(Clock clock) {
        this.clock = clock;
    }

    /**
     * The panel of a Broadleaf order, or null when it was not paid with Smartpay (no active Smartpay payment with a
     * successful authorization).
     *
     * @param askSmartpay whether to read the order's live status and expiry from Smartpay (one GET; the form
     *                    actions do without it)
     */
    public SmartpayOrderPanel panel(long orderId, AdminPermissions permissions, boolean askSmartpay) {
        return panel(orderId, permissions, askSmartpay ? adminSettings.answerWithinMillis() : 0);
    }

    /**
     * The panel, asking Smartpay for at most {@code liveWaitMillis} (0: not at all; an action keeps the rest of the
     * admin's wait for the operation itself).
     */
    public SmartpayOrderPanel panel(final long orderId, AdminPermissions permissions, long liveWaitMillis) {
        TransactionTemplate readOnly = new TransactionTemplate(transactionManager);
        readOnly.setReadOnly(true);
        RecordedPayment recorded = readOnly.execute(new TransactionCallback<RecordedPayment>() {
            @Override
            public RecordedPayment doInTransaction(TransactionStatus status) {
                return RecordedPayment.of(orderService.findOrderById(orderId));
            }
        });
        if (recorded == null) {
            return null;
        }
        List<SmartpayOperation> rows = new ArrayList<SmartpayOperation>(journal.findByOrder(orderId));
        Collections.sort(rows, new Comparator<SmartpayOperation>() {
            @Override
            public int compare(SmartpayOperation a, SmartpayOperation b) {
                return a.getId().compareTo(b.getId());
            }
        });
        LiveOrder live = liveWaitMillis > 0 ? liveOrder(recorded.smartpayOrderId, liveWaitMillis) : LiveOrder.NOT_ASKED;
        return build(orderId, recorded, rows, live, permissions);
    }

    SmartpayOrderPanel build(long orderId, RecordedPayment recorded, List<SmartpayOperation> rows, LiveOrder live,
            AdminPermissions permissions) {
        long captureInFlight = 0;
        long refundInFlight = 0;
        SmartpayOperation cancel = null;
        Map<Long, Integer> returnedByItem = new HashMap<Long, Integer>();
        for (SmartpayOperation row : rows) {
            boolean inFlight = row.getStatus() == OperationStatus.PENDING || row.getStatus() == OperationStatus.RETRYING;
            if (row.getKind() == OperationKind.CAPTURE && inFlight) {
                captureInFlight += row.getAmount();
            } else if (row.getKind() == OperationKind.REFUND && inFlight) {
                refundInFlight += row.getAmount();
            } else if (row.getKind() == OperationKind.CANCEL && OperationKeys.cancelOrder(orderId).equals(row.getOperationKey())) {
                cancel = row;
            } else if (RefundedItems.counts(row)) {
                for (RefundedItems.Entry e : RefundedItems.of(row)) {
                    Integer before = returnedByItem.get(e.orderItemId);
                    returnedByItem.put(e.orderItemId, (before == null ? 0 : before) + e.quantity);
                }
            }
        }
        boolean cancelled = recorded.released || (cancel != null && cancel.getStatus().isLive());
        long uncaptured = cancelled || recorded.automaticCapture ? 0
                : Math.max(0, recorded.authorized - recorded.captured - captureInFlight);
        long refundable = Math.max(0, recorded.captured - recorded.refunded - refundInFlight);
        boolean smartpayAllowsCancel = live.status == null || OrderStatus.REQUIRES_CAPTURE.equals(live.status)
                || OrderStatus.REQUIRES_AUTHORIZATION.equals(live.status);

        SmartpayOrderPanel.Builder panel = SmartpayOrderPanel.builder()
                .orderId(orderId)
                .smartpayOrderId(recorded.smartpayOrderId)
                .dashboardUrl(dashboardUrl(recorded.smartpayOrderId))
                .live(live.asked && live.status != null ? !live.test : recorded.live)
                .captureMethod(recorded.automaticCapture ? "automatic" : "manual")
                .smartpayStatus(live.status)
                .statusProblem(live.problem)
                .authorized(recorded.authorized)
                .captured(recorded.captured)
                .refunded(recorded.refunded)
                .refundable(refundable)
                .uncaptured(uncaptured)
                .cancellable(uncaptured > 0 && smartpayAllowsCancel)
                .permissions(permissions);

        if (live.expiresAt != null && uncaptured > 0) {
            Instant expiry = Instant.ofEpochMilli(live.expiresAt);
            Instant now = clock.instant();
            panel.expiresAt(TIME.format(expiry))
                    .expired(!now.isBefore(expiry))
                    .expiringSoon(now.isBefore(expiry) && Duration.between(now, expiry).compareTo(EXPIRY_WARNING) < 0);
        }

        Map<Long, String> itemNames = new HashMap<Long, String>();
        for (RecordedPayment.Line line : recorded.lines) {
            itemNames.put(line.orderItemId, line.name);
        }
        for (SmartpayOperation row : rows) {
            String error = row.getLastErrorCode() == null && row.getLastErrorMessage() == null ? null
                    : (row.getLastErrorCode() == null ? "" : row.getLastErrorCode() + ": ")
                    + (row.getLastErrorMessage() == null ? "" : row.getLastErrorMessage());
            boolean retryable = (row.getStatus() == OperationStatus.FAILED || row.getStatus() == OperationStatus.DEAD)
                    && row.getKind() != OperationKind.REFUND_REQUEST && permissions.mayRetry(row.getKind().name());
            panel.operation(new SmartpayOrderPanel.OperationRow(row.getOperationKey(), row.getKind().name(),
                    row.getStatus().name(), row.getAmount(), row.getAttempts(), error,
                    row.getCreatedAt() == null ? "" : TIME.format(row.getCreatedAt().toInstant()), retryable,
                    SmartpayReferences.forRow(row), items(row, itemNames)));
        }
        for (RecordedPayment.Line line : recorded.lines) {
            Integer returned = returnedByItem.get(line.orderItemId);
            panel.item(new SmartpayOrderPanel.RefundableItem(line.orderItemId, line.name, line.quantity,
                    returned == null ? 0 : returned));
        }
        return panel.build();
    }

    /** "Teacup ×2, Teapot ×1" for a row that names refunded items (a request, or an imported dashboard refund). */
    private static String items(SmartpayOperation row, Map<Long, String> names) {
        StringBuilder out = new StringBuilder();
        for (RefundedItems.Entry e : RefundedItems.of(row)) {
            String name = names.get(e.orderItemId);
            out.append(out.length() == 0 ? "" : ", ").append(name == null ? "#" + e.orderItemId : name)
                    .append(" \u00d7").append(e.quantity);
        }
        return out.length() == 0 ? null : out.toString();
    }

    private String dashboardUrl(String smartpayOrderId) {
        String base = settings.dashboardBaseUrl();
        if (base == null || base.trim().isEmpty()) {
            return null;
        }
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/orders/" + smartpayOrderId;
    }

    /**
     * Smartpay's view of the order, waited for at most {@code waitMillis}: a slow Smartpay makes the panel say it did not
     * answer, it does not hold the admin page.
     */
    private LiveOrder liveOrder(final String smartpayOrderId, long waitMillis) {
        SmartpayAdminCalls.Waited<LiveOrder> waited = calls.call(() -> readLiveOrder(smartpayOrderId), waitMillis);
        if (waited.done()) {
            return waited.value();
        }
        if (waited.failure() != null) {
            LOG.warn("Smartpay order {} could not be read for the admin panel: {}", smartpayOrderId, waited.failure().toString());
            return new LiveOrder(true, null, null, false, "error");
        }
        return new LiveOrder(true, null, null, false, waited.busy() ? "busy" : "no answer within " + waitMillis + " ms");
    }

    private LiveOrder readLiveOrder(String smartpayOrderId) {
        try {
            Order order = clientProvider.client().getOrder(smartpayOrderId, Expand.NO);
            return new LiveOrder(true, order.status(), order.expiresAt(), order.test(), null);
        } catch (SmartpayNotConfiguredException e) {
            return new LiveOrder(true, null, null, false, "not configured");
        } catch (SmartpayException e) {
            LOG.warn("Smartpay order {} could not be read for the admin panel: {}", smartpayOrderId, e.getMessage());
            String problem = e.httpStatus() > 0
                    ? e.httpStatus() + (e.errorCode() == null ? "" : " " + e.errorCode())
                    : "no connection";
            return new LiveOrder(true, null, null, false, problem);
        }
    }

    /** What Smartpay said about the order (or why it could not be asked). */
    static final class LiveOrder {
        static final LiveOrder NOT_ASKED = new LiveOrder(false, null, null, false, null);

        final boolean asked;
        final String status;
        final Long expiresAt;
        final boolean test;
        final String problem;

        LiveOrder(boolean asked, String status, Long expiresAt, boolean test, String problem) {
            this.asked = asked;
            this.status = status;
            this.expiresAt = expiresAt;
            this.test = test;
            this.problem = problem;
        }
    }

    /** The Smartpay payment as Broadleaf recorded it, read inside one transaction. */
    static final class RecordedPayment {
        final String smartpayOrderId;
        final boolean automaticCapture;
        final boolean live;
        final long authorized;
        final long captured;
        final long refunded;
        final boolean released;
        final List<Line> lines;

        RecordedPayment(String smartpayOrderId, boolean automaticCapture, boolean live, long authorized, long captured,
                long refunded, boolean released, List<Line> lines) {
            this.smartpayOrderId = smartpayOrderId;
            this.automaticCapture = automaticCapture;
            this.live = live;
            this.authorized = authorized;
            this.captured = captured;
            this.refunded = refunded;
            this.released = released;
            this.lines = lines;
        }

        static RecordedPayment of(org.broadleafcommerce.core.order.domain.Order order) {
            if (order == null) {
                return null;
            }
            for (OrderPayment payment : order.getPayments()) {
                if (!payment.isActive() || payment.getGatewayType() == null
                        || !SmartpayPaymentGatewayType.SMARTPAY.getType().equals(payment.getGatewayType().getType())) {
                    continue;
                }
                PaymentTransaction authorization = null;
                for (PaymentTransaction tx : payment.getTransactions()) {
                    if (successful(tx) && (PaymentTransactionType.AUTHORIZE.equals(tx.getType())
                            || PaymentTransactionType.AUTHORIZE_AND_CAPTURE.equals(tx.getType()))
                            && field(tx, SmartpayFields.ORDER_ID) != null) {
                        authorization = tx;
                    }
                }
                if (authorization != null) {
                    return of(order, payment, authorization);
                }
            }
            return null;
        }

        private static RecordedPayment of(org.broadleafcommerce.core.order.domain.Order order, OrderPayment payment,
                PaymentTransaction authorization) {
            long captured = 0;
            long refunded = 0;
            boolean released = false;
            for (PaymentTransaction tx : payment.getTransactions()) {
                if (!successful(tx) || tx.getAmount() == null) {
                    continue;
                }
                PaymentTransactionType type = tx.getType();
                if (PaymentTransactionType.CAPTURE.equals(type) || PaymentTransactionType.AUTHORIZE_AND_CAPTURE.equals(type)) {
                    captured += Yen.of(tx.getAmount().getAmount());
                } else if (PaymentTransactionType.REFUND.equals(type)) {
                    refunded += Yen.of(tx.getAmount().getAmount());
                } else if (PaymentTransactionType.REVERSE_AUTH.equals(type) || PaymentTransactionType.VOID.equals(type)) {
                    released = true;
                }
            }
            List<Line> lines = new ArrayList<Line>();
            for (OrderItem item : order.getOrderItems()) {
                String name = item instanceof DiscreteOrderItem && ((DiscreteOrderItem) item).getSku() != null
                        ? ((DiscreteOrderItem) item).getSku().getName() : item.getName();
                lines.add(new Line(item.getId(), name, item.getQuantity()));
            }
            return new RecordedPayment(field(authorization, SmartpayFields.ORDER_ID),
                    PaymentTransactionType.AUTHORIZE_AND_CAPTURE.equals(authorization.getType()),
                    "live".equals(field(authorization, SmartpayFields.MODE)),
                    Yen.of(authorization.getAmount().getAmount()), captured, refunded, released, lines);
        }

        private static boolean successful(PaymentTransaction tx) {
            return Boolean.TRUE.equals(tx.getSuccess()) && tx.isActive(); // isActive: not archived (soft-deleted)
        }

        private static String field(PaymentTransaction tx, String name) {
            return tx.getAdditionalFields() == null ? null : tx.getAdditionalFields().get(name);
        }

        static final class Line {
            final long orderItemId;
            final String name;
            final int quantity;

            Line(long orderItemId, String name, int quantity) {
                this.orderItemId = orderItemId;
                this.name = name;
                this.quantity = quantity;
            }
        }
    }
}
