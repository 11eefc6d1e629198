package org.bnplkit.smartpay.money;

/**
 * The order needs more checkout items (products + discount lines + tax line) than the
 * {@value SmartpayLimits#MAX_CHECKOUT_ITEMS} Smartpay accepts. The module does not merge or drop
 * lines to make it fit: that would show the shopper a different basket than the one they bought.
 * The checkout should offer another payment method for such an order.
 */
public class TooManyCheckoutItemsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int itemCount;

    public TooManyCheckoutItemsException(int productLines, int discountLines, int taxLines) {
        super("Smartpay accepts at most " + SmartpayLimits.MAX_CHECKOUT_ITEMS + " checkout items, this order needs "
                + (productLines + discountLines + taxLines) + " (" + productLines + " products, "
                + discountLines + " discounts, " + taxLines + " tax)");
        this.itemCount = productLines + discountLines + taxLines;
    }

    /** How many items the order needed. */
    public int itemCount() {
        return itemCount;
    }

    public int limit() {
        return SmartpayLimits.MAX_CHECKOUT_ITEMS;
    }
}
