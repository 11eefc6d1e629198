package org.bnplkit.smartpay.money;

import java.util.Objects;

/**
 * One item of a Smartpay checkout session: a unit amount (always positive or zero; a discount is a
 * positive amount of kind {@link Kind#DISCOUNT}) times a quantity.
 */
public final class CheckoutLine {

    /** Smartpay's line item kinds ({@code product}, {@code discount}, {@code tax} on the wire). */
    public enum Kind {
        PRODUCT, DISCOUNT, TAX
    }

    private final Kind kind;
    private final String name;
    private final long unitAmount;
    private final int quantity;
    private final String reference;

    private CheckoutLine(Kind kind, String name, long unitAmount, int quantity, String reference) {
        this.kind = kind;
        this.name = name;
        this.unitAmount = unitAmount;
        this.quantity = quantity;
        this.reference = reference;
    }

    /**
     * @param reference may be null (Smartpay's item reference is optional)
     * @throws IllegalArgumentException on a null kind, blank name, amount outside 0..uint32 or
     *         quantity outside 1..uint16
     */
    public static CheckoutLine of(Kind kind, String name, long unitAmount, int quantity, String reference) {
        if (kind == null) {
            throw new IllegalArgumentException("checkout line kind must not be null");
        }
        SmartpayLimits.requireName("checkout line name", name);
        SmartpayLimits.requireAmount("unit amount of checkout line '" + name + "'", unitAmount);
        SmartpayLimits.requireQuantity("quantity of checkout line '" + name + "'", quantity);
        return new CheckoutLine(kind, name, unitAmount, quantity, reference);
    }

    public Kind kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public long unitAmount() {
        return unitAmount;
    }

    public int quantity() {
        return quantity;
    }

    /** May be null. */
    public String reference() {
        return reference;
    }

    /** unitAmount × quantity (cannot overflow: at most uint32 × uint16). */
    public long lineAmount() {
        return unitAmount * quantity;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CheckoutLine)) {
            return false;
        }
        CheckoutLine that = (CheckoutLine) o;
        return unitAmount == that.unitAmount && quantity == that.quantity && kind == that.kind
                && name.equals(that.name) && Objects.equals(reference, that.reference);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, name, unitAmount, quantity, reference);
    }

    @Override
    public String toString() {
        return "CheckoutLine{" + kind + " '" + name + "' " + Yen.format(unitAmount) + " x " + quantity
                + (reference == null ? "" : " ref=" + reference) + "}";
    }
}
