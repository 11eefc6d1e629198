package org.bnplkit.smartpay.money;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The Smartpay checkout lines of one order. Holds the guarantee checked by
 * {@link CheckoutAmounts#breakdown}: Σ product unit×qty − Σ discounts + Σ tax + shipping == total,
 * and all lines together are 1..{@value SmartpayLimits#MAX_CHECKOUT_ITEMS} items.
 */
public final class CheckoutBreakdown {

    private final List<CheckoutLine> productLines;
    private final List<CheckoutLine> discountLines;
    private final List<CheckoutLine> taxLines;
    private final long shippingFee;
    private final long total;

    CheckoutBreakdown(List<CheckoutLine> productLines, List<CheckoutLine> discountLines,
                      List<CheckoutLine> taxLines, long shippingFee, long total) {
        this.productLines = Collections.unmodifiableList(new ArrayList<>(productLines));
        this.discountLines = Collections.unmodifiableList(new ArrayList<>(discountLines));
        this.taxLines = Collections.unmodifiableList(new ArrayList<>(taxLines));
        this.shippingFee = shippingFee;
        this.total = total;
    }

    /** One per input line, in input order. */
    public List<CheckoutLine> productLines() {
        return productLines;
    }

    /** One per discounted input line (in input order, quantity 1), then one for the order discount. */
    public List<CheckoutLine> discountLines() {
        return discountLines;
    }

    /** Zero or one line. */
    public List<CheckoutLine> taxLines() {
        return taxLines;
    }

    /** Goes to Smartpay as {@code shippingInfo.feeAmount}, not as a line. */
    public long shippingFee() {
        return shippingFee;
    }

    /** Smartpay's checkout {@code amount}. */
    public long total() {
        return total;
    }

    /** Products, then discounts, then tax: the {@code items} of the checkout session. */
    public List<CheckoutLine> allLines() {
        List<CheckoutLine> all = new ArrayList<>(itemCount());
        all.addAll(productLines);
        all.addAll(discountLines);
        all.addAll(taxLines);
        return Collections.unmodifiableList(all);
    }

    /** Number of items sent to Smartpay (products + discounts + tax). */
    public int itemCount() {
        return productLines.size() + discountLines.size() + taxLines.size();
    }

    public long productTotal() {
        return sum(productLines);
    }

    public long discountTotal() {
        return sum(discountLines);
    }

    public long taxTotal() {
        return sum(taxLines);
    }

    static long sum(List<CheckoutLine> lines) {
        long sum = 0;
        for (CheckoutLine line : lines) {
            sum = Math.addExact(sum, line.lineAmount());
        }
        return sum;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CheckoutBreakdown)) {
            return false;
        }
        CheckoutBreakdown that = (CheckoutBreakdown) o;
        return shippingFee == that.shippingFee && total == that.total && productLines.equals(that.productLines)
                && discountLines.equals(that.discountLines) && taxLines.equals(that.taxLines);
    }

    @Override
    public int hashCode() {
        return Objects.hash(productLines, discountLines, taxLines, shippingFee, total);
    }

    @Override
    public String toString() {
        return "CheckoutBreakdown{total=" + Yen.format(total) + ", shippingFee=" + Yen.format(shippingFee)
                + ", products=" + productLines + ", discounts=" + discountLines + ", tax=" + taxLines + "}";
    }
}
