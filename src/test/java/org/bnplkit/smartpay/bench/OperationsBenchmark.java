package org.bnplkit.smartpay.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.bnplkit.smartpay.client.Address;
import org.bnplkit.smartpay.client.CancelRemainder;
import org.bnplkit.smartpay.client.CaptureMethod;
import org.bnplkit.smartpay.client.CheckoutSessionCreateParams;
import org.bnplkit.smartpay.client.LineItem;
import org.bnplkit.smartpay.client.PaymentCreateParams;
import org.bnplkit.smartpay.client.RequestOptions;
import org.bnplkit.smartpay.client.ShippingInfo;
import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.operations.OperationOutcome;
import org.bnplkit.smartpay.operations.PaidOrderFixture;
import org.bnplkit.smartpay.operations.SmartpayOperationsSettings;
import org.bnplkit.smartpay.operations.SmartpayOrderOperations;
import org.bnplkit.smartpay.testing.BroadleafTestContext;

/**
 * Capture on shipment end to end — journal row committed, POST /payments to the sandbox over HTTP, CAPTURE
 * transaction recorded in Broadleaf and the row marked SUCCEEDED — against the bare client making the same
 * partial captures against the same sandbox at the same concurrency. Prints both rates and their ratio
 * (target ≥ 0.5). Setup (paid orders, authorized Smartpay orders) is not timed.
 *
 * <p>{@code mvn -q -Pbench} (through BenchMain), or directly with {@code run(args)}; arguments
 * {@code shipments=2000 groupsPerOrder=10 threads=8} (all optional). HSQLDB in memory unless
 * -Dsmartpay.test.db=postgres.
 */
public final class OperationsBenchmark implements Benchmark {

    static final double TARGET_RATIO = 0.5;

    private final String[] args;

    public OperationsBenchmark() {
        this(new String[0]);
    }

    OperationsBenchmark(String[] args) {
        this.args = args;
    }

    @Override
    public String name() {
        return "operations";
    }

    public static void main(String[] args) {
        run(args);
        System.exit(0);
    }

    /** Runs the benchmark with {@code name=value} arguments, printing to standard output. */
    public static void run(String[] args) {
        new OperationsBenchmark(args).run(System.out);
    }

    @Override
    public boolean run(PrintStream out) {
        int shipments = intArg(args, "shipments", 2000);
        int groupsPerOrder = intArg(args, "groupsPerOrder", 10);
        int threads = intArg(args, "threads", 8);
        int orders = Math.max(1, shipments / groupsPerOrder);
        shipments = orders * groupsPerOrder;

        BroadleafTestContext ctx = BroadleafTestContext.get();
        useMvccOnHsqldb(ctx, out);
        ctx.properties().set(SmartpayOperationsSettings.WORKER_ENABLED, "false");
        ctx.properties().set(SmartpayOperationsSettings.TRIGGER_CAPTURE_ENABLED, "false");
        SmartpayOrderOperations operations = ctx.bean("blSmartpayOrderOperations", SmartpayOrderOperations.class);
        PaidOrderFixture fixture = new PaidOrderFixture(ctx);

        out.printf(Locale.ROOT, "OperationsBenchmark: %d shipments (%d orders x %d groups), %d threads, %s%n",
                shipments, orders, groupsPerOrder, threads, ctx.database());
        long setupStart = System.nanoTime();
        long[] prices = new long[groupsPerOrder];
        int[] quantities = new int[groupsPerOrder];
        for (int i = 0; i < groupsPerOrder; i++) {
            prices[i] = 1000 + 100L * i;
            quantities[i] = 1 + i % 3;
        }
        List<Long> groups = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            groups.addAll(fixture.paidOrder(CaptureMethod.MANUAL, prices, quantities).groupIds());
        }
        SmartpayClient client = fixture.client();
        List<String> smartpayOrders = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            smartpayOrders.add(authorizedSmartpayOrder(ctx, client, groupsPerOrder * 1000L, "bench-" + System.nanoTime()));
        }
        out.printf(Locale.ROOT, "  setup: %.1f s%n", (System.nanoTime() - setupStart) / 1e9);

        // warm-up of both paths on their own data (JIT, connection pools, caches)
        int warm = Math.min(groupsPerOrder * 2, groups.size() / 10);
        timed(threads, groups.subList(0, warm), g -> operations.capture(g));
        List<String[]> clientCaptures = new ArrayList<>();
        for (String order : smartpayOrders) {
            for (int i = 0; i < groupsPerOrder; i++) {
                clientCaptures.add(new String[]{order, String.valueOf(i), i == groupsPerOrder - 1 ? "last" : ""});
            }
        }
        timed(threads, clientCaptures.subList(0, warm), c -> capture(client, c));

        List<Long> measuredGroups = groups.subList(warm, groups.size());
        AtomicInteger notSucceeded = new AtomicInteger();
        StackSampler sampler = Boolean.getBoolean("bench.profile") ? StackSampler.start("pool-") : null;
        double opsSeconds = timed(threads, measuredGroups, g -> {
            OperationOutcome outcome = operations.capture(g);
            if (outcome.status() != OperationStatus.SUCCEEDED) {
                notSucceeded.incrementAndGet();
            }
        });
        if (sampler != null) {
            sampler.stopAndPrint(out, 25);
        }
        List<String[]> measuredClient = clientCaptures.subList(warm, clientCaptures.size());
        double clientSeconds = timed(threads, measuredClient, c -> capture(client, c));

        double opsRate = measuredGroups.size() / opsSeconds;
        double clientRate = measuredClient.size() / clientSeconds;
        out.printf(Locale.ROOT, "  operations.capture (journal + Smartpay + Broadleaf tx): %d in %.2f s = %.0f/s%s%n",
                measuredGroups.size(), opsSeconds, opsRate, notSucceeded.get() == 0 ? "" : " (" + notSucceeded.get() + " not SUCCEEDED!)");
        out.printf(Locale.ROOT, "  bare SmartpayClient.createPayment:                     %d in %.2f s = %.0f/s%n",
                measuredClient.size(), clientSeconds, clientRate);
        double ratio = opsRate / clientRate;
        boolean met = ratio >= TARGET_RATIO && notSucceeded.get() == 0;
        out.printf(Locale.ROOT, "  ratio operations / bare client = %.2f (target >= %.1f)%s%n", ratio, TARGET_RATIO,
                met ? "" : "  MISSED");
        return met;
    }

    /**
     * HSQLDB's default two-phase locking makes every writing transaction wait for the others (table locks), so
     * 8 threads would measure one; a store runs on a database with row locks and MVCC, as HSQLDB does after this.
     */
    private static void useMvccOnHsqldb(BroadleafTestContext ctx, PrintStream out) {
        if (!"hsqldb".equals(ctx.database())) {
            return;
        }
        try (java.sql.Connection c = ctx.bean("blSmartpayTestDS", javax.sql.DataSource.class).getConnection();
             java.sql.Statement s = c.createStatement()) {
            s.execute("SET DATABASE TRANSACTION CONTROL MVCC");
            c.commit();
        } catch (java.sql.SQLException e) {
            out.println("  (HSQLDB stays in locking mode: " + e.getMessage() + ")");
        }
    }

    private static void capture(SmartpayClient client, String[] c) {
        client.createPayment(PaymentCreateParams.builder().order(c[0]).amount(1000).currency("JPY")
                .cancelRemainder(CancelRemainder.MANUAL).build(),
                RequestOptions.idempotencyKey("bench:" + c[0] + ":" + c[1]));
    }

    private static String authorizedSmartpayOrder(BroadleafTestContext ctx, SmartpayClient client, long amount, String reference) {
        String order = client.createCheckoutSession(CheckoutSessionCreateParams.builder()
                .amount(amount).currency("JPY").captureMethod(CaptureMethod.MANUAL)
                .successUrl("https://shop.example.jp/return").cancelUrl("https://shop.example.jp/cancel").reference(reference)
                .item(LineItem.builder().name("Bench").amount(amount).currency("JPY").quantity(1).build())
                .shippingInfo(ShippingInfo.builder().feeAmount(0L).feeCurrency("JPY").address(Address.builder()
                        .line1("渋谷2-21-1").locality("渋谷区").postalCode("150-0002").country("JP").build()).build())
                .build(), RequestOptions.idempotencyKey("bench-session-" + reference)).order().id();
        ctx.sandbox().approve(order);
        return order;
    }

    /** Runs {@code work} over {@code items} on {@code threads} threads; seconds elapsed. */
    private static <T> double timed(int threads, List<T> items, Consumer<T> work) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        for (T item : items) {
            pool.execute(() -> work.accept(item));
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
                throw new IllegalStateException("benchmark did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static int intArg(String[] args, String name, int defaultValue) {
        for (String arg : args == null ? new String[0] : args) {
            if (arg.startsWith(name + "=")) {
                return Integer.parseInt(arg.substring(name.length() + 1));
            }
        }
        return Integer.getInteger("bench." + name, defaultValue);
    }
}
