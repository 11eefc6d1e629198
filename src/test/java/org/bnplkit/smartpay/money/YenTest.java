package org.bnplkit.smartpay.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class YenTest {

    @Test
    void wholeAmountsWithAnyScaleAreExact() {
        assertEquals(1000L, Yen.of(new BigDecimal("1000")));
        assertEquals(1000L, Yen.of(new BigDecimal("1000.00")));
        assertEquals(1000L, Yen.of(new BigDecimal("1E+3")));
        assertEquals(0L, Yen.of(new BigDecimal("0.000")));
        assertEquals(-250L, Yen.of(new BigDecimal("-250.0")));
    }

    @Test
    void aFractionIsRefusedNotRounded() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Yen.of(new BigDecimal("1000.50")));
        assertEquals("1000.50 is not a whole number of yen", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Yen.of(new BigDecimal("0.01")));
        assertThrows(IllegalArgumentException.class, () -> Yen.of(new BigDecimal("-0.5")));
    }

    @Test
    void nullAndHugeAmountsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Yen.of(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Yen.of(new BigDecimal("1E+30")));
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
    }

    @Test
    void toBigDecimalHasScaleZeroAndRoundTrips() {
        BigDecimal big = Yen.toBigDecimal(2999);
        assertEquals(0, big.scale());
        assertEquals(new BigDecimal("2999"), big);
        assertEquals(2999L, Yen.of(big));
        assertEquals(Long.MAX_VALUE, Yen.of(Yen.toBigDecimal(Long.MAX_VALUE)));
    }

    @Test
    void formatGroupsThousandsWithTheYenSign() {
        assertEquals("¥0", Yen.format(0));
        assertEquals("¥999", Yen.format(999));
        assertEquals("¥1,500", Yen.format(1500));
        assertEquals("¥4,294,967,295", Yen.format(SmartpayLimits.MAX_AMOUNT));
        assertEquals("-¥500", Yen.format(-500));
        assertEquals("-¥9,223,372,036,854,775,808", Yen.format(Long.MIN_VALUE));
    }
}
