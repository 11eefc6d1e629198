package org.bnplkit.smartpay.model;

import java.util.List;
import java.util.function.Function;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;
import net.jqwik.api.state.Transformer;

/**
 * Every entry point that moves a Smartpay order's money, as jqwik actions on a {@link Shop}, with their weights.
 * Parameters are small integers (order, group and line indexes, percentages) so that jqwik shrinks them towards
 * the first order, the first group and small amounts. After each action the chain checks {@link MoneyInvariants}.
 */
final class ShopActions {

    private ShopActions() {
    }

    /** Chains of at most {@code steps} actions on a new shop; {@code refundCaptured}: the cancel setting of the run. */
    static ActionChainArbitrary<Shop> chains(int steps, boolean refundCaptured) {
        return ActionChain.<Shop>startWith(() -> ModelRun.open(new Shop(refundCaptured)))
                .withAction(4, onAny(checkoutTransformers()))
                .withAction(6, onOrders(pair((o, g) -> Transformer.mutate("ship order[" + o + "] group[" + g + "]",
                        shop -> shop.ship(o, g)))))
                .withAction(2, onOrders(pair((o, g) -> Transformer.mutate("return order[" + o + "] group[" + g + "] whole",
                        shop -> shop.returnGroup(o, g)))))
                .withAction(2, onOrders(Combinators.combine(index(), index(), Arbitraries.integers().between(1, 7))
                        .as((o, g, mask) -> Transformer.mutate("return lines " + lines(mask) + " of order[" + o + "] group[" + g + "]",
                                shop -> shop.returnLines(o, g, mask)))))
                .withAction(1, onOrders(single(o -> Transformer.mutate("cancel order[" + o + "] (status CANCELLED)",
                        shop -> shop.cancelByStatus(o)))))
                .withAction(2, onOrders(withPercent((o, p) -> Transformer.mutate("admin capture " + p + "% of what order[" + o
                        + "] has uncaptured", shop -> shop.adminCapture(o, p)))))
                .withAction(2, onOrders(withPercent((o, p) -> Transformer.mutate("admin refund " + p + "% of what order[" + o
                        + "] has refundable", shop -> shop.adminRefund(o, p)))))
                .withAction(2, onOrders(Combinators.combine(index(), index(), index(), Arbitraries.integers().between(1, 3))
                        .as((o, g, l, units) -> Transformer.mutate("admin refund " + units + " unit(s) of order[" + o + "] group["
                                + g + "] line[" + l + "]", shop -> shop.adminRefundItems(o, g, l, units)))))
                .withAction(1, onOrders(single(o -> Transformer.mutate("admin cancel order[" + o + "]", shop -> shop.adminCancel(o)))))
                .withAction(1, onOrders(single(o -> Transformer.mutate("admin retry on order[" + o + "]", shop -> shop.adminRetry(o)))))
                .withAction(1, onOrders(withPercent((o, p) -> Transformer.mutate("SPI capture " + p + "% of what order[" + o
                        + "] has uncaptured", shop -> shop.spiCapture(o, p)))))
                .withAction(2, onOrders(Combinators.combine(index(), percent(), Arbitraries.of(true, false))
                        .as((o, p, fromCapture) -> Transformer.mutate("SPI refund " + p + "% of order[" + o + "]"
                                + (fromCapture ? "'s newest capture" : ""), shop -> shop.spiRefund(o, p, fromCapture)))))
                .withAction(1, onOrders(single(o -> Transformer.mutate("SPI reverseAuthorize order[" + o + "]",
                        shop -> shop.spiReverseAuthorize(o)))))
                .withAction(1, onOrders(Combinators.combine(index(), percent(), Arbitraries.of(false, true))
                        .as((o, p, lost) -> Transformer.mutate("dashboard capture " + p + "% of order[" + o + "]" + delivery(lost),
                                shop -> shop.smartpay().dashboardCapture(o, p, lost)))))
                .withAction(1, onOrders(Combinators.combine(index(), percent(), Arbitraries.of(false, true))
                        .as((o, p, lost) -> Transformer.mutate("dashboard refund " + p + "% of order[" + o + "]" + delivery(lost),
                                shop -> shop.smartpay().dashboardRefund(o, p, lost)))))
                .withAction(1, onOrders(Combinators.combine(index(), Arbitraries.of(false, true))
                        .as((o, lost) -> Transformer.mutate("dashboard cancel order[" + o + "]" + delivery(lost),
                                shop -> shop.smartpay().dashboardCancel(o, lost)))))
                .withAction(1, onOrders(single(o -> Transformer.mutate("authorization of order[" + o + "] expires",
                        shop -> shop.smartpay().expire(o)))))
                .withAction(1, onOrders(Arbitraries.just(Transformer.mutate("reconciliation pass", shop -> shop.smartpay().reconcile()))))
                .withAction(2, onOrders(Arbitraries.just(Transformer.mutate("heal: Smartpay healthy, node-1's worker runs", Shop::heal))))
                .withAction(3, faults())
                .withAction(1, onOrders(Arbitraries.just(Transformer.mutate("node-1 crashes after the next Smartpay answer",
                        Shop::crashNextOperation))))
                .withAction(1, onOrders(Arbitraries.just(Transformer.mutate("node-2's retry worker runs past node-1's leases",
                        Shop::secondNodeWorker))))
                .withAction(1, onOrders(pair((o, g) -> Transformer.mutate("ship order[" + o + "] group[" + g
                        + "] while Smartpay is slow and node-2 takes the row over", shop -> shop.shipWhileSlowAndTakenOver(o, g)))))
                .withMaxTransformations(steps);
    }

    private static Arbitrary<Transformer<Shop>> checkoutTransformers() {
        Arbitrary<List<Integer>> hundreds = Arbitraries.integers().between(1, 99).list().ofSize(4);
        Arbitrary<List<Integer>> quantities = Arbitraries.integers().between(1, 3).list().ofSize(4);
        return Combinators.combine(Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 3), hundreds,
                        quantities, Arbitraries.of(0L, 0L, 300L, 1_000L), Arbitraries.of(0L, 0L, 100L),
                        Arbitraries.frequency(net.jqwik.api.Tuple.of(3, false), net.jqwik.api.Tuple.of(1, true)))
                .as((items, groups, prices, qty, orderDiscount, itemDiscount, automatic) -> {
                    int n = items;
                    long[] p = new long[n];
                    int[] q = new int[n];
                    int[] groupOf = new int[n];
                    int groupCount = Math.min(groups, n);
                    for (int i = 0; i < n; i++) {
                        p[i] = prices.get(i) * 100L;
                        q[i] = qty.get(i);
                        groupOf[i] = i % groupCount;
                    }
                    long itemOff = Math.min(itemDiscount, p[0] / 2);
                    long orderOff = Math.min(orderDiscount, p[0] * q[0] / 2);
                    StoreCheckout.Basket basket = new StoreCheckout.Basket(p, q, groupOf, orderOff, itemOff, automatic);
                    return Transformer.mutate(describe(basket), shop -> shop.checkout(basket));
                });
    }

    private static Action.Independent<Shop> faults() {
        return onOrders(Combinators.combine(Arbitraries.of(SmartpaySide.FaultKind.class), Arbitraries.integers().between(0, 2))
                .as((kind, target) -> Transformer.mutate("fault: " + kind.description + " on "
                        + new String[]{"captures", "refunds", "cancels"}[target], shop -> shop.smartpay().fault(kind, target))));
    }

    private static String describe(StoreCheckout.Basket b) {
        StringBuilder s = new StringBuilder("checkout (" + (b.automaticCapture() ? "automatic" : "manual") + " capture):");
        for (int i = 0; i < b.prices().length; i++) {
            s.append(i == 0 ? " " : ", ").append(b.quantities()[i]).append(" x ").append(b.prices()[i]).append(" in group ")
                    .append(b.groupOfItem()[i]);
        }
        if (b.itemDiscount() > 0) {
            s.append(", ").append(b.itemDiscount()).append(" off each unit of item 0");
        }
        if (b.orderDiscount() > 0) {
            s.append(", ").append(b.orderDiscount()).append(" off the order");
        }
        return s.toString();
    }

    private static String lines(int mask) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < 3; i++) {
            if ((mask >> i & 1) == 1) {
                s.append(s.length() == 1 ? "" : ",").append(i);
            }
        }
        return s.append("]").toString();
    }

    private static String delivery(boolean webhookLost) {
        return webhookLost ? " (webhook lost: reconciliation finds it)" : " (delivered by webhook)";
    }

    private static Arbitrary<Integer> index() {
        return Arbitraries.integers().between(0, 3);
    }

    private static Arbitrary<Integer> percent() {
        return Arbitraries.of(100, 50, 30, 10, 1);
    }

    private static Arbitrary<Transformer<Shop>> single(Function<Integer, Transformer<Shop>> make) {
        return index().map(make);
    }

    private static Arbitrary<Transformer<Shop>> pair(java.util.function.BiFunction<Integer, Integer, Transformer<Shop>> make) {
        return Combinators.combine(index(), index()).as(make::apply);
    }

    private static Arbitrary<Transformer<Shop>> withPercent(java.util.function.BiFunction<Integer, Integer, Transformer<Shop>> make) {
        return Combinators.combine(index(), percent()).as(make::apply);
    }

    /** An action that needs an order to act on. */
    private static Action.Independent<Shop> onOrders(Arbitrary<Transformer<Shop>> transformers) {
        return new Action.Independent<Shop>() {
            @Override
            public boolean precondition(Shop shop) {
                return shop.hasOrders();
            }

            @Override
            public Arbitrary<Transformer<Shop>> transformer() {
                return transformers;
            }
        };
    }

    private static Action.Independent<Shop> onAny(Arbitrary<Transformer<Shop>> transformers) {
        return () -> transformers;
    }
}
