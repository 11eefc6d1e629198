package org.bnplkit.smartpay.money;

/**
 * What a shopper gets back for returned units of one order line.
 *
 * <p>Each unit is worth floor(lineNetPaid / lineQuantity); the return that brings the line's returned
 * quantity up to its full quantity gets the rest instead. So however a line is returned (all at once
 * or unit by unit), the refunds for it add up to exactly what was paid for it, never a yen more or
 * less. Example: ¥2,999 for 3 units returned one at a time gives ¥999, ¥999, ¥1,001.
 */
public final class ItemRefunds {

    private ItemRefunds() {
    }

    /**
     * @param lineNetPaid             what the shopper paid for the whole line after discounts, 0..uint32
     * @param lineQuantity            units on the line, 1..uint16
     * @param alreadyReturnedQuantity units returned (and refunded) earlier, 0..lineQuantity−1
     * @param returnQuantity          units returned now, 1..lineQuantity−alreadyReturnedQuantity
     * @return the refund for this return
     * @throws IllegalArgumentException on any value outside those ranges
     */
    public static long amountFor(long lineNetPaid, int lineQuantity, int alreadyReturnedQuantity,
                                 int returnQuantity) {
        SmartpayLimits.requireAmount("line net paid", lineNetPaid);
        SmartpayLimits.requireQuantity("line quantity", lineQuantity);
        if (alreadyReturnedQuantity < 0) {
            throw new IllegalArgumentException("already returned quantity must not be negative, got "
                    + alreadyReturnedQuantity);
        }
        if (returnQuantity <= 0) {
            throw new IllegalArgumentException("return quantity must be at least 1, got " + returnQuantity);
        }
        long returnedAfter = (long) alreadyReturnedQuantity + returnQuantity;
        if (returnedAfter > lineQuantity) {
            throw new IllegalArgumentException("cannot return " + returnQuantity + " unit(s): " + alreadyReturnedQuantity
                    + " of " + lineQuantity + " already returned");
        }
        long perUnit = lineNetPaid / lineQuantity;
        if (returnedAfter == lineQuantity) {
            // the final return takes the residual: everything not yet refunded for this line
            return lineNetPaid - perUnit * alreadyReturnedQuantity;
        }
        return perUnit * returnQuantity;
    }
}
