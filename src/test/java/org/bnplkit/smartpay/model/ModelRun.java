package org.bnplkit.smartpay.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Shrinkable;
import net.jqwik.api.state.ActionChain;

import org.opentest4j.TestAbortedException;

/**
 * Runs one scenario: the action chain jqwik generates from a scenario seed, against the real context, with the
 * invariants after every step and, at the end, after everything has settled. A failing chain is shrunk with jqwik's
 * own shrinking candidates (shorter chains, simpler parameters), each one run for real, keeping a candidate only
 * when it breaks the same invariant (first only one that fails after fewer steps), until none is left or the time
 * budget is spent.
 *
 * <p>The seed alone decides the chain: {@code chains.generator(size).next(new Random(seed))} draws the chain's random
 * seed, and jqwik draws each next action from that as the chain runs. Whether gateway.smartpay.cancel.refundCaptured
 * is on for the run is the seed's lowest bit (even: on, the default). Must run inside a jqwik test (an
 * {@code @Example}): jqwik's generators keep their caches in its test lifecycle.
 */
final class ModelRun {

    private static final int GEN_SIZE = 1_000;
    private static final int MAX_CANDIDATES_PER_ROUND = 400;
    private static final ThreadLocal<Shop> CURRENT = new ThreadLocal<>();

    private ModelRun() {
    }

    /** What a scenario came to: how many steps ran, and the (shrunk) failure or null. */
    record Result(long seed, int steps, Failure failure) {
    }

    /** A broken invariant with the sequence that broke it, as jqwik describes the steps and as the shop logged them. */
    record Failure(long seed, boolean refundCaptured, String invariant, String message, List<String> steps,
                   List<String> log) {

        String report() {
            StringBuilder s = new StringBuilder();
            s.append("=== Money model: scenario seed ").append(seed).append("L (gateway.smartpay.cancel.refundCaptured=")
                    .append(refundCaptured).append(") broke [").append(invariant).append("] after ").append(steps.size())
                    .append(" step(s)\n  the sequence:\n");
            for (int i = 0; i < steps.size(); i++) {
                s.append(String.format("    %2d. %s%n", i + 1, steps.get(i)));
            }
            s.append("  what each step did:\n");
            for (int i = 0; i < log.size(); i++) {
                s.append(String.format("    %2d. %s%n", i + 1, log.get(i)));
            }
            s.append("  violation: ").append(message.replace("\n", "\n  ")).append('\n');
            s.append("  reproduce: add ").append(seed).append("L to MoneyModelIT.SEEDS\n");
            return s.toString();
        }
    }

    /** Registers the shop a chain starts with (jqwik creates it), so that the run can close it whatever happens. */
    static Shop open(Shop shop) {
        CURRENT.set(shop);
        return shop;
    }

    static boolean refundCapturedFor(long seed) {
        return (seed & 1L) == 0;
    }

    static Result run(long seed, int maxSteps, Duration shrinkFor) {
        boolean refundCaptured = refundCapturedFor(seed);
        Shrinkable<ActionChain<Shop>> chain = ShopActions.chains(maxSteps, refundCaptured).generator(GEN_SIZE).next(new Random(seed));
        Attempt first = attempt(seed, refundCaptured, chain);
        if (first.failure == null) {
            return new Result(seed, first.steps, null);
        }
        System.out.println("Money model: scenario seed " + seed + " broke [" + first.failure.invariant() + "] after "
                + first.failure.steps().size() + " steps" + (shrinkFor.isZero() ? "" : "; shrinking for up to " + shrinkFor));
        Failure best = shrink(seed, refundCaptured, chain, first.failure, System.currentTimeMillis() + shrinkFor.toMillis());
        return new Result(seed, first.steps, best);
    }

    /**
     * Greedy: first only candidates that fail after fewer steps (a step less is worth more than a simpler parameter,
     * and each candidate costs a real run), then, when no shorter one is left, simpler parameters too.
     */
    private static Failure shrink(long seed, boolean refundCaptured, Shrinkable<ActionChain<Shop>> failing, Failure failure,
            long deadline) {
        int tried = 0;
        boolean fewerStepsOnly = true;
        while (System.currentTimeMillis() < deadline) {
            boolean improved = false;
            Iterator<Shrinkable<ActionChain<Shop>>> candidates = failing.shrink().limit(MAX_CANDIDATES_PER_ROUND).iterator();
            while (candidates.hasNext() && System.currentTimeMillis() < deadline) {
                Shrinkable<ActionChain<Shop>> candidate = candidates.next();
                tried++;
                Attempt attempt = attempt(seed, refundCaptured, candidate);
                if (attempt.failure != null && attempt.failure.invariant().equals(failure.invariant())
                        && (!fewerStepsOnly || attempt.failure.steps().size() < failure.steps().size())) {
                    failing = candidate;
                    failure = attempt.failure;
                    improved = true;
                    System.out.println("Money model: shrunk to " + failure.steps().size() + " steps (" + tried + " candidates tried)");
                    break;
                }
            }
            if (!improved) {
                if (!fewerStepsOnly) {
                    break;
                }
                fewerStepsOnly = false;
            }
        }
        return failure;
    }

    private record Attempt(int steps, Failure failure) {
    }

    private static Attempt attempt(long seed, boolean refundCaptured, Shrinkable<ActionChain<Shop>> shrinkable) {
        ActionChain<Shop> chain = shrinkable.value();
        chain.withInvariant("money", shop -> new MoneyInvariants(shop).check(false));
        Shop shop = null;
        try {
            chain.run();
            shop = CURRENT.get();
            shop.settleAll();
            new MoneyInvariants(shop).check(true);
            if (Boolean.getBoolean("model.verbose")) {
                System.out.println("Money model: scenario seed " + seed + " kept every invariant:\n    " + String.join("\n    ", shop.log));
            }
            return new Attempt(chain.transformations().size(), null);
        } catch (TestAbortedException notApplicable) {
            return new Attempt(chain.transformations().size(), null); // a shrunk chain whose precondition no longer holds
        } catch (Throwable t) {
            shop = CURRENT.get();
            MoneyInvariants.MoneyViolation violation = violation(t);
            String invariant = violation != null ? violation.invariant : "error " + root(t).getClass().getSimpleName();
            String message = violation != null ? violation.getMessage() : stackOf(t);
            List<String> log = shop == null ? List.of() : new ArrayList<>(shop.log);
            return new Attempt(chain.transformations().size(),
                    new Failure(seed, refundCaptured, invariant, message, new ArrayList<>(chain.transformations()), log));
        } finally {
            shop = CURRENT.get();
            CURRENT.remove();
            if (shop != null) {
                shop.close();
            }
        }
    }

    private static MoneyInvariants.MoneyViolation violation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof MoneyInvariants.MoneyViolation v) {
                return v;
            }
        }
        return null;
    }

    private static Throwable root(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    private static String stackOf(Throwable t) {
        java.io.StringWriter out = new java.io.StringWriter();
        root(t).printStackTrace(new java.io.PrintWriter(out));
        String text = out.toString();
        return text.length() > 4_000 ? text.substring(0, 4_000) + "…" : text;
    }
}
