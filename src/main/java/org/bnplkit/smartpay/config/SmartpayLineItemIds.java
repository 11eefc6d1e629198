package org.bnplkit.smartpay.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Smartpay line item ids a Broadleaf order was checked out with, kept as order attributes
 * ({@code BLC_ORDER_ATTRIBUTE}), one per line: {@code smartpayLineItem:item:<orderItemId>} for an order item's product
 * line, {@code smartpayLineItem:itemDiscount:<orderItemId>} for its discount line, {@code smartpayLineItem:orderDiscount}
 * and {@code smartpayLineItem:tax}. Shipping has no line at Smartpay (it is the session's shipping fee). The checkout
 * writes them; refunds read them to name the refunded items, and imports of dashboard refunds to find the items.
 */
public final class SmartpayLineItemIds {

    /** Every attribute of the mapping starts with this. */
    public static final String PREFIX = "smartpayLineItem:";
    public static final String ORDER_DISCOUNT = PREFIX + "orderDiscount";
    public static final String TAX = PREFIX + "tax";
    private static final String ITEM = PREFIX + "item:";
    private static final String ITEM_DISCOUNT = PREFIX + "itemDiscount:";

    private SmartpayLineItemIds() {
    }

    /** The attribute naming the product line of an order item. */
    public static String item(long orderItemId) {
        return ITEM + orderItemId;
    }

    /** The attribute naming the discount line of an order item. */
    public static String itemDiscount(long orderItemId) {
        return ITEM_DISCOUNT + orderItemId;
    }

    /** Order item id → Smartpay line item id of its product line, from an order's attributes (name → value). */
    public static Map<Long, String> products(Map<String, String> attributes) {
        Map<Long, String> products = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            if (e.getKey().startsWith(ITEM) && e.getValue() != null) {
                try {
                    products.put(Long.valueOf(e.getKey().substring(ITEM.length())), e.getValue());
                } catch (NumberFormatException ignored) {
                    // not ours: a store's own attribute that happens to share the prefix
                }
            }
        }
        return products;
    }
}
