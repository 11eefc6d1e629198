package org.bnplkit.smartpay.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class YenInputTest {

    private static final String TOO_LARGE = "smartpay.admin.error.amountTooLarge";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1500|1500",
        "' 1500 '|1500",
        "'1,500'|1500",
        "'¥1,500'|1500",
        "'￥１，５００'|1500",
        "１５００|1500",
        "1500円|1500",
        "1|1",
        "10000|10000",
    })
    void acceptsWholeYen(String typed, long expected) {
        YenInput input = YenInput.parse(typed, 10_000, TOO_LARGE);

        assertTrue(input.isValid(), () -> "refused " + typed + ": " + input.problem());
        assertEquals(expected, input.amount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "12.5", "1500.0", "1_500", "1,50", "15,00,0", "1e3", "0x10", "1500 yen", "+5"})
    void refusesWhatIsNotAWholeNumberOfYen(String typed) {
        YenInput input = YenInput.parse(typed, 10_000, TOO_LARGE);

        assertFalse(input.isValid());
        assertEquals("smartpay.admin.error.amountNotWholeYen", input.problem().key());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "000", "-5", "- 1,000"})
    void refusesZeroAndNegativeAmounts(String typed) {
        assertEquals("smartpay.admin.error.amountNotPositive", YenInput.parse(typed, 10_000, TOO_LARGE).problem().key());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "¥"})
    void asksForAnAmountWhenNoneIsGiven(String typed) {
        assertEquals("smartpay.admin.error.amountRequired", YenInput.parse(typed, 10_000, TOO_LARGE).problem().key());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10001", "99999999999999999999999"})
    void refusesMoreThanTheLimitAndSaysWhatTheLimitIs(String typed) {
        YenInput input = YenInput.parse(typed, 10_000, TOO_LARGE);

        assertEquals(AdminMessage.of(TOO_LARGE, "¥10,000"), input.problem());
    }
}
