package org.bnplkit.smartpay.admin;

import java.text.NumberFormat;
import java.util.Locale;

/** Integer yen as the admin shows it: "¥12,345" (the same in English and Japanese screens). */
public final class YenFormat {

    private YenFormat() {
    }

    public static String format(long yen) {
        NumberFormat grouping = NumberFormat.getIntegerInstance(Locale.JAPAN);
        grouping.setGroupingUsed(true);
        return (yen < 0 ? "-\u00a5" : "\u00a5") + grouping.format(Math.abs(yen));
    }
}
