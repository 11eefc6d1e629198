package org.bnplkit.smartpay.money;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The figures of a Broadleaf order that a Smartpay checkout session is built from, already in
 * integer yen (see {@link Yen#of}). Immutable; build with {@link #builder()}.
 *
 * <p>Shipping does not become a line: Smartpay carries it as {@code shippingInfo.feeAmount}.
 */
public final class CheckoutInput {

    public static final String DEFAULT_DISCOUNT_NAME = "Discount";
    public static final String DEFAULT_TAX_NAME = "Tax";

    private final long total;
    private final long shippingFee;
    private final long tax;
    private final long orderDiscount;
    private final List<Line> lines;
    private final String discountName;
    private final String orderDiscountName;
    private final String taxName;

    private CheckoutInput(Builder b) {
        this.total = b.total;
        this.shippingFee = b.shippingFee;
        this.tax = b.tax;
        this.orderDiscount = b.orderDiscount;
        this.lines = Collections.unmodifiableList(new ArrayList<>(b.lines));
        this.discountName = b.discountName;
        this.orderDiscountName = b.orderDiscountName == null ? b.discountName : b.orderDiscountName;
        this.taxName = b.taxName;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The order total the shopper is charged (Smartpay's checkout {@code amount}). */
    public long total() {
        return total;
    }

    public long shippingFee() {
        return shippingFee;
    }

    public long tax() {
        return tax;
    }

    /** Discount on the whole order (not on one item), a positive amount or zero. */
    public long orderDiscount() {
        return orderDiscount;
    }

    /** The product lines in the order given; unmodifiable. */
    public List<Line> lines() {
        return lines;
    }

    /** Name of the discount line generated for each discounted product line. */
    public String discountName() {
        return discountName;
    }

    /** Name of the discount line generated for the order discount (defaults to {@link #discountName()}). */
    public String orderDiscountName() {
        return orderDiscountName;
    }

    public String taxName() {
        return taxName;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CheckoutInput)) {
            return false;
        }
        CheckoutInput that = (CheckoutInput) o;
        return total == that.total && shippingFee == that.shippingFee && tax == that.tax
                && orderDiscount == that.orderDiscount && lines.equals(that.lines)
                && discountName.equals(that.discountName) && orderDiscountName.equals(that.orderDiscountName)
                && taxName.equals(that.taxName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(total, shippingFee, tax, orderDiscount, lines, discountName, orderDiscountName, taxName);
    }

    @Override
    public String toString() {
        return "CheckoutInput{total=" + Yen.format(total) + ", shippingFee=" + Yen.format(shippingFee)
                + ", tax=" + Yen.format(tax) + ", orderDiscount=" + Yen.format(orderDiscount)
                + ", lines=" + lines + "}";
    }

    /** One order item: unit price × quantity, minus a discount on this line as a whole. */
    public static final class Line {
        private final String name;
        private final long unitPrice;
        private final int quantity;
        private final long lineDiscount;
        private final String reference;

        private Line(String name, long unitPrice, int quantity, long lineDiscount, String reference) {
            this.name = name;
            this.unitPrice = unitPrice;
            this.quantity = quantity;
            this.lineDiscount = lineDiscount;
            this.reference = reference;
        }

        /**
         * @param name         shown to the shopper; not blank
         * @param unitPrice    yen per unit, 0..uint32
         * @param quantity     1..uint16
         * @param lineDiscount discount on the whole line (not per unit), 0..unitPrice×quantity
         * @param reference    the merchant's item reference (e.g. the order item id); may be null
         * @throws IllegalArgumentException naming the line and the rule it breaks
         */
        public static Line of(String name, long unitPrice, int quantity, long lineDiscount, String reference) {
            SmartpayLimits.requireName("line name", name);
            SmartpayLimits.requireAmount("unit price of line '" + name + "'", unitPrice);
            SmartpayLimits.requireQuantity("quantity of line '" + name + "'", quantity);
            SmartpayLimits.requireAmount("discount of line '" + name + "'", lineDiscount);
            long gross = unitPrice * quantity;
            if (lineDiscount > gross) {
                throw new IllegalArgumentException("discount " + Yen.format(lineDiscount) + " of line '" + name
                        + "' exceeds the line's price " + Yen.format(gross) + " (" + Yen.format(unitPrice)
                        + " x " + quantity + ")");
            }
            return new Line(name, unitPrice, quantity, lineDiscount, reference);
        }

        public String name() {
            return name;
        }

        public long unitPrice() {
            return unitPrice;
        }

        public int quantity() {
            return quantity;
        }

        public long lineDiscount() {
            return lineDiscount;
        }

        /** May be null. */
        public String reference() {
            return reference;
        }

        /** unitPrice × quantity, before the line discount. */
        public long grossAmount() {
            return unitPrice * quantity;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Line)) {
                return false;
            }
            Line that = (Line) o;
            return unitPrice == that.unitPrice && quantity == that.quantity && lineDiscount == that.lineDiscount
                    && name.equals(that.name) && Objects.equals(reference, that.reference);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, unitPrice, quantity, lineDiscount, reference);
        }

        @Override
        public String toString() {
            return "Line{'" + name + "' " + Yen.format(unitPrice) + " x " + quantity
                    + (lineDiscount == 0 ? "" : " - " + Yen.format(lineDiscount))
                    + (reference == null ? "" : " ref=" + reference) + "}";
        }
    }

    /** Not thread-safe; {@link #total(long)} and at least one {@link #line(Line)} are required. */
    public static final class Builder {
        private long total;
        private boolean totalSet;
        private long shippingFee;
        private long tax;
        private long orderDiscount;
        private final List<Line> lines = new ArrayList<>();
        private String discountName = DEFAULT_DISCOUNT_NAME;
        private String orderDiscountName;
        private String taxName = DEFAULT_TAX_NAME;

        private Builder() {
        }

        public Builder total(long total) {
            this.total = total;
            this.totalSet = true;
            return this;
        }

        public Builder shippingFee(long shippingFee) {
            this.shippingFee = shippingFee;
            return this;
        }

        public Builder tax(long tax) {
            this.tax = tax;
            return this;
        }

        public Builder orderDiscount(long orderDiscount) {
            this.orderDiscount = orderDiscount;
            return this;
        }

        public Builder line(Line line) {
            if (line == null) {
                throw new IllegalArgumentException("line must not be null");
            }
            lines.add(line);
            return this;
        }

        public Builder lines(List<Line> moreLines) {
            if (moreLines == null) {
                throw new IllegalArgumentException("lines must not be null");
            }
            for (Line line : moreLines) {
                line(line);
            }
            return this;
        }

        /** Name for the per-line discount lines (default "Discount"). */
        public Builder discountName(String name) {
            this.discountName = name;
            return this;
        }

        /** Name for the order discount line (default: the discount name). */
        public Builder orderDiscountName(String name) {
            this.orderDiscountName = name;
            return this;
        }

        /** Name for the tax line (default "Tax"). */
        public Builder taxName(String name) {
            this.taxName = name;
            return this;
        }

        /** @throws IllegalArgumentException on a missing total, no lines, or an amount outside 0..uint32 */
        public CheckoutInput build() {
            if (!totalSet) {
                throw new IllegalArgumentException("total is required");
            }
            SmartpayLimits.requireAmount("order total", total);
            SmartpayLimits.requireAmount("shipping fee", shippingFee);
            SmartpayLimits.requireAmount("tax", tax);
            SmartpayLimits.requireAmount("order discount", orderDiscount);
            if (lines.isEmpty()) {
                throw new IllegalArgumentException("a Smartpay checkout needs at least one product line");
            }
            SmartpayLimits.requireName("discount name", discountName);
            if (orderDiscountName != null) {
                SmartpayLimits.requireName("order discount name", orderDiscountName);
            }
            SmartpayLimits.requireName("tax name", taxName);
            return new CheckoutInput(this);
        }
    }
}
