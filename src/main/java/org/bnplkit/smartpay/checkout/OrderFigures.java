package org.bnplkit.smartpay.checkout;

import org.bnplkit.smartpay.money.CheckoutInput;
import org.bnplkit.smartpay.money.Yen;
import org.broadleafcommerce.common.money.Money;
import org.broadleafcommerce.core.order.domain.DiscreteOrderItem;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.domain.OrderItem;

import java.math.BigDecimal;

/**
 * Reads the figures of a priced Broadleaf order as integer yen for {@code money.CheckoutAmounts}:
 * each item's gross line (unit price × quantity before item discounts) and its discount, the order
 * discount, the tax and the shipping charge, and the order total they must add up to.
 *
 * <p>Broadleaf's {@code TotalActivity} computes total = subtotal − order adjustments + shipping + tax,
 * with subtotal = Σ item totals after item adjustments; the lines below carry exactly those figures,
 * so a mismatch means the order was not priced consistently and is reported, never patched.
 */
final class OrderFigures {

    private OrderFigures() {
    }

    static CheckoutInput of(Order order, String discountName, String orderDiscountName, String taxName) {
        CheckoutInput.Builder input = CheckoutInput.builder()
                .total(yen(order.getTotal()))
                .shippingFee(yen(order.getTotalShipping()))
                .tax(yen(order.getTotalTax()))
                .orderDiscount(yen(order.getOrderAdjustmentsValue()))
                .discountName(discountName)
                .orderDiscountName(orderDiscountName)
                .taxName(taxName);
        for (OrderItem item : order.getOrderItems()) {
            input.line(line(item));
        }
        return input.build();
    }

    /**
     * gross = net + item discount. Broadleaf prices every unit of an item alike, so gross divides by the
     * quantity; if it ever does not, the line goes as one unit named "name ×quantity" so the amounts
     * still add up.
     */
    private static CheckoutInput.Line line(OrderItem item) {
        long net = yen(item.getTotalPrice());
        long discount = yen(item.getTotalAdjustmentValue());
        long gross = net + discount;
        int quantity = item.getQuantity();
        String reference = reference(item);
        if (quantity > 0 && gross % quantity == 0) {
            return CheckoutInput.Line.of(item.getName(), gross / quantity, quantity, discount, reference);
        }
        return CheckoutInput.Line.of(item.getName() + " ×" + quantity, gross, 1, discount, reference);
    }

    /** The SKU id (what the store sells), else the order item id. */
    static String reference(OrderItem item) {
        if (item instanceof DiscreteOrderItem && ((DiscreteOrderItem) item).getSku() != null
                && ((DiscreteOrderItem) item).getSku().getId() != null) {
            return "sku-" + ((DiscreteOrderItem) item).getSku().getId();
        }
        return item.getId() == null ? null : "item-" + item.getId();
    }

    static long yen(Money money) {
        return money == null ? 0L : Yen.of(money.getAmount());
    }

    static long yen(BigDecimal amount) {
        return amount == null ? 0L : Yen.of(amount);
    }
}
