package org.bnplkit.smartpay.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
        long[] responseTimes = longsArg(args, "responseTimesMs", new long[] {0, REALISTIC_RESPONSE_TIME_MS});
        int orders = Math.max(1, shipments / groupsPerOrder);
        shipments = orders * groupsPerOrder;

        BroadleafTestContext ctx = BroadleafTestContext.get();
        useMvccOnHsqldb(ctx, out);
        ctx.properties().set(SmartpayOperationsSettings.WORKER_ENABLED, "false");
        ctx.properties().set(SmartpayOperationsSettings.TRIGGER_CAPTURE_ENABLED, "false");
        out.printf(Locale.ROOT, "OperationsBenchmark: %d shipments (%d orders x %d groups), %d threads, %s%n",
                shipments, orders, groupsPerOrder, threads, ctx.database());
        boolean met = true;
        try {
            for (long responseTime : responseTimes) {
                double ratio = round(ctx, out, orders, groupsPerOrder, threads, responseTime);
                if (responseTime == REALISTIC_RESPONSE_TIME_MS) {
                    met = ratio >= TARGET_RATIO;
                }
            }
        } finally {
            ctx.sandbox().responseTime(Duration.ZERO);
        }
        return met;
    }

    /**
     * Smartpay's own processing plus the network: the target applies here. 20 ms is below any real payment API
     * round trip we know of (the real figure is unknown, see docs/performance.md), so the ratio is conservative.
     */
    static final long REALISTIC_RESPONSE_TIME_MS = 20;

    /** One comparison with the sandbox answering after {@code responseTimeMs}; returns the ratio. */
    private double round(BroadleafTestContext ctx, PrintStream out, int orders, int groupsPerOrder, int threads,
            long responseTimeMs) {
        SmartpayOrderOperations operations = ctx.bean("blSmartpayOrderOperations", SmartpayOrderOperations.class);
        PaidOrderFixture fixture = new PaidOrderFixture(ctx);
        ctx.sandbox().responseTime(Duration.ZERO);
        long setupStart = System.nanoTime();
        long[] prices = new long[groupsPerOrder];
        int[] quantities = new int[groupsPerOrder];
        for (int i = 0; i < groupsPerOrder; i++) {
            prices[i] = 1000 + 100L * i;
            quantities[i] = 1 + i % 3;
        }
        List<Long> groups = new ArrayList<>();
        List<PaidOrderFixture.Paid> paidOrders = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            PaidOrderFixture.Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, prices, quantities);
            paidOrders.add(paid);
            groups.addAll(paid.groupIds());
        }
        SmartpayClient client = fixture.client();
        List<String[]> clientCaptures = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            String order = authorizedSmartpayOrder(ctx, client, groupsPerOrder * 1000L, "bench-" + System.nanoTime());
            for (int g = 0; g < groupsPerOrder; g++) {
                clientCaptures.add(new String[]{order, String.valueOf(g)});
            }
        }
        out.printf(Locale.ROOT, "  sandbox response time %d ms (setup %.1f s)%n", responseTimeMs,
                (System.nanoTime() - setupStart) / 1e9);
        ctx.sandbox().responseTime(Duration.ofMillis(responseTimeMs));

        // warm-up of both paths on their own data (JIT, connection pools, caches)
        int warm = groups.size() / 10;
        timed(threads, groups.subList(0, warm), g -> operations.capture(g), new AtomicLong());
        timed(threads, clientCaptures.subList(0, warm), c -> capture(client, c), new AtomicLong());

        List<Long> measuredGroups = groups.subList(warm, groups.size());
        AtomicInteger notSucceeded = new AtomicInteger();
        StackSampler sampler = Boolean.getBoolean("bench.profile") ? StackSampler.start("pool-") : null;
        AtomicLong opsCpu = new AtomicLong();
        double opsSeconds = timed(threads, measuredGroups, g -> {
            OperationOutcome outcome = operations.capture(g);
            if (outcome.status() != OperationStatus.SUCCEEDED && notSucceeded.incrementAndGet() <= 3) {
                out.println("    not SUCCEEDED: group " + g + ": " + outcome);
            }
        }, opsCpu);
        if (sampler != null) {
            sampler.stopAndPrint(out, 25);
        }
        // every order shipped in full: Smartpay must hold captures adding up to exactly what was authorized
        for (PaidOrderFixture.Paid paid : paidOrders) {
            long captured = ctx.sandbox().order(paid.smartpayOrderId()).captured();
            if (captured != paid.total() && notSucceeded.incrementAndGet() <= 3) {
                out.println("    order " + paid.orderId() + ": captured " + captured + " of " + paid.total());
            }
        }
        List<String[]> measuredClient = clientCaptures.subList(warm, clientCaptures.size());
        AtomicLong clientCpu = new AtomicLong();
        double clientSeconds = timed(threads, measuredClient, c -> capture(client, c), clientCpu);

        double opsRate = measuredGroups.size() / opsSeconds;
        double clientRate = measuredClient.size() / clientSeconds;
        out.printf(Locale.ROOT, "    operations.capture (journal + Smartpay + Broadleaf tx): %d in %.2f s = %.0f/s, %.0f us CPU on the calling thread each%s%n",
                measuredGroups.size(), opsSeconds, opsRate, opsCpu.get() / 1e3 / measuredGroups.size(),
                notSucceeded.get() == 0 ? "" : " (" + notSucceeded.get() + " not SUCCEEDED or not adding up!)");
        out.printf(Locale.ROOT, "    bare SmartpayClient.createPayment:                     %d in %.2f s = %.0f/s, %.0f us CPU on the calling thread each%n",
                measuredClient.size(), clientSeconds, clientRate, clientCpu.get() / 1e3 / measuredClient.size());
        double ratio = notSucceeded.get() == 0 ? opsRate / clientRate : 0;
        boolean target = responseTimeMs == REALISTIC_RESPONSE_TIME_MS;
        out.printf(Locale.ROOT, "    ratio operations / bare client = %.2f%s%n", ratio, !target ? " (no target at this response time)"
                : String.format(Locale.ROOT, " (target >= %.1f)%s", TARGET_RATIO, ratio >= TARGET_RATIO ? "  MET" : "  MISSED"));
        return ratio;
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

    private static long[] longsArg(String[] args, String name, long[] defaultValue) {
        String value = System.getProperty("bench." + name);
        for (String arg : args == null ? new String[0] : args) {
            if (arg.startsWith(name + "=")) {
                value = arg.substring(name.length() + 1);
            }
        }
        if (value == null) {
            return defaultValue;
        }
        String[] parts = value.split(",");
        long[] out = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Long.parseLong(parts[i].trim());
        }
        return out;
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

    /**
     * Runs {@code work} over {@code items} on {@code threads} threads; seconds elapsed. Adds the CPU time the
     * calling threads spent to {@code cpuNanos}: the module, Broadleaf, the embedded database and the HTTP client
     * run there; the sandbox's own threads, the JIT and the garbage collector do not count.
     */
    private static <T> double timed(int threads, List<T> items, Consumer<T> work, AtomicLong cpuNanos) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        for (T item : items) {
            pool.execute(() -> {
                long before = cpu.getCurrentThreadCpuTime();
                work.accept(item);
                cpuNanos.addAndGet(cpu.getCurrentThreadCpuTime() - before);
            });
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
