package org.bnplkit.smartpay.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ItemRefundsTest {

    @Test
    void threeSingleReturnsOfAThreeUnitLineAddUpToWhatWasPaid() {
        // ¥1,000 × 3 with ¥1 off: net paid ¥2,999; per unit floor(2,999/3) = 999
        long first = ItemRefunds.amountFor(2_999, 3, 0, 1);
        long second = ItemRefunds.amountFor(2_999, 3, 1, 1);
        long third = ItemRefunds.amountFor(2_999, 3, 2, 1);
        assertEquals(999, first);
        assertEquals(999, second);
        assertEquals(1_001, third);
        assertEquals(2_999, first + second + third);
    }

    @Test
    void returningTheWholeLineAtOnceRefundsExactlyWhatWasPaid() {
        assertEquals(2_999, ItemRefunds.amountFor(2_999, 3, 0, 3));
    }

    @Test
    void twoThenOne() {
        assertEquals(1_998, ItemRefunds.amountFor(2_999, 3, 0, 2));
        assertEquals(1_001, ItemRefunds.amountFor(2_999, 3, 2, 1));
    }

    @Test
    void evenlyDivisibleLinesHaveNoResidual() {
        assertEquals(1_000, ItemRefunds.amountFor(3_000, 3, 0, 1));
        assertEquals(1_000, ItemRefunds.amountFor(3_000, 3, 2, 1));
    }

    @Test
    void freeOrCheapLines() {
        assertEquals(0, ItemRefunds.amountFor(0, 5, 0, 2));
        // ¥2 over 3 units: nothing per unit until the last return, which takes the ¥2
        assertEquals(0, ItemRefunds.amountFor(2, 3, 0, 2));
        assertEquals(2, ItemRefunds.amountFor(2, 3, 2, 1));
    }

    @Test
    void validation() {
        assertMessage("line net paid must not be negative, got -1", () -> ItemRefunds.amountFor(-1, 1, 0, 1));
        assertMessage("line net paid 4294967296 exceeds Smartpay's maximum amount 4294967295 (uint32)",
                () -> ItemRefunds.amountFor(4_294_967_296L, 1, 0, 1));
        assertMessage("line quantity must be at least 1, got 0", () -> ItemRefunds.amountFor(100, 0, 0, 1));
        assertMessage("line quantity 65536 exceeds Smartpay's maximum quantity 65535 (uint16)",
                () -> ItemRefunds.amountFor(100, 65_536, 0, 1));
        assertMessage("already returned quantity must not be negative, got -1", () -> ItemRefunds.amountFor(100, 3, -1, 1));
        assertMessage("return quantity must be at least 1, got 0", () -> ItemRefunds.amountFor(100, 3, 0, 0));
        assertMessage("return quantity must be at least 1, got -1", () -> ItemRefunds.amountFor(100, 3, 0, -1));
        assertMessage("cannot return 2 unit(s): 2 of 3 already returned", () -> ItemRefunds.amountFor(100, 3, 2, 2));
        assertMessage("cannot return 1 unit(s): 3 of 3 already returned", () -> ItemRefunds.amountFor(100, 3, 3, 1));
        assertMessage("cannot return 1 unit(s): 2147483647 of 3 already returned",
                () -> ItemRefunds.amountFor(100, 3, Integer.MAX_VALUE, 1));
    }

    /**
     * A line returned in random batches: Σ refunds == lineNetPaid, each non-final batch is exactly
     * floor(net/qty) × units, and only the final batch carries the residual (< qty yen over).
     */
    @Test
    void propertyReturnsInAnyBatchesAddUpToTheLineAndOnlyTheLastTakesTheResidual() {
        Random random = new Random(2_999L);
        for (int run = 0; run < 20_000; run++) {
            int quantity = 1 + (random.nextInt(5) == 0 ? random.nextInt(SmartpayLimits.MAX_QUANTITY) : random.nextInt(12));
            long net = random.nextInt(6) == 0 ? random.nextInt(quantity + 1) : (long) (random.nextDouble() * SmartpayLimits.MAX_AMOUNT);
            long perUnit = net / quantity;
            long sum = 0;
            int returned = 0;
            while (returned < quantity) {
                int left = quantity - returned;
                int batch = random.nextInt(3) == 0 ? left : 1 + random.nextInt(left);
                long refund = ItemRefunds.amountFor(net, quantity, returned, batch);
                assertTrue(refund >= 0);
                returned += batch;
                if (returned < quantity) {
                    assertEquals(perUnit * batch, refund, "non-final batch of " + batch + " from " + net + "/" + quantity);
                } else {
                    long residual = refund - perUnit * batch;
                    assertEquals(net - perUnit * quantity, residual, "the final batch carries the residual");
                    assertTrue(residual >= 0 && residual < quantity);
                }
                sum += refund;
            }
            assertEquals(net, sum, net + " over " + quantity + " units");
        }
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }
}
