package org.bnplkit.smartpay.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Conversion between Broadleaf's {@link BigDecimal} money and integer yen. The yen has no minor
 * unit, so a fraction is an error upstream (a mis-configured currency or a percentage discount
 * that was never rounded) and is refused rather than silently rounded.
 */
public final class Yen {

    private Yen() {
    }

    /**
     * The exact number of yen in {@code amount}; {@code 1000.00} is 1000, {@code 1000.50} is refused.
     *
     * @throws IllegalArgumentException if amount is null, has a fraction, or does not fit a long
     */
    public static long of(BigDecimal amount) {
        if (amount == null) {
            throw new IllegalArgumentException("amount must not be null");
        }
        BigDecimal whole;
        try {
            whole = amount.setScale(0, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException fraction) {
            throw new IllegalArgumentException(amount.toPlainString() + " is not a whole number of yen");
        }
        try {
            return whole.longValueExact();
        } catch (ArithmeticException tooLarge) {
            throw new IllegalArgumentException(amount.toPlainString() + " yen does not fit in a long");
        }
    }

    /** {@code yen} as a BigDecimal with scale 0. */
    public static BigDecimal toBigDecimal(long yen) {
        return BigDecimal.valueOf(yen);
    }

    /** {@code ¥1,500} / {@code -¥500}: the form used in every message of this package. */
    public static String format(long yen) {
        String grouped = String.format(Locale.ROOT, "%,d", yen);
        return yen < 0 ? "-¥" + grouped.substring(1) : "¥" + grouped;
    }
}
