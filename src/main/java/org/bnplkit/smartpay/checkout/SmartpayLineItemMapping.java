package org.bnplkit.smartpay.checkout;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bnplkit.smartpay.client.Expandable;
import org.bnplkit.smartpay.client.OrderLineItem;
import org.bnplkit.smartpay.config.SmartpayLineItemIds;
import org.bnplkit.smartpay.money.CheckoutBreakdown;
import org.bnplkit.smartpay.money.CheckoutLine;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.domain.OrderAttribute;
import org.broadleafcommerce.core.order.domain.OrderAttributeImpl;
import org.broadleafcommerce.core.order.domain.OrderItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records on the cart which Smartpay line item each of its checkout lines became ({@link SmartpayLineItemIds}), from
 * the order a checkout session answers with. Smartpay keeps the items in the order they were sent, so line i of
 * the breakdown is line item i; the kinds and quantities are checked, and a mapping that does not fit is not
 * stored (refunds then go without line items, by amount, as before).
 */
final class SmartpayLineItemMapping {

    private static final Logger LOG = LoggerFactory.getLogger(SmartpayLineItemMapping.class);

    private SmartpayLineItemMapping() {
    }

    /** Replaces the cart's mapping with this session's (the caller saves the cart). */
    static void store(Order cart, CheckoutBreakdown breakdown, org.bnplkit.smartpay.client.Order smartpayOrder) {
        Map<String, String> mapping = mapping(cart, breakdown, smartpayOrder);
        // rows are updated in place and only the ones no longer wanted removed: Hibernate inserts before it deletes
        cart.getOrderAttributes().keySet().removeIf(name -> name.startsWith(SmartpayLineItemIds.PREFIX)
                && !mapping.containsKey(name));
        for (Map.Entry<String, String> e : mapping.entrySet()) {
            put(cart, e.getKey(), e.getValue());
        }
    }

    private static Map<String, String> mapping(Order cart, CheckoutBreakdown breakdown,
            org.bnplkit.smartpay.client.Order smartpayOrder) {
        Map<String, String> mapping = new LinkedHashMap<>();
        List<Expandable<OrderLineItem>> sent = smartpayOrder == null ? null : smartpayOrder.lineItems();
        List<CheckoutLine> lines = breakdown.allLines();
        if (sent == null || sent.size() != lines.size() || !fits(lines, sent)) {
            LOG.warn("Smartpay order {} does not list the {} lines of Broadleaf order {} as sent; refunds of it will not"
                    + " name line items", smartpayOrder == null ? null : smartpayOrder.id(), lines.size(), cart.getId());
            return mapping;
        }
        List<OrderItem> items = cart.getOrderItems();
        List<CheckoutLine> products = breakdown.productLines();
        int at = 0;
        for (int i = 0; i < products.size(); i++) {
            mapping.put(SmartpayLineItemIds.item(items.get(i).getId()), sent.get(at++).id());
        }
        int product = 0;
        for (CheckoutLine discount : breakdown.discountLines()) {
            String id = sent.get(at++).id();
            if (discount.reference() == null) {
                mapping.put(SmartpayLineItemIds.ORDER_DISCOUNT, id);
                continue;
            }
            // item discounts follow the product lines' order and name the product line's reference
            while (product < products.size() && !discount.reference().equals(products.get(product).reference())) {
                product++;
            }
            if (product < products.size()) {
                mapping.put(SmartpayLineItemIds.itemDiscount(items.get(product++).getId()), id);
            }
        }
        if (!breakdown.taxLines().isEmpty()) {
            mapping.put(SmartpayLineItemIds.TAX, sent.get(at).id());
        }
        return mapping;
    }

    /** Only expanded line items can be checked; kinds (when Smartpay says them) and quantities must match. */
    private static boolean fits(List<CheckoutLine> lines, List<Expandable<OrderLineItem>> sent) {
        Iterator<Expandable<OrderLineItem>> it = sent.iterator();
        List<String> problems = new ArrayList<>();
        for (CheckoutLine line : lines) {
            Expandable<OrderLineItem> item = it.next();
            if (item.id() == null) {
                problems.add("a line item without id");
            } else if (item.isExpanded()) {
                OrderLineItem expanded = item.expanded();
                String kind = line.kind().name().toLowerCase(java.util.Locale.ROOT);
                if (expanded.kind() != null && !kind.equals(expanded.kind())) {
                    problems.add(item.id() + " is " + expanded.kind() + ", not " + kind);
                }
                if (expanded.quantity() != null && expanded.quantity() != line.quantity()) {
                    problems.add(item.id() + " has quantity " + expanded.quantity() + ", not " + line.quantity());
                }
            }
        }
        if (!problems.isEmpty()) {
            LOG.warn("Smartpay line items do not match the checkout lines: {}", problems);
        }
        return problems.isEmpty();
    }

    private static void put(Order cart, String name, String value) {
        OrderAttribute attribute = cart.getOrderAttributes().get(name);
        if (attribute == null) {
            attribute = new OrderAttributeImpl();
            attribute.setName(name);
            attribute.setOrder(cart);
            cart.getOrderAttributes().put(name, attribute);
        }
        attribute.setValue(value);
    }
}
