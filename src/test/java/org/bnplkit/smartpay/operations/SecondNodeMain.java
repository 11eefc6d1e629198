package org.bnplkit.smartpay.operations;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
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

import org.broadleafcommerce.common.config.service.SystemPropertyServiceExtensionHandler;
import org.broadleafcommerce.common.config.service.SystemPropertyServiceExtensionManager;
import org.broadleafcommerce.common.extension.AbstractExtensionHandler;
import org.broadleafcommerce.common.extension.ExtensionResultHolder;
import org.broadleafcommerce.common.extension.ExtensionResultStatusType;
import org.broadleafcommerce.common.extensibility.context.MergeClassPathXMLApplicationContext;
import org.broadleafcommerce.common.extensibility.context.StandardConfigLocations;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.web.context.request.RequestScope;
import org.springframework.web.context.request.SessionScope;

/**
 * A second store node in its own JVM for {@link TwoNodeRaceIT}: the same module XML as the first node, the same
 * PostgreSQL schema (without touching the tables), its own caches, executors and node id. It prints READY once
 * booted, waits for the go file, then captures every fulfillment group listed in the ids file from several
 * threads, prints {@code DONE created=<n>} and exits.
 *
 * <p>Usage: {@code SecondNodeMain <ids file> <go file> <threads>} with system properties
 * smartpay.test.postgres.schema, smartpay.node.apiBaseUrl, smartpay.node.secretKey.
 */
public final class SecondNodeMain {

    private SecondNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        Path ids = Paths.get(args[0]);
        Path go = Paths.get(args[1]);
        int threads = Integer.parseInt(args[2]);
        if (System.getProperty("runtime.environment") == null) {
            System.setProperty("runtime.environment", "development");
        }
        MergeClassPathXMLApplicationContext context = new NodeContext(
                StandardConfigLocations.retrieveAll(StandardConfigLocations.TESTCONTEXTTYPE),
                new String[]{"bl-smartpay-applicationContext.xml", "bl-smartpay-test-applicationContext.xml",
                        "bl-smartpay-test-datasource-postgres-node.xml"});
        FixedProperties properties = new FixedProperties();
        properties.values.put("gateway.smartpay.secretKey", System.getProperty("smartpay.node.secretKey"));
        properties.values.put("gateway.smartpay.apiBaseUrl", System.getProperty("smartpay.node.apiBaseUrl"));
        properties.values.put("gateway.smartpay.captureMethod", "manual");
        properties.values.put(SmartpayOperationsSettings.NODE_ID, "node-2");
        properties.values.put(SmartpayOperationsSettings.WORKER_INTERVAL_MS, "200");
        context.getBean("blSystemPropertyServiceExtensionManager", SystemPropertyServiceExtensionManager.class)
                .registerHandler(properties);
        SmartpayOrderOperations operations = context.getBean("blSmartpayOrderOperations", SmartpayOrderOperations.class);
        for (int i = 0; i < 50; i++) { // warm up (JIT, pools) so that both nodes race from the start
            operations.find("warm-up:" + i);
        }
        System.out.println("READY");
        System.out.flush();

        long deadline = System.currentTimeMillis() + 300_000;
        while (!Files.exists(go) && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        List<Long> groups = new ArrayList<>();
        for (String line : Files.readAllLines(ids, StandardCharsets.UTF_8)) {
            if (!line.trim().isEmpty()) {
                groups.add(Long.valueOf(line.trim()));
            }
        }
        Collections.shuffle(groups, new Random(2));
        AtomicInteger created = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (Long group : groups) {
            pool.execute(() -> {
                try {
                    if (operations.capture(group).created()) {
                        created.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                    System.out.println("FAILED " + group + " " + e);
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        System.out.println("DONE created=" + created.get() + " failures=" + failures.get());
        System.out.flush();
        context.close();
        System.exit(0);
    }

    private static final class NodeContext extends MergeClassPathXMLApplicationContext {
        NodeContext(String[] sources, String[] patches) {
            super(sources, patches);
        }

        @Override
        protected void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
            super.postProcessBeanFactory(beanFactory);
            beanFactory.registerScope("request", new RequestScope());
            beanFactory.registerScope("session", new SessionScope());
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
