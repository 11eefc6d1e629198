package org.bnplkit.smartpay.money;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How much of one Smartpay authorization each fulfillment group captures when it ships.
 *
 * <p>Pro rata to the groups' gross amounts, each share rounded down, and the last group takes what
 * the rounding left over. So the shares always add up to the authorization exactly: when the last
 * group ships, nothing stays authorized and nothing is over-captured. The same input always gives
 * the same shares, so a capture retried after a crash asks for the same amount.
 */
public final class FulfillmentShares {

    private FulfillmentShares() {
    }

    /**
     * @param authorized         the Smartpay order amount, 0..uint32
     * @param groupGrossAmounts  one weight per group, in shipping order of the list (the last one
     *                           takes the residual); each ≥ 0; not empty
     * @return one share per group, same order; each ≥ 0; Σ == authorized. When every gross amount is
     *         zero, the last group gets everything.
     * @throws IllegalArgumentException on a null or empty list, a null or negative gross amount, or an
     *         authorized amount outside 0..uint32
     */
    public static List<Long> allocate(long authorized, List<Long> groupGrossAmounts) {
        SmartpayLimits.requireAmount("authorized amount", authorized);
        if (groupGrossAmounts == null || groupGrossAmounts.isEmpty()) {
            throw new IllegalArgumentException("at least one fulfillment group gross amount is required");
        }
        long grossTotal = 0;
        for (int i = 0; i < groupGrossAmounts.size(); i++) {
            Long gross = groupGrossAmounts.get(i);
            if (gross == null) {
                throw new IllegalArgumentException("gross amount of fulfillment group #" + i + " is null");
            }
            if (gross < 0) {
                throw new IllegalArgumentException("gross amount of fulfillment group #" + i
                        + " must not be negative, got " + gross);
            }
            try {
                grossTotal = Math.addExact(grossTotal, gross);
            } catch (ArithmeticException overflow) {
                throw new IllegalArgumentException("fulfillment group gross amounts add up beyond a long");
            }
        }

        int last = groupGrossAmounts.size() - 1;
        List<Long> shares = new ArrayList<>(groupGrossAmounts.size());
        long allocated = 0;
        for (int i = 0; i < last; i++) {
            long share = grossTotal == 0 ? 0 : floorShare(authorized, groupGrossAmounts.get(i), grossTotal);
            shares.add(share);
            allocated += share;
        }
        // Σ floor(a·g_i/G) over i<last ≤ a·(G−g_last)/G ≤ a, so the residual is never negative.
        shares.add(authorized - allocated);
        return Collections.unmodifiableList(shares);
    }

    /** floor(amount × part / whole) without overflow; all arguments ≥ 0, whole > 0. */
    static long floorShare(long amount, long part, long whole) {
        return BigInteger.valueOf(amount).multiply(BigInteger.valueOf(part))
                .divide(BigInteger.valueOf(whole)).longValueExact();
    }
}
