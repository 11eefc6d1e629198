package org.bnplkit.smartpay.operations;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bnplkit.smartpay.client.Address;
import org.bnplkit.smartpay.client.CaptureMethod;
import org.bnplkit.smartpay.client.CheckoutSession;
import org.bnplkit.smartpay.client.CheckoutSessionCreateParams;
import org.bnplkit.smartpay.client.Expand;
import org.bnplkit.smartpay.client.LineItem;
import org.bnplkit.smartpay.client.RequestOptions;
import org.bnplkit.smartpay.client.ShippingInfo;
import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.config.SmartpayClientProvider;
import org.bnplkit.smartpay.config.SmartpayFields;
import org.bnplkit.smartpay.config.SmartpayPaymentGatewayType;
import org.bnplkit.smartpay.money.Yen;
import org.bnplkit.smartpay.testing.BroadleafTestContext;
import org.broadleafcommerce.common.money.Money;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.broadleafcommerce.common.payment.PaymentType;
import org.broadleafcommerce.core.order.domain.FulfillmentGroup;
import org.broadleafcommerce.core.order.domain.FulfillmentGroupItem;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.service.FulfillmentGroupService;
import org.broadleafcommerce.core.order.service.OrderService;
import org.broadleafcommerce.core.order.service.call.FulfillmentGroupItemRequest;
import org.broadleafcommerce.core.order.service.call.FulfillmentGroupRequest;
import org.broadleafcommerce.core.order.service.type.FulfillmentGroupStatusType;
import org.broadleafcommerce.core.order.service.type.OrderStatus;
import org.broadleafcommerce.core.payment.domain.OrderPayment;
import org.broadleafcommerce.core.payment.domain.PaymentTransaction;
import org.broadleafcommerce.core.payment.service.OrderPaymentService;

/**
 * Builds the state the operations start from, for real: a Broadleaf order priced by Broadleaf (one fulfillment
 * group per item, shipping and 10 % tax each), a Smartpay checkout session for its total created with the client
 * against the sandbox, approved by the shopper (sandbox.approve), and the OrderPayment (THIRD_PARTY_ACCOUNT,
 * gateway Smartpay) with its AUTHORIZE (manual capture) or AUTHORIZE_AND_CAPTURE (automatic) transaction carrying
 * the Smartpay ids, as the gateway's return handler records it; then the order is SUBMITTED.
 */
public final class PaidOrderFixture {

    final BroadleafTestContext ctx;

    public PaidOrderFixture(BroadleafTestContext ctx) {
        this.ctx = ctx;
    }

    /** A paid order; {@code prices[i]} is the unit price of item i (quantity {@code quantities[i]}), each in its own group. */
    public Paid paidOrder(CaptureMethod method, long[] prices, int[] quantities) {
        int[] ownGroup = new int[prices.length];
        for (int i = 0; i < ownGroup.length; i++) {
            ownGroup[i] = i;
        }
        return paidOrder(method, prices, quantities, ownGroup);
    }

    /**
     * A paid order whose item i (unit price {@code prices[i]}, quantity {@code quantities[i]}) ships in group
     * {@code groupOf[i]} (0, 1, 2…: groups are numbered in the order they first appear).
     */
    public Paid paidOrder(CaptureMethod method, long[] prices, int[] quantities, int[] groupOf) {
        org.bnplkit.smartpay.testing.Fixtures.CartBuilder cart = ctx.fixtures().cart().shipping("Standard delivery", 660);
        for (int i = 0; i < prices.length; i++) {
            cart.item("Item " + (i + 1) + " " + System.nanoTime(), prices[i], quantities[i]);
        }
        Order built = cart.build();
        Long orderId = splitIntoGroups(built.getId(), groupOf);
        Order order = ctx.fixtures().reload(orderId);
        long total = Yen.of(order.getTotal().getAmount());

        SmartpayClient client = client();
        CheckoutSession session = client.createCheckoutSession(CheckoutSessionCreateParams.builder()
                .amount(total).currency("JPY").captureMethod(method)
                .successUrl("https://shop.example.jp/smartpay/return").cancelUrl("https://shop.example.jp/smartpay/cancel")
                .reference("order-" + orderId)
                .item(LineItem.builder().name("Order " + orderId).amount(total).currency("JPY").quantity(1).build())
                .shippingInfo(ShippingInfo.builder().feeAmount(0L).feeCurrency("JPY").address(Address.builder()
                        .line1("渋谷2-21-1").locality("渋谷区").administrativeArea("東京都").postalCode("150-0002")
                        .country("JP").build()).build())
                .build(), RequestOptions.idempotencyKey("fixture-session-" + orderId));
        String smartpayOrderId = session.order().id();
        OperationsTestSupport.sandbox().approve(smartpayOrderId);
        String paymentId = null;
        if (method == CaptureMethod.AUTOMATIC) {
            paymentId = client.getOrder(smartpayOrderId, Expand.NO).payments().get(0).id();
        }
        recordPaymentAndSubmit(orderId, total, smartpayOrderId, paymentId);
        return new Paid(orderId, smartpayOrderId, total, groupIds(orderId));
    }

    public SmartpayClient client() {
        return ctx.bean("blSmartpayClientProvider", SmartpayClientProvider.class).client();
    }

    /**
     * Moves the items of a one-group cart into groups through Broadleaf's multi-ship path and prices the cart again
     * (shipping and tax per group): item i (in the order the items were added) goes to group {@code groupOf[i]}.
     */
    public Long splitIntoGroups(final Long orderId, final int[] groupOf) {
        OrderService orders = ctx.bean("blOrderService", OrderService.class);
        FulfillmentGroupService groups = ctx.bean("blFulfillmentGroupService", FulfillmentGroupService.class);
        ctx.fixtures().withRequestCurrency(ctx.fixtures().jpy(), () -> ctx.inTransaction(() -> {
            Order order = orders.findOrderById(orderId);
            FulfillmentGroup first = order.getFulfillmentGroups().get(0);
            List<FulfillmentGroupItem> items = new ArrayList<>(first.getFulfillmentGroupItems());
            // item i goes to group groupOf[i], items in the order they were added
            items.sort((a, b) -> a.getOrderItem().getId().compareTo(b.getOrderItem().getId()));
            Map<Integer, Long> groupIds = new HashMap<>();
            groupIds.put(groupOf[0], first.getId());
            try {
                for (int i = 1; i < items.size(); i++) {
                    if (groupOf[i] == groupOf[0]) {
                        continue;
                    }
                    FulfillmentGroup group = null;
                    if (groupIds.containsKey(groupOf[i])) {
                        for (FulfillmentGroup g : order.getFulfillmentGroups()) {
                            if (g.getId().equals(groupIds.get(groupOf[i]))) {
                                group = g;
                            }
                        }
                    } else {
                        // Broadleaf's multi-ship path: add a group (saved with the order), then move the item into it
                        FulfillmentGroupRequest groupRequest = new FulfillmentGroupRequest();
                        groupRequest.setOrder(order);
                        groupRequest.setAddress(first.getAddress());
                        groupRequest.setOption(first.getFulfillmentOption());
                        groupRequest.setFulfillmentType(first.getType());
                        groups.addFulfillmentGroupToOrder(groupRequest, true);
                        order = orders.findOrderById(orderId);
                        for (FulfillmentGroup g : order.getFulfillmentGroups()) { // the managed copy of the new, empty group
                            if (g.getFulfillmentGroupItems().isEmpty()) {
                                group = g;
                            }
                        }
                    }
                    FulfillmentGroupItemRequest itemRequest = new FulfillmentGroupItemRequest();
                    itemRequest.setOrder(order);
                    itemRequest.setFulfillmentGroup(group);
                    itemRequest.setOrderItem(items.get(i).getOrderItem());
                    itemRequest.setQuantity(items.get(i).getQuantity());
                    groups.addItemToFulfillmentGroup(itemRequest, false);
                    if (!groupIds.containsKey(groupOf[i])) { // remember the group the item landed in
                        for (FulfillmentGroup g : order.getFulfillmentGroups()) {
                            for (FulfillmentGroupItem fgi : g.getFulfillmentGroupItems()) {
                                if (g.getId() != null && !g.getId().equals(first.getId())
                                        && fgi.getOrderItem().getId().equals(items.get(i).getOrderItem().getId())) {
                                    groupIds.put(groupOf[i], g.getId());
                                }
                            }
                        }
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("Could not split the order into fulfillment groups", e);
            }
            return null;
        }));
        // priced in a transaction of its own, as the next cart request would: shipping and tax per group
        return ctx.fixtures().withRequestCurrency(ctx.fixtures().jpy(), () -> ctx.inTransaction(() -> {
            try {
                return orders.save(orders.findOrderById(orderId), true).getId();
            } catch (Exception e) {
                throw new IllegalStateException("Could not price the split order", e);
            }
        }));
    }

    private void recordPaymentAndSubmit(final Long orderId, final long total, final String smartpayOrderId,
            final String paymentId) {
        ctx.inTransaction(() -> {
            OrderService orders = ctx.bean("blOrderService", OrderService.class);
            OrderPaymentService payments = ctx.bean("blOrderPaymentService", OrderPaymentService.class);
            Order order = orders.findOrderById(orderId);
            OrderPayment payment = payments.create();
            payment.setOrder(order);
            payment.setType(PaymentType.THIRD_PARTY_ACCOUNT);
            payment.setPaymentGatewayType(SmartpayPaymentGatewayType.SMARTPAY);
            payment.setAmount(new Money(Yen.toBigDecimal(total), "JPY"));
            PaymentTransaction tx = payments.createTransaction();
            tx.setType(paymentId == null ? PaymentTransactionType.AUTHORIZE : PaymentTransactionType.AUTHORIZE_AND_CAPTURE);
            tx.setAmount(new Money(Yen.toBigDecimal(total), "JPY"));
            tx.setSuccess(true);
            tx.setDate(new java.util.Date());
            Map<String, String> fields = new HashMap<>();
            fields.put(SmartpayFields.ORDER_ID, smartpayOrderId);
            if (paymentId != null) {
                fields.put(SmartpayFields.PAYMENT_ID, paymentId);
            }
            tx.setAdditionalFields(fields);
            tx.setOrderPayment(payment);
            payment.addTransaction(tx);
            payment = payments.save(payment);
            order.getPayments().add(payment);
            order.setStatus(OrderStatus.SUBMITTED);
            order.setOrderNumber("SP" + orderId);
            order.setSubmitDate(new java.util.Date());
            try {
                orders.save(order, false);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    List<Long> groupIds(Long orderId) {
        return ctx.inTransaction(() -> {
            List<Long> ids = new ArrayList<>();
            for (FulfillmentGroup g : ctx.bean("blOrderService", OrderService.class).findOrderById(orderId).getFulfillmentGroups()) {
                ids.add(g.getId());
            }
            ids.sort(null);
            return ids;
        });
    }

    /** Sets a group's status the way a store's fulfillment code does: load, set, save, commit. */
    public void setGroupStatus(final Long fulfillmentGroupId, final FulfillmentGroupStatusType status) {
        ctx.inTransaction(() -> {
            FulfillmentGroupService groups = ctx.bean("blFulfillmentGroupService", FulfillmentGroupService.class);
            FulfillmentGroup group = groups.findFulfillmentGroupById(fulfillmentGroupId);
            group.setStatus(status);
            groups.save(group);
        });
    }

    /**
     * Removes an unshipped fulfillment group and its items from a submitted order (the customer dropped them by
     * phone, the goods are out of stock), as an order-management screen would; the order is not re-priced at Smartpay.
     */
    public void removeGroup(final Long orderId, final Long fulfillmentGroupId) {
        ctx.inTransaction(() -> {
            OrderService orders = ctx.bean("blOrderService", OrderService.class);
            FulfillmentGroupService groups = ctx.bean("blFulfillmentGroupService", FulfillmentGroupService.class);
            Order order = orders.findOrderById(orderId);
            FulfillmentGroup group = groups.findFulfillmentGroupById(fulfillmentGroupId);
            order.getFulfillmentGroups().remove(group);
            groups.delete(group);
        });
    }

    public void setItemStatus(final Long fulfillmentGroupId, final int itemIndex, final FulfillmentGroupStatusType status) {
        ctx.inTransaction(() -> {
            FulfillmentGroupService groups = ctx.bean("blFulfillmentGroupService", FulfillmentGroupService.class);
            FulfillmentGroup group = groups.findFulfillmentGroupById(fulfillmentGroupId);
            group.getFulfillmentGroupItems().get(itemIndex).setStatus(status);
            groups.save(group);
        });
    }

    /** Sets an order's status through OrderService.save, as the admin or an order-management job would. */
    public void setOrderStatus(final Long orderId, final OrderStatus status) {
        ctx.inTransaction(() -> {
            OrderService orders = ctx.bean("blOrderService", OrderService.class);
            Order order = orders.findOrderById(orderId);
            order.setStatus(status);
            try {
                orders.save(order, false);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Successful transactions of the order's Smartpay payment, by type, oldest first. */
    public List<Tx> transactions(final Long orderId, final PaymentTransactionType type) {
        return ctx.inTransaction(() -> {
            List<Tx> out = new ArrayList<>();
            Order order = ctx.bean("blOrderService", OrderService.class).findOrderById(orderId);
            for (OrderPayment p : order.getPayments()) {
                for (PaymentTransaction tx : p.getTransactions()) {
                    if (type.equals(tx.getType()) && Boolean.TRUE.equals(tx.getSuccess())) {
                        out.add(new Tx(tx.getId(), tx.getAmount().getAmount(), tx.getAmount().getCurrency().getCurrencyCode(),
                                tx.getParentTransaction() == null ? null : tx.getParentTransaction().getId(),
                                tx.getParentTransaction() == null ? null : tx.getParentTransaction().getType().getType(),
                                new HashMap<>(tx.getAdditionalFields())));
                    }
                }
            }
            out.sort((a, b) -> a.id.compareTo(b.id));
            return out;
        });
    }

    static long sum(List<Tx> txs) {
        long sum = 0;
        for (Tx t : txs) {
            sum += Yen.of(t.amount);
        }
        return sum;
    }

    public record Paid(Long orderId, String smartpayOrderId, long total, List<Long> groupIds) {
    }

    public record Tx(Long id, BigDecimal amount, String currency, Long parentId, String parentType, Map<String, String> fields) {
        String field(String name) {
            return fields.get(name);
        }
    }
}
