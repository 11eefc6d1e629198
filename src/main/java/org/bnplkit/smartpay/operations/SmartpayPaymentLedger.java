package org.bnplkit.smartpay.operations;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.annotation.Resource;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;

import org.bnplkit.smartpay.journal.SmartpayTransactions;
import org.bnplkit.smartpay.config.SmartpayFields;
import org.bnplkit.smartpay.config.SmartpayLineItemIds;
import org.bnplkit.smartpay.config.SmartpayPaymentGatewayType;
import org.bnplkit.smartpay.money.Yen;
import org.broadleafcommerce.common.money.Money;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.broadleafcommerce.core.order.domain.FulfillmentGroupImpl;
import org.broadleafcommerce.core.order.domain.FulfillmentGroupItemImpl;
import org.broadleafcommerce.core.order.domain.OrderAttributeImpl;
import org.broadleafcommerce.core.order.domain.OrderImpl;
import org.broadleafcommerce.core.order.domain.OrderItem;
import org.broadleafcommerce.core.order.domain.OrderItemImpl;
import org.broadleafcommerce.core.payment.domain.OrderPaymentImpl;
import org.broadleafcommerce.core.payment.domain.PaymentTransaction;
import org.broadleafcommerce.core.payment.domain.PaymentTransactionImpl;
import org.broadleafcommerce.core.payment.service.OrderPaymentService;
import org.springframework.stereotype.Component;

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

    @Resource(name = "blOrderPaymentService")
    protected OrderPaymentService orderPaymentService;

    @Resource(name = "blSmartpayTransactions")
    protected SmartpayTransactions transactions;

    /**
     * Order item id → the Smartpay line item id of its product line, as the checkout recorded them
     * ({@link SmartpayLineItemIds}); empty when it did not.
     */
    Map<Long, String> smartpayLineItems(final long orderId) {
        return transactions.read(status -> {
            Map<String, String> attributes = new HashMap<>();
            for (Object[] a : em.createQuery("select a.name, a.value from " + OrderAttributeImpl.class.getName()
                    + " a where a.order.id = :orderId and a.name like :prefix", Object[].class)
                    .setParameter("orderId", orderId).setParameter("prefix", SmartpayLineItemIds.PREFIX + "%")
                    .getResultList()) {
                attributes.put((String) a[0], (String) a[1]);
            }
            return SmartpayLineItemIds.products(attributes);
        });
    }

    /** The order's Smartpay state; refuses orders that were not paid with Smartpay. */
    PaidOrder load(final long orderId) {
        return transactions.read(status -> loadInCurrentTransaction(orderId, true));
    }

    /**
     * {@code captureDetails}: read each capture's Smartpay payment id (needed to refund); a capture only needs
     * the amounts, and skipping the additional fields of every earlier transaction keeps a capture's cost from
     * growing with the number of captures already made on the order.
     *
     * <p>Reads columns, not entities: loading Broadleaf's order graph pulls in every eager association of every
     * item (SKU, product, category, offers…), which cost a capture several milliseconds of CPU for facts that
     * sit in a handful of columns.
     */
    PaidOrder loadInCurrentTransaction(long orderId, boolean captureDetails) {
        List<Object[]> header = em.createQuery("select o.status, c.currencyCode from " + OrderImpl.class.getName()
                + " o left join o.currency c where o.id = :orderId", Object[].class)
                .setParameter("orderId", orderId).getResultList();
        if (header.isEmpty()) {
            throw new SmartpayOperationException("Order " + orderId + " does not exist");
        }
        String status = (String) header.get(0)[0];
        String currency = header.get(0)[1] != null ? (String) header.get(0)[1] : "JPY";

        List<TransactionRow> transactions = transactionRows(orderId);
        TransactionRow authorization = authorization(transactions);
        if (authorization == null) {
            throw new NotPaidWithSmartpayException("Order " + orderId
                    + " has no active Smartpay payment with a successful authorization");
        }
        List<TransactionRow> ofPayment = new ArrayList<>();
        for (TransactionRow tx : transactions) {
            if (tx.paymentId == authorization.paymentId) {
                ofPayment.add(tx);
            }
        }
        boolean automatic = PaymentTransactionType.AUTHORIZE_AND_CAPTURE.getType().equals(authorization.type);

        Map<Long, Long> refundedByParent = new HashMap<>();
        Set<Long> refundIds = new HashSet<>();
        List<Long> captureIds = new ArrayList<>();
        long released = 0;
        for (TransactionRow tx : ofPayment) {
            if (tx.successful && PaymentTransactionType.REVERSE_AUTH.getType().equals(tx.type)) {
                released += tx.yen;
            }
            if (tx.successful && PaymentTransactionType.REFUND.getType().equals(tx.type) && tx.parentId != null) {
                refundedByParent.merge(tx.parentId, tx.yen, Long::sum);
                refundIds.add(tx.id);
            }
            if (tx.successful && (PaymentTransactionType.CAPTURE.getType().equals(tx.type)
                    || PaymentTransactionType.AUTHORIZE_AND_CAPTURE.getType().equals(tx.type))) {
                captureIds.add(tx.id);
            }
        }
        Map<Long, String> paymentIds = captureDetails ? fieldOf(captureIds, SmartpayFields.PAYMENT_ID) : Collections.<Long, String>emptyMap();
        List<PaidOrder.Capture> captures = new ArrayList<>();
        for (TransactionRow tx : ofPayment) {
            if (!captureIds.contains(tx.id)) {
                continue;
            }
            String paymentId = paymentIds.get(tx.id);
            if (!captureDetails || paymentId != null) {
                captures.add(new PaidOrder.Capture(tx.id, paymentId, tx.yen, refundedByParent.getOrDefault(tx.id, 0L)));
            }
        }

        Map<Long, long[]> lineNet = new HashMap<>();
        List<PaidOrder.Group> groups = groups(orderId, lineNet);
        Map<Long, PaidOrder.Line> lines = new LinkedHashMap<>();
        for (Object[] item : em.createQuery("select oi.id, oi.quantity from " + OrderItemImpl.class.getName()
                + " oi where oi.order.id = :orderId order by oi.id", Object[].class)
                .setParameter("orderId", orderId).getResultList()) {
            long itemId = (Long) item[0];
            long[] net = lineNet.get(itemId);
            long netPaid = net != null && net[0] > 0 ? net[0] : yen(orderItemTotal(itemId));
            lines.put(itemId, new PaidOrder.Line(itemId, (Integer) item[1], netPaid));
        }
        return new PaidOrder(orderId, status, currency, authorization.paymentId, authorization.smartpayOrderId,
                authorization.id, automatic, authorization.yen, groups, captures, lines, refundIds, released);
    }

    /** Every transaction of the order's payments, in id order, with what the operations need of each. */
    private List<TransactionRow> transactionRows(long orderId) {
        List<TransactionRow> rows = new ArrayList<>();
        for (Object[] r : em.createQuery("select p.id, p.gatewayType, p.archiveStatus.archived, t.id, t.type, t.amount,"
                + " t.success, t.archiveStatus.archived, parent.id from " + OrderPaymentImpl.class.getName() + " p"
                + " join p.transactions t left join t.parentTransaction parent where p.order.id = :orderId order by t.id",
                Object[].class).setParameter("orderId", orderId).getResultList()) {
            rows.add(new TransactionRow(r));
        }
        return rows;
    }

    /** The last successful AUTHORIZE / AUTHORIZE_AND_CAPTURE of an active Smartpay payment that names its order. */
    private TransactionRow authorization(List<TransactionRow> transactions) {
        List<Long> candidates = new ArrayList<>();
        for (TransactionRow tx : transactions) {
            if (tx.smartpayPayment && tx.paymentActive && tx.successful
                    && (PaymentTransactionType.AUTHORIZE.getType().equals(tx.type)
                    || PaymentTransactionType.AUTHORIZE_AND_CAPTURE.getType().equals(tx.type))) {
                candidates.add(tx.id);
            }
        }
        Map<Long, String> orderIds = fieldOf(candidates, SmartpayFields.ORDER_ID);
        TransactionRow found = null;
        for (TransactionRow tx : transactions) {
            if (orderIds.containsKey(tx.id)) {
                tx.smartpayOrderId = orderIds.get(tx.id);
                found = tx;
            }
        }
        return found;
    }

    /** One additional field of each of these transactions (absent when a transaction does not have it). */
    private Map<Long, String> fieldOf(List<Long> transactionIds, String name) {
        Map<Long, String> values = new HashMap<>();
        if (transactionIds.isEmpty()) {
            return values;
        }
        for (Object[] r : em.createQuery("select t.id, f from " + PaymentTransactionImpl.class.getName()
                + " t join t.additionalFields f where t.id in (:ids) and index(f) = :name", Object[].class)
                .setParameter("ids", transactionIds).setParameter("name", name).getResultList()) {
            values.put((Long) r[0], (String) r[1]);
        }
        return values;
    }

    /** Fulfillment groups in id order; adds each item's net to {@code lineNet} (order item id → yen). */
    private List<PaidOrder.Group> groups(long orderId, Map<Long, long[]> lineNet) {
        Map<Long, long[]> gross = new LinkedHashMap<>();
        Map<Long, List<PaidOrder.GroupItem>> itemsByGroup = new HashMap<>();
        // one row per item, or one row with null item columns for a group without items
        for (Object[] r : em.createQuery("select fg.id, fg.fulfillmentPrice, fg.totalFulfillmentGroupTax, fg.totalFeeTax,"
                + " fgi.id, oi.id, fgi.quantity, fgi.status, fgi.totalItemTaxableAmount, fgi.totalItemAmount, fgi.totalTax"
                + " from " + FulfillmentGroupImpl.class.getName() + " fg left join fg.fulfillmentGroupItems fgi"
                + " left join fgi.orderItem oi where fg.order.id = :orderId order by fg.id, fgi.id", Object[].class)
                .setParameter("orderId", orderId).getResultList()) {
            long groupId = (Long) r[0];
            long[] groupGross = gross.get(groupId);
            if (groupGross == null) {
                groupGross = new long[] {yen((BigDecimal) r[1]) + yen((BigDecimal) r[2]) + yen((BigDecimal) r[3])};
                gross.put(groupId, groupGross);
                itemsByGroup.put(groupId, new ArrayList<PaidOrder.GroupItem>());
            }
            if (r[4] == null) {
                continue;
            }
            long orderItemId = (Long) r[5];
            long itemNet = itemNet(orderItemId, (BigDecimal) r[8], (BigDecimal) r[9], (BigDecimal) r[10]);
            groupGross[0] += itemNet;
            lineNet.computeIfAbsent(orderItemId, k -> new long[1])[0] += itemNet;
            itemsByGroup.get(groupId).add(new PaidOrder.GroupItem((Long) r[4], orderItemId, (Integer) r[6], (String) r[7]));
        }
        List<PaidOrder.Group> groups = new ArrayList<>();
        for (Map.Entry<Long, long[]> g : gross.entrySet()) {
            groups.add(new PaidOrder.Group(g.getKey(), Math.max(0, g.getValue()[0]), itemsByGroup.get(g.getKey())));
        }
        return groups;
    }

    /** An item's paid amount: after item and order discounts (taxable amount), plus its tax. */
    private long itemNet(long orderItemId, BigDecimal taxable, BigDecimal amount, BigDecimal tax) {
        BigDecimal paid = taxable;
        if (paid == null || paid.signum() == 0) {
            paid = amount;
        }
        return (paid == null || paid.signum() == 0 ? yen(orderItemTotal(orderItemId)) : yen(paid)) + yen(tax);
    }

    /** The order item's own total (priced orders always fill the fulfillment item amounts; this is the fallback). */
    private Money orderItemTotal(long orderItemId) {
        OrderItem item = em.find(OrderItemImpl.class, orderItemId);
        return item == null ? null : item.getTotalPrice();
    }

    /**
     * Locks the order's row until the current transaction ends, so that operations on one order decide one
     * after the other: each then sees what the previous one journaled (two refunds of the same unit, a capture
     * and a cancel). A row lock through native SQL: a JPA lock would load Broadleaf's whole order graph, and a
     * bulk update would evict the order cache. Unknown orders lock nothing (the read that follows refuses them).
     */
    void lockOrderInCurrentTransaction(long orderId) {
        em.createNativeQuery("SELECT ORDER_ID FROM BLC_ORDER WHERE ORDER_ID = ? FOR UPDATE")
                .setParameter(1, orderId).getResultList();
    }

    /** Order id of a fulfillment group; refuses unknown groups. */
    long orderIdOfGroup(final long fulfillmentGroupId) {
        return transactions.read(status -> orderIdOfGroupInCurrentTransaction(fulfillmentGroupId));
    }

    long orderIdOfGroupInCurrentTransaction(long fulfillmentGroupId) {
        List<Long> ids = em.createQuery("select fg.order.id from " + FulfillmentGroupImpl.class.getName()
                + " fg where fg.id = :id", Long.class).setParameter("id", fulfillmentGroupId).getResultList();
        if (ids.isEmpty() || ids.get(0) == null) {
            throw new SmartpayOperationException("Fulfillment group " + fulfillmentGroupId + " does not exist");
        }
        return ids.get(0);
    }

    /** One row of {@link #transactionRows}. */
    private static final class TransactionRow {
        final long paymentId;
        final boolean smartpayPayment;
        final boolean paymentActive;
        final long id;
        final String type;
        final long yen;
        final boolean successful;
        final Long parentId;
        String smartpayOrderId;

        TransactionRow(Object[] r) {
            paymentId = (Long) r[0];
            smartpayPayment = SmartpayPaymentGatewayType.SMARTPAY.getType().equals(r[1]);
            paymentActive = !isArchived(r[2]);
            id = (Long) r[3];
            type = (String) r[4];
            yen = yen((BigDecimal) r[5]);
            successful = Boolean.TRUE.equals(r[6]) && !isArchived(r[7]);
            parentId = (Long) r[8];
        }

        private static boolean isArchived(Object flag) {
            return flag != null && Character.valueOf('Y').equals(flag);
        }
    }

    /**
     * Records one successful transaction of the order's Smartpay payment. Must run inside the caller's
     * transaction (the one that also marks the journal row SUCCEEDED). Returns the new transaction's id.
     * No raw response: the Smartpay ids in additionalFields and the journal row say everything, and a CLOB per
     * transaction is the most expensive part of recording it.
     */
    Long recordTransaction(long orderPaymentId, Long parentTransactionId, PaymentTransactionType type, long amount,
            String currency, Map<String, String> fields) {
        PaymentTransaction tx = orderPaymentService.createTransaction();
        tx.setType(type);
        tx.setAmount(new Money(Yen.toBigDecimal(amount), currency));
        tx.setSuccess(Boolean.TRUE);
        tx.setDate(new Date());
        tx.setAdditionalFields(new HashMap<>(fields));
        // references, not loads: an OrderPayment or PaymentTransaction loaded here would drag in the whole order
        // graph through their eager associations, only to set two foreign keys. The payment's transaction list is
        // the inverse side (mappedBy) and is not cached, so the next read of it sees this transaction.
        tx.setParentTransaction(parentTransactionId == null ? null
                : em.getReference(PaymentTransactionImpl.class, parentTransactionId));
        tx.setOrderPayment(em.getReference(OrderPaymentImpl.class, orderPaymentId));
        em.persist(tx);
        em.flush();
        return tx.getId();
    }

    static String field(PaymentTransaction tx, String name) {
        Map<String, String> fields = tx.getAdditionalFields();
        return fields == null ? null : fields.get(name);
    }

    /** Integer yen of a Broadleaf amount, rounding half up (weights and line totals; never sent as is). */
    static long yen(Money money) {
        return money == null ? 0L : yen(money.getAmount());
    }

    static long yen(BigDecimal amount) {
        return amount == null ? 0L : amount.setScale(0, RoundingMode.HALF_UP).longValue();
    }
}
