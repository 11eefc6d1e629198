package org.bnplkit.smartpay.model;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Example;

/**
 * The model-based test with a fixed set of scenario seeds (part of {@code mvn -B verify}): each seed is a chain of up
 * to {@link #STEPS} actions over every entry point (see {@link ShopActions}) against the real Broadleaf context and
 * the sandbox, checked after every step against the merchant model ({@link MoneyInvariants}). Every seed runs, then
 * each violation is printed with its sequence. {@code -Dmodel.shrink.minutes=N} also shrinks each failing seed.
 *
 * <p>A seed the soak ({@code mvn -B verify -Pchaos}, {@link MoneyModelSoakIT}) found goes into {@link #SEEDS}, one line.
 */
class MoneyModelIT {

    /** Steps per scenario, the same in the soak: a seed it finds replays here step for step. */
    static final int STEPS = 40;

    /**
     * Scenario seeds, one per line; even seeds run with gateway.smartpay.cancel.refundCaptured=true, odd ones with
     * false. The commented ones broke an invariant on the code before the fixes of issue #10 (the scenario named);
     * with main at ed04604 only seed 2 still does (see docs/operations.md).
     */
    static final long[] SEEDS = {
            1L,
            2L, // issue #10 scenarios 6 and 10: SPI reverseAuthorize while a capture is in flight must be refused (it would refund it)
            3L,
            4L,
            5L,
            6L, // issue #10 scenario 2: a partial return while the group's capture is RETRYING is dropped
            7L,
            8L,
            9L,
            10L, // issue #10 scenario 4: a dashboard cancel, then the store's cancel refunds nothing (refundCaptured=true)
            11L,
            12L,
            13L, // issue #10 scenario 2: items of a group captured by SPI capture(amount) returned: nothing refunded
            14L,
            15L, // issue #10 scenario 1: a return not capped at what is left refunds nothing (OverRefundException, not journaled)
            16L,
            17L,
            18L,
            19L, // issue #10 scenario 1: refund by item, then the group's return refunds nothing (OverRefundException, not journaled)
            20L, // issue #10 scenarios 6 and 2: capture taken over mid-call stays PENDING, a partial return meanwhile is dropped
            21L,
            22L,
            23L,
            24L,
            25L, // issue #10 scenario 8: a second SPI refund of the same capture and amount is merged into the first
            26L,
            27L, // issue #10 scenario 3: partial return after a refund by item of the same line: quantity check throws, DEBUG only
            28L,
            29L,
            30L, // issue #10 scenario 1 (as 19)
            34L, // issue #10 scenario 1 (as 19), automatic capture
            3956296936581681312L, // found by the soak: issue #10 scenario 4 after the authorization expired
            4014403870173149255L, // found by the soak: a capture by amount, then the shipment's residual; a refund of the group's items was capped at the shipment's part
            5659215987855775878L, // found by the soak: a return decided while another shipment's capture was in flight refunded 0 for good
            5452343626318683345L, // found by the soak: an admin refund by item of a shipment paid only in part (a capture by amount, then a dashboard cancel) refunded more than was paid for it
    };

    /** {@link #SEEDS}, or the seeds of {@code -Dmodel.seeds=5,17} (to replay a few). */
    private static long[] seeds() {
        String only = System.getProperty("model.seeds", "").trim();
        return only.isEmpty() ? SEEDS : java.util.Arrays.stream(only.split(",")).map(String::trim)
                .map(s -> s.endsWith("L") ? s.substring(0, s.length() - 1) : s).mapToLong(Long::parseLong).toArray();
    }

    @Example
    void everyFixedSeedKeepsTheMoneyRight() {
        Duration shrinkFor = Duration.ofMinutes(Long.getLong("model.shrink.minutes", 0L));
        List<ModelRun.Failure> failures = new ArrayList<>();
        int steps = 0;
        long started = System.currentTimeMillis();
        long[] seeds = seeds();
        for (long seed : seeds) {
            ModelRun.Result result = ModelRun.run(seed, STEPS, shrinkFor);
            steps += result.steps();
            if (result.failure() != null) {
                failures.add(result.failure());
                System.out.println(result.failure().report());
            }
        }
        System.out.println("MoneyModelIT: " + seeds.length + " seeds, " + steps + " steps in "
                + (System.currentTimeMillis() - started) / 1000 + " s, " + failures.size() + " seed(s) broke an invariant");
        if (!failures.isEmpty()) {
            StringBuilder summary = new StringBuilder(failures.size() + " of " + seeds.length + " seeds broke an invariant:");
            for (ModelRun.Failure f : failures) {
                summary.append("\n  seed ").append(f.seed()).append("L [").append(f.invariant()).append("] ")
                        .append(f.message().lines().findFirst().orElse(""));
            }
            fail(summary.toString());
        }
    }
}
