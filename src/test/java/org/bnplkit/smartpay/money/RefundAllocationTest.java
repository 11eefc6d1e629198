package org.bnplkit.smartpay.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RefundAllocationTest {

    private static final CaptureBalance OLD = CaptureBalance.of("payment_old", 1_000, 0, 1);
    private static final CaptureBalance NEW = CaptureBalance.of("payment_new", 1_000, 0, 2);

    @Test
    void refundTakesTheNewestCaptureFirstThenTheOlder() {
        assertEquals(List.of(RefundSlice.of("payment_new", 1_000), RefundSlice.of("payment_old", 500)),
                RefundAllocation.allocate(1_500, List.of(OLD, NEW)));
        // list order does not matter, only the sequence
        assertEquals(List.of(RefundSlice.of("payment_new", 1_000), RefundSlice.of("payment_old", 500)),
                RefundAllocation.allocate(1_500, List.of(NEW, OLD)));
    }

    @Test
    void aRefundThatFitsTheNewestCaptureTouchesOnlyIt() {
        assertEquals(List.of(RefundSlice.of("payment_new", 400)), RefundAllocation.allocate(400, List.of(OLD, NEW)));
    }

    @Test
    void partlyRefundedAndExhaustedCapturesGiveOnlyWhatTheyStillHave() {
        List<CaptureBalance> captures = List.of(
                CaptureBalance.of("p1", 3_000, 1_000, 10),  // 2,000 left
                CaptureBalance.of("p2", 2_000, 2_000, 20),  // exhausted: skipped, no zero slice
                CaptureBalance.of("p3", 1_500, 1_200, 30)); // 300 left
        assertEquals(List.of(RefundSlice.of("p3", 300), RefundSlice.of("p1", 1_700)),
                RefundAllocation.allocate(2_000, captures));
        assertEquals(List.of(RefundSlice.of("p3", 300), RefundSlice.of("p1", 2_000)),
                RefundAllocation.allocate(2_300, captures));
    }

    @Test
    void overRefundStatesTheRefundableAmount() {
        OverRefundException e = assertThrows(OverRefundException.class,
                () -> RefundAllocation.allocate(2_001, List.of(OLD, NEW)));
        assertEquals("refund of ¥2,001 exceeds the refundable amount ¥2,000 (captured minus already refunded)",
                e.getMessage());
        assertEquals(2_001, e.requested());
        assertEquals(2_000, e.refundable());

        OverRefundException partly = assertThrows(OverRefundException.class, () -> RefundAllocation.allocate(600,
                List.of(CaptureBalance.of("p", 1_000, 500, 1))));
        assertEquals(500, partly.refundable());
        assertEquals(0, assertThrows(OverRefundException.class, () -> RefundAllocation.allocate(1, List.of())).refundable());
    }

    @Test
    void exactlyTheRefundableAmountIsAllowed() {
        assertEquals(List.of(RefundSlice.of("payment_new", 1_000), RefundSlice.of("payment_old", 1_000)),
                RefundAllocation.allocate(2_000, List.of(OLD, NEW)));
    }

    @Test
    void equalSequencesAreOrderedByCaptureIdSoListOrderNeverMatters() {
        CaptureBalance b = CaptureBalance.of("b", 100, 0, 5);
        CaptureBalance a = CaptureBalance.of("a", 100, 0, 5);
        List<RefundSlice> expected = List.of(RefundSlice.of("a", 100), RefundSlice.of("b", 50));
        assertEquals(expected, RefundAllocation.allocate(150, List.of(a, b)));
        assertEquals(expected, RefundAllocation.allocate(150, List.of(b, a)));
    }

    @Test
    void validation() {
        assertMessage("refund amount must be positive, got 0", () -> RefundAllocation.allocate(0, List.of(NEW)));
        assertMessage("refund amount must be positive, got -100", () -> RefundAllocation.allocate(-100, List.of(NEW)));
        assertMessage("captures must not be null", () -> RefundAllocation.allocate(1, null));
        assertMessage("captures must not contain null", () -> RefundAllocation.allocate(1, java.util.Arrays.asList(NEW, null)));
        assertMessage("capture payment_new is listed twice", () -> RefundAllocation.allocate(1, List.of(NEW, NEW)));
        assertMessage("capture id must not be blank", () -> CaptureBalance.of("", 1, 0, 1));
        assertMessage("captured amount of p must not be negative, got -1", () -> CaptureBalance.of("p", -1, 0, 1));
        assertMessage("refunded amount of p must not be negative, got -1", () -> CaptureBalance.of("p", 1, -1, 1));
        assertMessage("capture p has refunded ¥11, more than it captured (¥10)", () -> CaptureBalance.of("p", 10, 11, 1));
        assertMessage("captured amount of p 4294967296 exceeds Smartpay's maximum amount 4294967295 (uint32)",
                () -> CaptureBalance.of("p", 4_294_967_296L, 0, 1));
        assertMessage("refund slice amount must be positive", () -> RefundSlice.of("p", 0));
        assertMessage("refund slice amount must not be negative, got -1", () -> RefundSlice.of("p", -1));
    }

    @Test
    void valueSemantics() {
        CaptureBalance c = CaptureBalance.of("p", 1_000, 250, 3);
        assertEquals(750, c.remaining());
        assertEquals(c, CaptureBalance.of("p", 1_000, 250, 3));
        assertEquals(c.hashCode(), CaptureBalance.of("p", 1_000, 250, 3).hashCode());
        assertNotEquals(c, CaptureBalance.of("p", 1_000, 250, 4));
        assertNotEquals(c, CaptureBalance.of("q", 1_000, 250, 3));
        assertEquals("CaptureBalance{p #3 captured=¥1,000, refunded=¥250}", c.toString());
        assertEquals(RefundSlice.of("p", 5), RefundSlice.of("p", 5));
        assertEquals(RefundSlice.of("p", 5).hashCode(), RefundSlice.of("p", 5).hashCode());
        assertNotEquals(RefundSlice.of("p", 5), RefundSlice.of("p", 6));
        assertEquals("RefundSlice{p ¥5}", RefundSlice.of("p", 5).toString());
        List<RefundSlice> slices = RefundAllocation.allocate(10, List.of(c));
        assertThrows(UnsupportedOperationException.class, slices::clear);
    }

    /**
     * Random captures and amounts: Σ slices == amount, every slice 0 < s ≤ its capture's remaining,
     * slices go newest first, every capture newer than the last one touched is emptied (greedy),
     * no capture is touched twice, and shuffling the input changes nothing. Amounts above the
     * refundable total raise OverRefundException carrying that total.
     */
    @Test
    void propertySlicesAddUpStayWithinEachCaptureAndGoNewestFirst() {
        Random random = new Random(7L);
        int overRefunds = 0;
        for (int run = 0; run < 20_000; run++) {
            int count = random.nextInt(8);
            List<CaptureBalance> captures = new ArrayList<>();
            long refundable = 0;
            for (int i = 0; i < count; i++) {
                long captured = random.nextInt(4) == 0 ? random.nextInt(10) : random.nextInt(500_000);
                long refunded = random.nextInt(3) == 0 ? 0 : random.nextInt(3) == 0 ? captured : (long) (random.nextDouble() * captured);
                long sequence = random.nextInt(5) - 2 + i * (random.nextBoolean() ? 1L : 1_000L); // duplicates happen
                captures.add(CaptureBalance.of("payment_" + i, captured, refunded, sequence));
                refundable += captured - refunded;
            }
            Map<String, CaptureBalance> byId = new HashMap<>();
            captures.forEach(c -> byId.put(c.captureId(), c));

            if (refundable == 0 || random.nextInt(10) == 0) {
                long amount = refundable + 1 + random.nextInt(1_000);
                OverRefundException e = assertThrows(OverRefundException.class,
                        () -> RefundAllocation.allocate(amount, captures));
                assertEquals(refundable, e.refundable());
                assertTrue(e.getMessage().contains(Yen.format(refundable)), e.getMessage());
                overRefunds++;
                continue;
            }
            long amount = 1 + (long) (random.nextDouble() * refundable);

            List<RefundSlice> slices = RefundAllocation.allocate(amount, captures);

            long sum = 0;
            CaptureBalance previous = null;
            for (RefundSlice slice : slices) {
                CaptureBalance capture = byId.get(slice.captureId());
                assertTrue(slice.amount() > 0 && slice.amount() <= capture.remaining(), slice + " vs " + capture);
                if (previous != null) {
                    assertTrue(previous.sequence() > capture.sequence()
                            || previous.sequence() == capture.sequence()
                            && previous.captureId().compareTo(capture.captureId()) < 0, "newest first: " + slices);
                }
                previous = capture;
                sum += slice.amount();
            }
            assertEquals(amount, sum, slices.toString());
            for (int i = 0; i < slices.size() - 1; i++) {
                assertEquals(byId.get(slices.get(i).captureId()).remaining(), slices.get(i).amount(),
                        "all but the last slice empty their capture: " + slices);
            }
            // every capture with money left that is newer than the last one touched must be among the slices
            CaptureBalance lastTouched = byId.get(slices.get(slices.size() - 1).captureId());
            for (CaptureBalance c : captures) {
                boolean newer = c.sequence() > lastTouched.sequence()
                        || c.sequence() == lastTouched.sequence() && c.captureId().compareTo(lastTouched.captureId()) < 0;
                if (newer && c.remaining() > 0) {
                    assertTrue(slices.stream().anyMatch(s -> s.captureId().equals(c.captureId())),
                            "skipped " + c + " in " + slices);
                }
            }
            assertEquals(slices.size(), slices.stream().map(RefundSlice::captureId).distinct().count());

            List<CaptureBalance> shuffled = new ArrayList<>(captures);
            Collections.shuffle(shuffled, random);
            assertEquals(slices, RefundAllocation.allocate(amount, shuffled), "independent of list order");
        }
        assertTrue(overRefunds > 1_000, "over-refund branch exercised " + overRefunds + " times");
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }
}
