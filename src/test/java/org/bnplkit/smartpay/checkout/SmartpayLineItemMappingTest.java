package org.bnplkit.smartpay.checkout;

import org.bnplkit.smartpay.client.SmartpayJson;
import org.bnplkit.smartpay.config.SmartpayLineItemIds;
import org.bnplkit.smartpay.money.CheckoutAmounts;
import org.bnplkit.smartpay.money.CheckoutBreakdown;
import org.bnplkit.smartpay.money.CheckoutInput;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.domain.OrderAttribute;
import org.broadleafcommerce.core.order.domain.OrderAttributeImpl;
import org.broadleafcommerce.core.order.domain.OrderImpl;
import org.broadleafcommerce.core.order.domain.OrderItem;
import org.broadleafcommerce.core.order.domain.OrderItemImpl;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which Smartpay line item each checkout line became: products, item and order discounts, tax; and when it does not fit. */
class SmartpayLineItemMappingTest {

    /** Two items with the same SKU (only the first discounted), an order discount and tax: 6 lines. */
    private static CheckoutBreakdown breakdown() {
        return CheckoutAmounts.breakdown(CheckoutInput.builder()
                .line(CheckoutInput.Line.of("Teacup", 1000, 2, 200, "sku-1"))
                .line(CheckoutInput.Line.of("Teacup (gift)", 1000, 1, 0, "sku-1"))
                .line(CheckoutInput.Line.of("Teapot", 3000, 1, 300, "sku-2"))
                .orderDiscount(100).tax(540).shippingFee(660)
                .discountName("Discount").orderDiscountName("Order discount").taxName("Tax")
                .total(2000 + 1000 + 3000 - 200 - 300 - 100 + 540 + 660).build());
    }

    private static Order cart(long... itemIds) {
        Order cart = new OrderImpl();
        cart.setOrderAttributes(new HashMap<>());
        for (long id : itemIds) {
            OrderItem item = new OrderItemImpl();
            item.setId(id);
            cart.getOrderItems().add(item);
        }
        return cart;
    }

    private static org.bnplkit.smartpay.client.Order smartpayOrder(String... kindsAndQuantities) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < kindsAndQuantities.length; i++) {
            String[] kq = kindsAndQuantities[i].split(":");
            items.append(i == 0 ? "" : ",").append("{\"id\":\"li_test_").append(i).append("\",\"object\":\"lineItem\",\"kind\":\"")
                    .append(kq[0]).append("\",\"quantity\":").append(kq[1]).append('}');
        }
        return SmartpayJson.read("{\"id\":\"order_test_1\",\"lineItems\":[" + items + "]}", org.bnplkit.smartpay.client.Order.class);
    }

    private static Map<String, String> mapping(Order cart) {
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<String, OrderAttribute> e : cart.getOrderAttributes().entrySet()) {
            if (e.getKey().startsWith(SmartpayLineItemIds.PREFIX)) {
                out.put(e.getKey(), e.getValue().getValue());
            }
        }
        return out;
    }

    @Test
    void everyLineIsMappedInTheOrderItWasSent() {
        Order cart = cart(11, 12, 13);
        SmartpayLineItemMapping.store(cart, breakdown(), smartpayOrder("product:2", "product:1", "product:1",
                "discount:1", "discount:1", "discount:1", "tax:1"));
        Map<String, String> m = mapping(cart);
        assertEquals("li_test_0", m.get(SmartpayLineItemIds.item(11)));
        assertEquals("li_test_1", m.get(SmartpayLineItemIds.item(12)));
        assertEquals("li_test_2", m.get(SmartpayLineItemIds.item(13)));
        assertEquals("li_test_3", m.get(SmartpayLineItemIds.itemDiscount(11)));
        assertFalse(m.containsKey(SmartpayLineItemIds.itemDiscount(12)), "the gift cup had no discount");
        assertEquals("li_test_4", m.get(SmartpayLineItemIds.itemDiscount(13)));
        assertEquals("li_test_5", m.get(SmartpayLineItemIds.ORDER_DISCOUNT));
        assertEquals("li_test_6", m.get(SmartpayLineItemIds.TAX));
        assertEquals(Map.of(11L, "li_test_0", 12L, "li_test_1", 13L, "li_test_2"),
                SmartpayLineItemIds.products(m));
    }

    @Test
    void aSmartpayOrderThatDoesNotListTheLinesAsSentLeavesNoMapping() {
        Order cart = cart(11, 12, 13);
        OrderAttribute stale = new OrderAttributeImpl();
        stale.setName(SmartpayLineItemIds.item(11));
        stale.setValue("li_test_old");
        cart.getOrderAttributes().put(stale.getName(), stale);
        OrderAttribute own = new OrderAttributeImpl();
        own.setName("giftMessage");
        own.setValue("Congratulations");
        cart.getOrderAttributes().put(own.getName(), own);

        SmartpayLineItemMapping.store(cart, breakdown(), smartpayOrder("product:1", "product:1", "product:1",
                "discount:1", "discount:1", "discount:1", "tax:1"));

        assertTrue(mapping(cart).isEmpty(), "the first line's quantity differs: nothing is trusted, the old mapping is gone");
        assertEquals("Congratulations", cart.getOrderAttributes().get("giftMessage").getValue());
        SmartpayLineItemMapping.store(cart, breakdown(), smartpayOrder("product:2"));
        assertTrue(mapping(cart).isEmpty(), "fewer line items than lines");
    }
}
