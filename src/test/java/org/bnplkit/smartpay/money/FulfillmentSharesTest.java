package org.bnplkit.smartpay.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FulfillmentSharesTest {

    @Test
    void tenThousandOverGroupsOfMatchingGrossIsExact() {
        assertEquals(List.of(3_333L, 3_333L, 3_334L), FulfillmentShares.allocate(10_000, List.of(3_333L, 3_333L, 3_334L)));
    }

    @Test
    void equalGroupsPutTheResidualOnTheLast() {
        // 10,000 / 3 = 3,333.33…: floor for the first two, the last takes 3,334
        assertEquals(List.of(3_333L, 3_333L, 3_334L), FulfillmentShares.allocate(10_000, List.of(1L, 1L, 1L)));
        // order-discounted authorization (9,000) over gross 5,000/3,000/2,000 splits cleanly
        assertEquals(List.of(4_500L, 2_700L, 1_800L), FulfillmentShares.allocate(9_000, List.of(5_000L, 3_000L, 2_000L)));
    }

    @Test
    void unevenGroupsFloorEachShareAndTheLastTakesTheResidual() {
        // 10,000 × 1,000/7,000 = 1,428.57 → 1,428 ; × 2,500/7,000 = 3,571.43 → 3,571 ; last 10,000 − 4,999 = 5,001
        assertEquals(List.of(1_428L, 3_571L, 5_001L), FulfillmentShares.allocate(10_000, List.of(1_000L, 2_500L, 3_500L)));
        // the residual goes to the last group even when it is the smallest
        assertEquals(List.of(4_999L, 4_999L, 2L), FulfillmentShares.allocate(10_000, List.of(4_999L, 4_999L, 1L)));
        // ¥100 over seven equal groups: 14 each, the last 16
        assertEquals(List.of(14L, 14L, 14L, 14L, 14L, 14L, 16L),
                FulfillmentShares.allocate(100, Arrays.asList(1L, 1L, 1L, 1L, 1L, 1L, 1L)));
    }

    @Test
    void edgeCases() {
        assertEquals(List.of(10_000L), FulfillmentShares.allocate(10_000, List.of(123L)));
        assertEquals(List.of(0L, 0L, 10_000L), FulfillmentShares.allocate(10_000, List.of(0L, 0L, 0L)));
        assertEquals(List.of(0L, 0L), FulfillmentShares.allocate(0, List.of(500L, 500L)));
        // a zero-gross group (e.g. all free items) gets nothing unless it is last
        assertEquals(List.of(0L, 1_000L), FulfillmentShares.allocate(1_000, List.of(0L, 700L)));
        assertEquals(List.of(1_000L, 0L), FulfillmentShares.allocate(1_000, List.of(700L, 0L)));
        // the largest amount and gross figures beyond a long product do not overflow
        assertEquals(List.of(2_147_483_647L, 2_147_483_648L),
                FulfillmentShares.allocate(SmartpayLimits.MAX_AMOUNT, List.of(Long.MAX_VALUE / 2, Long.MAX_VALUE / 2)));
    }

    @Test
    void validation() {
        assertMessage("authorized amount must not be negative, got -1", () -> FulfillmentShares.allocate(-1, List.of(1L)));
        assertMessage("authorized amount 4294967296 exceeds Smartpay's maximum amount 4294967295 (uint32)",
                () -> FulfillmentShares.allocate(4_294_967_296L, List.of(1L)));
        assertMessage("at least one fulfillment group gross amount is required", () -> FulfillmentShares.allocate(1, null));
        assertMessage("at least one fulfillment group gross amount is required", () -> FulfillmentShares.allocate(1, List.of()));
        assertMessage("gross amount of fulfillment group #1 is null",
                () -> FulfillmentShares.allocate(1, Arrays.asList(1L, null)));
        assertMessage("gross amount of fulfillment group #0 must not be negative, got -5",
                () -> FulfillmentShares.allocate(1, List.of(-5L, 10L)));
        assertMessage("fulfillment group gross amounts add up beyond a long",
                () -> FulfillmentShares.allocate(1, List.of(Long.MAX_VALUE, 1L)));
    }

    @Test
    void resultIsUnmodifiable() {
        List<Long> shares = FulfillmentShares.allocate(100, List.of(1L, 1L));
        assertThrows(UnsupportedOperationException.class, () -> shares.set(0, 0L));
    }

    /**
     * For many random inputs: Σ == authorized, every share ≥ 0, every share but the last is exactly
     * floor(authorized × gross / Σ gross) (computed independently with BigInteger), the last is its
     * own floor share plus a residual smaller than the number of groups, and a second call agrees.
     */
    @Test
    void propertySharesAddUpExactlyAndTheResidualIsOnTheLast() {
        Random random = new Random(42L);
        for (int run = 0; run < 20_000; run++) {
            long authorized = random.nextInt(10) == 0 ? random.nextInt(10) : (long) (random.nextDouble() * SmartpayLimits.MAX_AMOUNT);
            int groups = 1 + random.nextInt(12);
            List<Long> gross = new ArrayList<>();
            for (int i = 0; i < groups; i++) {
                int shape = random.nextInt(5);
                gross.add(shape == 0 ? 0L : shape == 1 ? 1L + random.nextInt(100) : (long) random.nextInt(Integer.MAX_VALUE));
            }

            List<Long> shares = FulfillmentShares.allocate(authorized, gross);

            assertEquals(groups, shares.size());
            BigInteger grossTotal = gross.stream().map(BigInteger::valueOf).reduce(BigInteger.ZERO, BigInteger::add);
            long sum = 0;
            for (int i = 0; i < groups; i++) {
                long share = shares.get(i);
                assertTrue(share >= 0, "negative share " + shares + " for " + authorized + " over " + gross);
                sum += share;
                long floor = grossTotal.signum() == 0 ? 0 : BigInteger.valueOf(authorized)
                        .multiply(BigInteger.valueOf(gross.get(i))).divide(grossTotal).longValueExact();
                if (i < groups - 1) {
                    assertEquals(floor, share, "share #" + i + " of " + authorized + " over " + gross);
                } else if (grossTotal.signum() == 0) {
                    assertEquals(authorized, share);
                } else {
                    long residual = share - floor;
                    assertTrue(residual >= 0 && residual < groups,
                            "residual " + residual + " on the last of " + groups + " groups: " + shares);
                }
            }
            assertEquals(authorized, sum, authorized + " over " + gross + " -> " + shares);
            assertEquals(shares, FulfillmentShares.allocate(authorized, new ArrayList<>(gross)), "deterministic");
        }
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }
}
