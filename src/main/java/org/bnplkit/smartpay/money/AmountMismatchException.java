package org.bnplkit.smartpay.money;

/**
 * The order's figures do not add up: Σ products − Σ discounts + tax + shipping ≠ total. Sending
 * such a checkout would charge the shopper something other than the order total, so nothing is sent.
 * The message names every figure; the getters give them to code.
 */
public class AmountMismatchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long productTotal;
    private final long discountTotal;
    private final long taxTotal;
    private final long shippingFee;
    private final long computedTotal;
    private final long expectedTotal;

    public AmountMismatchException(long productTotal, long discountTotal, long taxTotal, long shippingFee,
                                   long computedTotal, long expectedTotal) {
        super("checkout lines do not add up to the order total: products " + Yen.format(productTotal)
                + " - discounts " + Yen.format(discountTotal) + " + tax " + Yen.format(taxTotal)
                + " + shipping " + Yen.format(shippingFee) + " = " + Yen.format(computedTotal)
                + ", but the order total is " + Yen.format(expectedTotal)
                + " (difference " + Yen.format(computedTotal - expectedTotal) + ")");
        this.productTotal = productTotal;
        this.discountTotal = discountTotal;
        this.taxTotal = taxTotal;
        this.shippingFee = shippingFee;
        this.computedTotal = computedTotal;
        this.expectedTotal = expectedTotal;
    }

    public long productTotal() {
        return productTotal;
    }

    public long discountTotal() {
        return discountTotal;
    }

    public long taxTotal() {
        return taxTotal;
    }

    public long shippingFee() {
        return shippingFee;
    }

    /** What the lines add up to. */
    public long computedTotal() {
        return computedTotal;
    }

    /** The order total they should add up to. */
    public long expectedTotal() {
        return expectedTotal;
    }
}
