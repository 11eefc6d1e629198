package org.bnplkit.smartpay.money;

/**
 * Limits of Smartpay's request schema that every amount and quantity here must respect, so that a
 * request is rejected here with a clear message instead of by Smartpay with a 400.
 */
public final class SmartpayLimits {

    /** Amounts are {@code uint32} in Smartpay's schema. */
    public static final long MAX_AMOUNT = 4_294_967_295L;

    /** Quantities are {@code uint16} in Smartpay's schema. */
    public static final int MAX_QUANTITY = 65_535;

    /** A checkout session takes 1..50 items ("at least one product and at most 50 items"). */
    public static final int MAX_CHECKOUT_ITEMS = 50;

    private SmartpayLimits() {
    }

    /** {@code 0 <= amount <= MAX_AMOUNT}, else an IllegalArgumentException naming {@code what}. */
    static long requireAmount(String what, long amount) {
        if (amount < 0) {
            throw new IllegalArgumentException(what + " must not be negative, got " + amount);
        }
        if (amount > MAX_AMOUNT) {
            throw new IllegalArgumentException(what + " " + amount
                    + " exceeds Smartpay's maximum amount " + MAX_AMOUNT + " (uint32)");
        }
        return amount;
    }

    /** {@code 1 <= quantity <= MAX_QUANTITY}, else an IllegalArgumentException naming {@code what}. */
    static int requireQuantity(String what, int quantity) {
        if (quantity <= 0) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + quantity);
        }
        if (quantity > MAX_QUANTITY) {
            throw new IllegalArgumentException(what + " " + quantity
                    + " exceeds Smartpay's maximum quantity " + MAX_QUANTITY + " (uint16)");
        }
        return quantity;
    }

    static String requireName(String what, String name) {
        if (name == null || name.trim().isEmpty()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return name;
    }
}
