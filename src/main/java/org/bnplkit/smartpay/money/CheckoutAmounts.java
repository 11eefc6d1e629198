package org.bnplkit.smartpay.money;

import java.util.ArrayList;
import java.util.List;

/**
 * A Broadleaf order's figures as Smartpay checkout lines that add up exactly to the order total.
 *
 * <p>Nothing is allocated or rounded here: every line carries an amount the order already has
 * (item price, item discount, order discount, tax), so a mismatch can only mean the input figures
 * are inconsistent, and that is reported rather than patched.
 */
public final class CheckoutAmounts {

    private CheckoutAmounts() {
    }

    /**
     * Product lines in input order; a discount line (quantity 1, positive amount, reference of the
     * product line) for each line with a discount, then one for the order discount; one tax line
     * when tax is non-zero. Zero discounts and zero tax produce no line.
     *
     * @throws AmountMismatchException        if Σ products − Σ discounts + tax + shipping ≠ total
     * @throws TooManyCheckoutItemsException  (an IllegalArgumentException) if more than
     *                                        {@value SmartpayLimits#MAX_CHECKOUT_ITEMS} items result
     * @throws IllegalArgumentException       if input is null
     */
    public static CheckoutBreakdown breakdown(CheckoutInput in) {
        if (in == null) {
            throw new IllegalArgumentException("checkout input must not be null");
        }
        List<CheckoutLine> products = new ArrayList<>(in.lines().size());
        List<CheckoutLine> discounts = new ArrayList<>();
        for (CheckoutInput.Line line : in.lines()) {
            products.add(CheckoutLine.of(CheckoutLine.Kind.PRODUCT, line.name(), line.unitPrice(),
                    line.quantity(), line.reference()));
            if (line.lineDiscount() > 0) {
                discounts.add(CheckoutLine.of(CheckoutLine.Kind.DISCOUNT, in.discountName(), line.lineDiscount(),
                        1, line.reference()));
            }
        }
        if (in.orderDiscount() > 0) {
            discounts.add(CheckoutLine.of(CheckoutLine.Kind.DISCOUNT, in.orderDiscountName(), in.orderDiscount(),
                    1, null));
        }
        List<CheckoutLine> taxes = new ArrayList<>(1);
        if (in.tax() > 0) {
            taxes.add(CheckoutLine.of(CheckoutLine.Kind.TAX, in.taxName(), in.tax(), 1, null));
        }

        long productTotal = CheckoutBreakdown.sum(products);
        long discountTotal = CheckoutBreakdown.sum(discounts);
        long taxTotal = CheckoutBreakdown.sum(taxes);
        long computed = Math.addExact(Math.addExact(productTotal - discountTotal, taxTotal), in.shippingFee());
        if (computed != in.total()) {
            throw new AmountMismatchException(productTotal, discountTotal, taxTotal, in.shippingFee(), computed,
                    in.total());
        }
        if (products.size() + discounts.size() + taxes.size() > SmartpayLimits.MAX_CHECKOUT_ITEMS) {
            throw new TooManyCheckoutItemsException(products.size(), discounts.size(), taxes.size());
        }
        return new CheckoutBreakdown(products, discounts, taxes, in.shippingFee(), in.total());
    }
}
