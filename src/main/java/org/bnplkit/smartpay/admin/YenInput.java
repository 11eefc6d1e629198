package org.bnplkit.smartpay.admin;

import java.math.BigInteger;
import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Reads an amount of yen typed by an admin. Accepts digits with optional thousands separators and a leading yen
 * sign, in half- or full-width characters ("1500", "1,500", "¥1,500", "１５００"); refuses fractions, signs and
 * anything else, zero, and amounts above {@code max}.
 */
public final class YenInput {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,3}(,[0-9]{3})+|[0-9]+");
    private static final Pattern NEGATIVE = Pattern.compile("-\\s*[0-9][0-9,]*");

    private final Long amount;
    private final AdminMessage problem;

    private YenInput(Long amount, AdminMessage problem) {
        this.amount = amount;
        this.problem = problem;
    }

    /**
     * @param raw          what was typed (may be null)
     * @param max          the largest acceptable amount
     * @param tooLargeKey  message key used when the amount exceeds {@code max} (its argument is the formatted max)
     */
    public static YenInput parse(String raw, long max, String tooLargeKey) {
        String text = raw == null ? "" : Normalizer.normalize(raw, Normalizer.Form.NFKC).trim();
        if (text.startsWith("\u00a5") || text.startsWith("\\")) { // NFKC maps the full-width yen sign to U+00A5
            text = text.substring(1).trim();
        }
        if (text.endsWith("\u5186")) { // 円
            text = text.substring(0, text.length() - 1).trim();
        }
        if (text.isEmpty()) {
            return problem(AdminMessage.of("smartpay.admin.error.amountRequired"));
        }
        if (NEGATIVE.matcher(text).matches()) {
            return problem(AdminMessage.of("smartpay.admin.error.amountNotPositive"));
        }
        if (!DIGITS.matcher(text).matches()) {
            return problem(AdminMessage.of("smartpay.admin.error.amountNotWholeYen"));
        }
        BigInteger value = new BigInteger(text.replace(",", ""));
        if (value.signum() == 0) {
            return problem(AdminMessage.of("smartpay.admin.error.amountNotPositive"));
        }
        if (value.compareTo(BigInteger.valueOf(max)) > 0) {
            return problem(AdminMessage.of(tooLargeKey, YenFormat.format(max)));
        }
        return new YenInput(value.longValue(), null);
    }

    private static YenInput problem(AdminMessage message) {
        return new YenInput(null, message);
    }

    public boolean isValid() {
        return problem == null;
    }

    /** The amount; only when {@link #isValid()}. */
    public long amount() {
        if (amount == null) {
            throw new IllegalStateException("invalid amount: " + problem);
        }
        return amount;
    }

    /** Why the input was refused; null when valid. */
    public AdminMessage problem() {
        return problem;
    }
}
