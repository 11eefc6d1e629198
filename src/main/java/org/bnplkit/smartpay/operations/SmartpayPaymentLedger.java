package org.bnplkit.smartpay.operations;

import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.annotation.PostConstruct;
import javax.annotation.Resource;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;

import org.bnplkit.smartpay.config.SmartpayFields;
import org.bnplkit.smartpay.config.SmartpayPaymentGatewayType;
import org.bnplkit.smartpay.money.Yen;
import org.broadleafcommerce.common.money.Money;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.broadleafcommerce.core.order.domain.FulfillmentGroup;
import org.broadleafcommerce.core.order.domain.FulfillmentGroupItem;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.domain.OrderItem;
import org.broadleafcommerce.core.order.service.FulfillmentGroupService;
import org.broadleafcommerce.core.order.service.OrderService;
import org.broadleafcommerce.core.payment.domain.OrderPayment;
import org.broadleafcommerce.core.payment.domain.PaymentTransaction;
import org.broadleafcommerce.core.payment.service.OrderPaymentService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Broadleaf side of the operations: reads a Smartpay-paid order into a {@link PaidOrder} snapshot and
 * records PaymentTransactions as broadleaf-3.1.md §2.4 describes (CAPTURE under the AUTHORIZE, REFUND under
 * its CAPTURE, REVERSE_AUTH under the AUTHORIZE; Smartpay ids in additionalFields; Money in the order's
 * currency).
 */
@Component("blSmartpayPaymentLedger")
public class SmartpayPaymentLedger {

    @PersistenceContext(unitName = "blPU")
    protected EntityManager em;

    @Resource(name = "blOrderService")
    protected OrderService orderService;

    @Resource(name = "blFulfillmentGroupService")
    protected FulfillmentGroupService fulfillmentGroupService;

    @Resource(name = "blOrderPaymentService")
    protected OrderPaymentService orderPaymentService;

    @Resource(name = "blTransactionManager")
    protected PlatformTransactionManager transactionManager;

    private TransactionTemplate readOnly;

    @PostConstruct
    public void init() {
        readOnly = new TransactionTemplate(transactionManager);
        readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        readOnly.setReadOnly(true);
    }

    /** The order's Smartpay state; refuses orders that were not paid with Smartpay. */
    PaidOrder load(final long orderId) {
        return readOnly.execute(status -> loadInCurrentTransaction(orderId, true));
    }

    /**
     * {@code captureDetails}: read each capture's Smartpay payment id (needed to refund); a capture only needs
     * the amounts, and skipping the additional fields of every earlier transaction keeps a capture's cost from
     * growing with the number of captures already made on the order.
     */
    PaidOrder loadInCurrentTransaction(long orderId, boolean captureDetails) {
        Order order = orderService.findOrderById(orderId, true);
        if (order == null) {
            throw new SmartpayOperationException("Order " + orderId + " does not exist");
        }
        return snapshot(order, captureDetails);
    }

    /** Order id of a fulfillment group; refuses unknown groups. */
    long orderIdOfGroup(final long fulfillmentGroupId) {
        return readOnly.execute(status -> orderIdOfGroupInCurrentTransaction(fulfillmentGroupId));
    }

    long orderIdOfGroupInCurrentTransaction(long fulfillmentGroupId) {
        FulfillmentGroup fg = fulfillmentGroupService.findFulfillmentGroupById(fulfillmentGroupId);
        if (fg == null || fg.getOrder() == null) {
            throw new SmartpayOperationException("Fulfillment group " + fulfillmentGroupId + " does not exist");
        }
        return fg.getOrder().getId();
    }

    private PaidOrder snapshot(Order order, boolean captureDetails) {
        OrderPayment payment = null;
        PaymentTransaction authorization = null;
        for (OrderPayment p : order.getPayments()) {
            if (!p.isActive() || p.getGatewayType() == null
                    || !SmartpayPaymentGatewayType.SMARTPAY.getType().equals(p.getGatewayType().getType())) {
                continue;
            }
            for (PaymentTransaction tx : p.getTransactions()) {
                if (isSuccessful(tx) && (PaymentTransactionType.AUTHORIZE.equals(tx.getType())
                        || PaymentTransactionType.AUTHORIZE_AND_CAPTURE.equals(tx.getType()))
                        && field(tx, SmartpayFields.ORDER_ID) != null) {
                    payment = p;
                    authorization = tx;
                }
            }
        }
        if (payment == null) {
            throw new SmartpayOperationException("Order " + order.getId()
                    + " has no active Smartpay payment with a successful authorization");
        }
        String currency = order.getCurrency() != null && order.getCurrency().getCurrencyCode() != null
                ? order.getCurrency().getCurrencyCode() : "JPY";
        boolean automatic = PaymentTransactionType.AUTHORIZE_AND_CAPTURE.equals(authorization.getType());

        List<PaidOrder.Capture> captures = new ArrayList<>();
        Map<Long, Long> refundedByParent = new HashMap<>();
        for (PaymentTransaction tx : payment.getTransactions()) {
            if (isSuccessful(tx) && PaymentTransactionType.REFUND.equals(tx.getType()) && tx.getParentTransaction() != null) {
                Long parentId = tx.getParentTransaction().getId();
                refundedByParent.put(parentId, refundedByParent.getOrDefault(parentId, 0L) + yen(tx.getAmount()));
            }
        }
        for (PaymentTransaction tx : sortedById(payment.getTransactions())) {
            boolean isCapture = PaymentTransactionType.CAPTURE.equals(tx.getType())
                    || PaymentTransactionType.AUTHORIZE_AND_CAPTURE.equals(tx.getType());
            if (!isSuccessful(tx) || !isCapture) {
                continue;
            }
            String paymentId = captureDetails ? field(tx, SmartpayFields.PAYMENT_ID) : null;
            if (!captureDetails || paymentId != null) {
                captures.add(new PaidOrder.Capture(tx.getId(), paymentId, yen(tx.getAmount()),
                        refundedByParent.getOrDefault(tx.getId(), 0L)));
            }
        }

        List<PaidOrder.Group> groups = new ArrayList<>();
        Map<Long, long[]> lineNet = new LinkedHashMap<>();
        List<FulfillmentGroup> fgs = new ArrayList<>(order.getFulfillmentGroups());
        fgs.sort((a, b) -> a.getId().compareTo(b.getId()));
        for (FulfillmentGroup fg : fgs) {
            long gross = 0;
            List<PaidOrder.GroupItem> items = new ArrayList<>();
            for (FulfillmentGroupItem fgi : fg.getFulfillmentGroupItems()) {
                long itemNet = itemNet(fgi);
                gross += itemNet;
                long orderItemId = fgi.getOrderItem().getId();
                long[] acc = lineNet.computeIfAbsent(orderItemId, k -> new long[1]);
                acc[0] += itemNet;
                items.add(new PaidOrder.GroupItem(fgi.getId(), orderItemId, fgi.getQuantity(),
                        fgi.getStatus() == null ? null : fgi.getStatus().getType()));
            }
            gross += yen(fg.getFulfillmentPrice() != null ? fg.getFulfillmentPrice() : fg.getShippingPrice());
            gross += yen(fg.getTotalFulfillmentGroupTax()) + yen(fg.getTotalFeeTax());
            groups.add(new PaidOrder.Group(fg.getId(), Math.max(0, gross), items));
        }
        Map<Long, PaidOrder.Line> lines = new LinkedHashMap<>();
        for (OrderItem item : order.getOrderItems()) {
            long[] net = lineNet.get(item.getId());
            long netPaid = net != null && net[0] > 0 ? net[0] : yen(item.getTotalPrice());
            lines.put(item.getId(), new PaidOrder.Line(item.getId(), item.getQuantity(), netPaid));
        }
        return new PaidOrder(order.getId(), order.getStatus() == null ? null : order.getStatus().getType(), currency,
                payment.getId(), field(authorization, SmartpayFields.ORDER_ID), authorization.getId(), automatic,
                Yen.of(authorization.getAmount().getAmount()), groups, captures, lines);
    }

    /** An item's paid amount: after item and order discounts, plus its tax. */
    private static long itemNet(FulfillmentGroupItem fgi) {
        Money taxable = fgi.getTotalItemTaxableAmount();
        if (taxable == null || taxable.getAmount().signum() == 0) {
            taxable = fgi.getTotalItemAmount();
        }
        if (taxable == null || taxable.getAmount().signum() == 0) {
            taxable = fgi.getOrderItem().getTotalPrice();
        }
        return yen(taxable) + yen(fgi.getTotalTax());
    }

    /**
     * Records one successful transaction of the order's Smartpay payment. Must run inside the caller's
     * transaction (the one that also marks the journal row SUCCEEDED). Returns the new transaction's id.
     * No raw response: the Smartpay ids in additionalFields and the journal row say everything, and a CLOB per
     * transaction is the most expensive part of recording it.
     */
    Long recordTransaction(long orderPaymentId, Long parentTransactionId, PaymentTransactionType type, long amount,
            String currency, Map<String, String> fields) {
        OrderPayment payment = orderPaymentService.readPaymentById(orderPaymentId);
        PaymentTransaction tx = orderPaymentService.createTransaction();
        tx.setType(type);
        tx.setAmount(new Money(Yen.toBigDecimal(amount), currency));
        tx.setSuccess(Boolean.TRUE);
        tx.setDate(new Date());
        tx.setAdditionalFields(new HashMap<>(fields));
        tx.setParentTransaction(parentTransactionId == null ? null : orderPaymentService.readTransactionById(parentTransactionId));
        tx.setOrderPayment(payment);
        // persist, not merge: the instance added to the payment's collection must be the managed one
        em.persist(tx);
        payment.addTransaction(tx);
        em.flush();
        return tx.getId();
    }

    static String field(PaymentTransaction tx, String name) {
        Map<String, String> fields = tx.getAdditionalFields();
        return fields == null ? null : fields.get(name);
    }

    private static boolean isSuccessful(PaymentTransaction tx) {
        return Boolean.TRUE.equals(tx.getSuccess()) && tx.isActive();
    }

    private static List<PaymentTransaction> sortedById(List<PaymentTransaction> txs) {
        List<PaymentTransaction> sorted = new ArrayList<>(txs);
        sorted.sort((a, b) -> a.getId().compareTo(b.getId()));
        return sorted;
    }

    /** Integer yen of a Broadleaf amount, rounding half up (weights and line totals; never sent as is). */
    static long yen(Money money) {
        return money == null ? 0L : money.getAmount().setScale(0, RoundingMode.HALF_UP).longValue();
    }
}
