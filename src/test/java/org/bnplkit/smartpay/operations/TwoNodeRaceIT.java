package org.bnplkit.smartpay.operations;

import static org.bnplkit.smartpay.operations.OperationsTestSupport.ctx;
import static org.bnplkit.smartpay.operations.OperationsTestSupport.journal;
import static org.bnplkit.smartpay.operations.OperationsTestSupport.operations;
import static org.bnplkit.smartpay.operations.OperationsTestSupport.sandbox;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.bnplkit.smartpay.client.CaptureMethod;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.operations.PaidOrderFixture.Paid;
import org.bnplkit.smartpay.sandbox.SandboxOrder;
import org.bnplkit.smartpay.testing.BroadleafTestContext;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.broadleafcommerce.core.order.service.type.FulfillmentGroupStatusType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two store nodes — this JVM and {@link SecondNodeMain} in another — on one PostgreSQL schema race over the same
 * 200 shipments: this node ships each group (the trigger captures it in the background) and also calls
 * capture directly; the other node calls capture for every group at the same moment. Each shipment must be
 * captured exactly once: one Smartpay payment, one POST, one CAPTURE transaction, and every order's captures
 * adding up to its authorization. PostgreSQL only (-Ppostgres): HSQLDB in memory cannot be shared by two JVMs.
 */
class TwoNodeRaceIT {

    private static final int ORDERS = 40;
    private static final int GROUPS_PER_ORDER = 5;
    private static final int THREADS_PER_NODE = 4;

    @BeforeEach
    void settings() {
        OperationsTestSupport.testSettings();
        ctx().properties().set(SmartpayOperationsSettings.NODE_ID, "node-1");
    }

    @AfterEach
    void restore() {
        OperationsTestSupport.testSettings();
    }

    @Test
    void twoNodesCaptureEachOf200ShipmentsExactlyOnce() throws Exception {
        boolean postgres = "postgres".equals(ctx().database());
        if (!postgres) {
            System.out.println("TwoNodeRaceIT skipped: the two-node race needs a database two JVMs share; run mvn -B verify -Ppostgres");
        }
        assumeTrue(postgres, "two nodes need a shared database: run with -Ppostgres");

        PaidOrderFixture fixture = new PaidOrderFixture(ctx());
        List<Paid> orders = new ArrayList<>();
        List<Long> groups = new ArrayList<>();
        long[] prices = {1200, 2400, 800, 3300, 1500};
        int[] quantities = {1, 2, 3, 1, 2};
        for (int i = 0; i < ORDERS; i++) {
            Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, prices, quantities);
            assertEquals(GROUPS_PER_ORDER, paid.groupIds().size());
            orders.add(paid);
            groups.addAll(paid.groupIds());
        }
        int postsBefore = sandbox().requestCount("POST", "/v1/payments");

        Path dir = Files.createTempDirectory("smartpay-two-nodes");
        Path ids = dir.resolve("groups.txt");
        Path go = dir.resolve("go");
        StringBuilder lines = new StringBuilder();
        for (Long g : groups) {
            lines.append(g).append('\n');
        }
        Files.write(ids, lines.toString().getBytes(StandardCharsets.UTF_8));

        Process node2 = startSecondNode(ids, go);
        CountDownLatch ready = new CountDownLatch(1);
        AtomicReference<String> done = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(node2.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.equals("READY")) {
                        ready.countDown();
                    } else if (line.startsWith("DONE")) {
                        done.set(line);
                    } else if (line.startsWith("FAILED") || line.contains("Exception")) {
                        System.out.println("[node-2] " + line);
                    }
                }
            } catch (Exception e) {
                System.out.println("[node-2] output lost: " + e);
            }
        }, "node-2-output");
        reader.setDaemon(true);
        reader.start();
        try {
            assertTrue(ready.await(240, TimeUnit.SECONDS), "the second node did not boot");

            // the second node shuffles with seed 2 and works front to back; this node takes the same list back to
            // front, so the two meet in the middle and collide there, whichever node is faster
            List<Long> mine = new ArrayList<>(groups);
            Collections.shuffle(mine, new Random(2));
            Collections.reverse(mine);
            AtomicInteger created = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS_PER_NODE);
            Files.createFile(go);
            for (int i = 0; i < mine.size(); i++) {
                Long group = mine.get(i);
                boolean ship = i % 2 == 0; // half through the status trigger (journaled by the trigger), all by the API
                pool.execute(() -> {
                    if (ship) {
                        fixture.setGroupStatus(group, FulfillmentGroupStatusType.SHIPPED);
                    }
                    if (operations().capture(group).created()) {
                        created.incrementAndGet();
                    }
                });
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.MINUTES));
            assertTrue(node2.waitFor(10, TimeUnit.MINUTES), "the second node did not finish");
            assertEquals(0, node2.exitValue());
            reader.join(5_000);
            assertTrue(operations().awaitBackground(60_000));

            String node2Result = done.get();
            assertTrue(node2Result != null && node2Result.contains("failures=0"), String.valueOf(node2Result));
            int createdByNode2 = Integer.parseInt(node2Result.replaceAll(".*created=(\\d+).*", "$1"));
            System.out.println("TwoNodeRaceIT: of " + groups.size() + " captures, node-1's API calls journaled " + created.get()
                    + ", node-1's trigger " + (groups.size() - created.get() - createdByNode2) + ", node-2 " + createdByNode2);
            assertTrue(created.get() + createdByNode2 <= groups.size());
            assertTrue(createdByNode2 > 0, "the second node took part in the race");
        } finally {
            if (node2.isAlive()) {
                node2.destroyForcibly();
            }
        }

        for (Long group : groups) {
            SmartpayOperation row = journal().find(OperationKeys.captureGroup(group));
            assertEquals(OperationStatus.SUCCEEDED, row.getStatus(), row.toString());
        }
        assertEquals(groups.size(), sandbox().requestCount("POST", "/v1/payments") - postsBefore, "one POST per shipment");
        for (Paid paid : orders) {
            SandboxOrder smartpay = sandbox().order(paid.smartpayOrderId());
            assertEquals(GROUPS_PER_ORDER, smartpay.payments().size());
            assertEquals(paid.total(), smartpay.captured());
            assertEquals("succeeded", smartpay.status());
            List<PaidOrderFixture.Tx> captures = fixture.transactions(paid.orderId(), PaymentTransactionType.CAPTURE);
            assertEquals(GROUPS_PER_ORDER, captures.size());
            assertEquals(paid.total(), PaidOrderFixture.sum(captures));
        }
    }

    private static Process startSecondNode(Path ids, Path go) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("--add-opens");
        command.add("java.base/java.lang=ALL-UNNAMED");
        command.add("--add-opens");
        command.add("java.base/java.util=ALL-UNNAMED");
        command.add("-Xmx1g");
        command.add("-Dsmartpay.test.db=postgres");
        command.add("-D" + BroadleafTestContext.POSTGRES_SCHEMA_PROPERTY + "=" + System.getProperty(BroadleafTestContext.POSTGRES_SCHEMA_PROPERTY));
        command.add("-Dsmartpay.node.apiBaseUrl=" + sandbox().baseUrl());
        command.add("-Dsmartpay.node.secretKey=" + BroadleafTestContext.TEST_SECRET_KEY);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SecondNodeMain.class.getName());
        command.add(ids.toString());
        command.add(go.toString());
        command.add(String.valueOf(THREADS_PER_NODE));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}
