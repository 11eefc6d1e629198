package org.bnplkit.smartpay.checkout;

import org.bnplkit.smartpay.client.Expand;
import org.bnplkit.smartpay.client.Expandable;
import org.bnplkit.smartpay.client.OrderLineItem;
import org.bnplkit.smartpay.client.Payment;
import org.bnplkit.smartpay.client.Refund;
import org.bnplkit.smartpay.client.RefundCreateParams;
import org.bnplkit.smartpay.client.RefundReason;
import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.config.SmartpayClientProvider;
import org.bnplkit.smartpay.config.SmartpayLineItemIds;
import org.bnplkit.smartpay.journal.OperationJournal;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.operations.OperationOutcome;
import org.bnplkit.smartpay.operations.RefundedItems;
import org.bnplkit.smartpay.operations.SmartpayOperationException;
import org.bnplkit.smartpay.operations.SmartpayOrderOperations;
import org.bnplkit.smartpay.operations.SmartpayReferences;
import org.bnplkit.smartpay.testing.BroadleafTestContext;
import org.bnplkit.smartpay.webhooks.SmartpayOrderSync;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.domain.OrderItem;
import org.broadleafcommerce.core.order.service.type.OrderStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cart checked out through the storefront keeps which Smartpay line item each of its items became; captures and
 * refunds then tell Smartpay (the sandbox, over HTTP) their reference and, for refunds of items, the line items;
 * a dashboard refund naming a line item is recorded against its order item, which a later return then cannot
 * refund again. (How the admin panel shows references and items: SmartpayOrderPanelsTest, AdminTemplatesTest.)
 */
class SmartpayLineItemsIT {

    private final BroadleafTestContext ctx = BroadleafTestContext.get();
    private final CheckoutFlow flow = new CheckoutFlow(ctx);

    @AfterEach
    void reset() {
        ctx.properties().reset();
        ctx.sandbox().clearFaults();
    }

    private SmartpayClient client() {
        return ctx.bean("blSmartpayClientProvider", SmartpayClientProvider.class).client();
    }

    private SmartpayOrderOperations operations() {
        return ctx.bean("blSmartpayOrderOperations", SmartpayOrderOperations.class);
    }

    /** Order item name → id. */
    private Map<String, Long> items(Long orderId) {
        return ctx.inTransaction(() -> {
            Map<String, Long> ids = new LinkedHashMap<>();
            for (OrderItem item : flow.orders().findOrderById(orderId).getOrderItems()) {
                ids.put(item.getName(), item.getId());
            }
            return ids;
        });
    }

    private Map<String, String> lineItemAttributes(Long orderId) {
        return ctx.inTransaction(() -> {
            Map<String, String> attributes = new HashMap<>();
            flow.orders().findOrderById(orderId).getOrderAttributes().forEach((name, a) -> {
                if (name.startsWith(SmartpayLineItemIds.PREFIX)) {
                    attributes.put(name, a.getValue());
                }
            });
            return attributes;
        });
    }

    private static List<String> ids(List<Expandable<OrderLineItem>> items) {
        List<String> ids = new ArrayList<>();
        items.forEach(i -> ids.add(i.id()));
        return ids;
    }

    @Test
    void capturesAndRefundsTellSmartpayTheirReferenceAndLineItems() {
        String cup = "Teacup " + System.nanoTime();
        String pot = "Teapot " + System.nanoTime();
        Order cart = ctx.fixtures().cart().item(cup, 1000, 2).item(pot, 3000, 1).build();
        String smartpayOrderId = flow.start(cart);
        ctx.sandbox().approve(smartpayOrderId);
        flow.returnFromSmartpay(cart.getId());
        Long orderId = cart.getId();
        assertEquals(OrderStatus.SUBMITTED, ctx.fixtures().reload(orderId).getStatus());

        // the mapping: each order item's product line, as Smartpay numbered the lines the checkout sent
        org.bnplkit.smartpay.client.Order atSmartpay = client().getOrder(smartpayOrderId, Expand.ALL);
        Map<String, Long> items = items(orderId);
        Map<String, String> attributes = lineItemAttributes(orderId);
        String cupLine = attributes.get(SmartpayLineItemIds.item(items.get(cup)));
        String potLine = attributes.get(SmartpayLineItemIds.item(items.get(pot)));
        // the product lines come first, in the order Broadleaf lists the items (which a database may vary)
        assertEquals(new java.util.HashSet<>(List.of(cupLine, potLine)),
                new java.util.HashSet<>(ids(atSmartpay.lineItems()).subList(0, 2)), attributes.toString());
        OrderLineItem cupAtSmartpay = atSmartpay.lineItems().stream().map(Expandable::expanded)
                .filter(line -> cupLine.equals(line.id())).findFirst().orElseThrow();
        assertEquals("product", cupAtSmartpay.kind());
        assertEquals(2, cupAtSmartpay.quantity());

        // a shipment's capture carries "<order id>/fg:<group>"
        Long group = ctx.inTransaction(() -> flow.orders().findOrderById(orderId).getFulfillmentGroups().get(0).getId());
        OperationOutcome capture = operations().capture(group);
        assertTrue(capture.isSucceeded(), capture.toString());
        Payment payment = client().getPayment(capture.smartpayPaymentId(), Expand.NO);
        assertEquals(orderId + "/fg:" + group, payment.reference());

        // an item refund names the item's line and carries "<order id>/<request id>"
        OperationOutcome refund = operations().refundItems(orderId, Map.of(items.get(cup), 1),
                RefundReason.REQUESTED_BY_CUSTOMER, "One teacup came back", "rma-" + orderId);
        assertTrue(refund.isSucceeded(), refund.toString());
        Refund sent = client().getRefund(refund.parts().get(0).smartpayRefundId(), Expand.NO);
        assertEquals(List.of(cupLine), ids(sent.lineItems()));
        assertEquals(orderId + "/rma-" + orderId, sent.reference());

        // a refund by amount names no items
        OperationOutcome goodwill = operations().refund(orderId, 100, RefundReason.REQUESTED_BY_CUSTOMER, "Goodwill",
                "goodwill-" + orderId);
        Refund byAmount = client().getRefund(goodwill.parts().get(0).smartpayRefundId(), Expand.NO);
        assertTrue(byAmount.lineItems().isEmpty());
        assertEquals(orderId + "/goodwill-" + orderId, byAmount.reference());

        // a refund made in the Smartpay dashboard that names the teapot: imported against the teapot
        Refund dashboard = client().createRefund(RefundCreateParams.builder().payment(payment.id()).amount(3300)
                .reason(RefundReason.REQUESTED_BY_CUSTOMER).lineItems(List.of(potLine)).build(), null);
        ctx.bean("blSmartpayOrderSync", SmartpayOrderSync.class).sync(smartpayOrderId, orderId, "test");
        SmartpayOperationException again = assertThrows(SmartpayOperationException.class, () -> operations().refundItems(
                orderId, Map.of(items.get(pot), 1), RefundReason.REQUESTED_BY_CUSTOMER, "Teapot back", "rma2-" + orderId));
        assertTrue(again.getMessage().contains("already returned"), again.getMessage());

        // what the admin history shows comes from the journal: the references and the items
        Map<String, SmartpayOperation> byKey = new HashMap<>();
        ctx.bean("blSmartpayOperationJournal", OperationJournal.class).findByOrder(orderId)
                .forEach(row -> byKey.put(row.getOperationKey(), row));
        assertEquals(orderId + "/fg:" + group, SmartpayReferences.forRow(byKey.get("capture:fg:" + group)));
        SmartpayOperation request = byKey.get("refund:rma-" + orderId);
        assertEquals(orderId + "/rma-" + orderId, SmartpayReferences.forRow(request));
        assertEquals(items.get(cup), RefundedItems.of(request).get(0).orderItemId);
        SmartpayOperation imported = byKey.get("import:refund:" + dashboard.id());
        assertNull(SmartpayReferences.forRow(imported), "a dashboard refund's reference is whatever was typed there");
        assertEquals(1, RefundedItems.of(imported).size());
        assertEquals(items.get(pot), RefundedItems.of(imported).get(0).orderItemId);
        assertEquals(1, RefundedItems.of(imported).get(0).quantity);
        assertEquals(3300, RefundedItems.of(imported).get(0).yen);
    }
}
