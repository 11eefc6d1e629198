package org.bnplkit.smartpay.operations;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.bnplkit.smartpay.client.RefundReason;
import org.bnplkit.smartpay.reconcile.SmartpayOperationRetryWorker;
import org.bnplkit.smartpay.testing.compat.SiteRootContext;
import org.broadleafcommerce.common.config.service.SystemPropertyServiceExtensionHandler;
import org.broadleafcommerce.common.config.service.SystemPropertyServiceExtensionManager;
import org.broadleafcommerce.common.extension.AbstractExtensionHandler;
import org.broadleafcommerce.common.extension.ExtensionResultHolder;
import org.broadleafcommerce.common.extension.ExtensionResultStatusType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second store node in its own JVM for {@link TwoNodeRaceIT}: the same module XML as the first node, the same
 * PostgreSQL schema or MariaDB database (without touching the tables), its own caches, executors, node id and clock.
 * It prints READY once booted, then runs one phase per go file {@code <dir>/go-<n>}: the tasks of
 * {@code <dir>/tasks-<n>.txt}, shuffled with seed 2, from several threads, and prints
 * {@code DONE <n> created=<journal rows this node created> failures=<exceptions>}. A {@code stop} file ends it.
 *
 * <p>Task lines: {@code capture <fulfillment group id>}, {@code refund <order id> <yen> <request id>},
 * {@code return <fulfillment group id>}, {@code cancel <order id>}, {@code worker} (one retry-worker pass),
 * {@code clock <ms>} (first line: time has passed that far on this node: backoffs and leases come due), and
 * {@code nodeclock <ms>} (first line: this node's own clock is that far ahead of the real one, negative: behind).
 *
 * <p>Usage: {@code SecondNodeMain <dir> <threads>} with system properties smartpay.test.db (postgres or mariadb), its
 * schema or database property, smartpay.node.apiBaseUrl, smartpay.node.secretKey.
 */
public final class SecondNodeMain {

    private SecondNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]);
        int threads = Integer.parseInt(args[1]);
        if (System.getProperty("runtime.environment") == null) {
            System.setProperty("runtime.environment", "development");
        }
        String database = System.getProperty("smartpay.test.db", "postgres");
        ConfigurableApplicationContext context = SiteRootContext.boot("bl-smartpay-test-applicationContext.xml",
                "bl-smartpay-test-datasource-" + database + "-node.xml");
        FixedProperties properties = new FixedProperties();
        properties.values.put("gateway.smartpay.secretKey", System.getProperty("smartpay.node.secretKey"));
        properties.values.put("gateway.smartpay.apiBaseUrl", System.getProperty("smartpay.node.apiBaseUrl"));
        properties.values.put("gateway.smartpay.captureMethod", "manual");
        properties.values.put(SmartpayOperationsSettings.NODE_ID, "node-2");
        properties.values.put(SmartpayOperationsSettings.WORKER_INTERVAL_MS, "200"); // its worker runs too, as in a store
        context.getBean("blSystemPropertyServiceExtensionManager", SystemPropertyServiceExtensionManager.class)
                .registerHandler(properties);
        SmartpayOrderOperationsImpl operations = context.getBean("blSmartpayOrderOperations", SmartpayOrderOperationsImpl.class);
        SmartpayOperationRetryWorker worker = context.getBean("blSmartpayOperationRetryWorker", SmartpayOperationRetryWorker.class);
        for (int i = 0; i < 50; i++) { // warm up (JIT, pools) so that both nodes race from the start
            operations.find("warm-up:" + i);
        }
        System.out.println("READY");
        System.out.flush();

        long deadline = System.currentTimeMillis() + 1_800_000;
        for (int phase = 1; System.currentTimeMillis() < deadline; phase++) {
            Path go = dir.resolve("go-" + phase);
            while (!Files.exists(go) && !Files.exists(dir.resolve("stop")) && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            if (!Files.exists(go)) {
                break;
            }
            List<String> tasks = new ArrayList<>();
            operations.setNodeClock(Clock.systemUTC());
            for (String line : Files.readAllLines(dir.resolve("tasks-" + phase + ".txt"), StandardCharsets.UTF_8)) {
                if (line.startsWith("nodeclock ")) {
                    operations.setNodeClock(Clock.offset(Clock.systemUTC(), Duration.ofMillis(Long.parseLong(line.substring(10).trim()))));
                } else if (line.startsWith("clock ")) {
                    operations.setClock(Clock.offset(Clock.systemUTC(), Duration.ofMillis(Long.parseLong(line.substring(6).trim()))));
                } else if (!line.trim().isEmpty()) {
                    tasks.add(line.trim());
                }
            }
            Collections.shuffle(tasks, new Random(2));
            AtomicInteger created = new AtomicInteger();
            AtomicInteger failures = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            for (String task : tasks) {
                pool.execute(() -> {
                    try {
                        created.addAndGet(run(operations, worker, task));
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        System.out.println("FAILED " + task + " " + e);
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.MINUTES);
            operations.awaitBackground(60_000);
            // between phases its scheduled worker keeps running: on the real time, not on the phase's
            operations.setNodeClock(Clock.systemUTC());
            System.out.println("DONE " + phase + " created=" + created.get() + " failures=" + failures.get());
            System.out.flush();
        }
        context.close();
        System.exit(0);
    }

    /** Runs one task; returns how many journal rows this node created for it. */
    private static int run(SmartpayOrderOperationsImpl operations, SmartpayOperationRetryWorker worker, String task) {
        String[] f = task.split(" ");
        switch (f[0]) {
            case "capture":
                return operations.capture(Long.parseLong(f[1])).created() ? 1 : 0;
            case "refund":
                return operations.refund(Long.parseLong(f[1]), Long.parseLong(f[2]), RefundReason.REQUESTED_BY_CUSTOMER,
                        "Two-node race", f[3]).created() ? 1 : 0;
            case "return":
                return operations.refundReturnedGroup(Long.parseLong(f[1])).created() ? 1 : 0;
            case "cancel":
                return operations.cancel(Long.parseLong(f[1])).created() ? 1 : 0;
            case "worker":
                worker.runOnce();
                return 0;
            default:
                throw new IllegalArgumentException("unknown task " + task);
        }
    }

    /** Fixed Broadleaf system properties for this node, served ahead of the table and the files. */
    static final class FixedProperties extends AbstractExtensionHandler implements SystemPropertyServiceExtensionHandler {
        final Map<String, String> values = new ConcurrentHashMap<>();

        FixedProperties() {
            setPriority(Integer.MIN_VALUE);
        }

        @Override
        public ExtensionResultStatusType resolveProperty(String propertyName, ExtensionResultHolder resultHolder) {
            String value = values.get(propertyName);
            if (value == null) {
                return ExtensionResultStatusType.NOT_HANDLED;
            }
            resultHolder.setResult(value);
            return ExtensionResultStatusType.HANDLED;
        }
    }
}
