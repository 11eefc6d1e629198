package org.bnplkit.smartpay.triggers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.bnplkit.smartpay.journal.OperationJournal;
import org.bnplkit.smartpay.journal.OperationKind;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.operations.OperationsTestSupport;
import org.bnplkit.smartpay.operations.SmartpayOperationsSettings;
import org.bnplkit.smartpay.operations.SmartpayOrderOperationsImpl;
import org.bnplkit.smartpay.reconcile.SmartpayOperationRetryWorker;
import org.bnplkit.smartpay.sandbox.SmartpaySandbox;
import org.bnplkit.smartpay.testing.BroadleafTestContext;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the durable-intent tests share (DurableIntentIT: status changes; 6.2's OmsEventIntentIT: order management
 * events): the beans, a clean start and end, a request's persistence context spanning transactions, the journal's
 * intents, waiting for a row or the background sends, and a dead node's intent left to the retry worker.
 */
final class IntentHarness {

    static final BroadleafTestContext ctx = BroadleafTestContext.get();

    private IntentHarness() {
    }

    static SmartpayLifecycleTriggers triggers() {
        return ctx.bean("blSmartpayLifecycleTriggers", SmartpayLifecycleTriggers.class);
    }

    static SmartpayOrderOperationsImpl operations() {
        return ctx.bean("blSmartpayOrderOperations", SmartpayOrderOperationsImpl.class);
    }

    static OperationJournal journal() {
        return ctx.bean("blSmartpayOperationJournal", OperationJournal.class);
    }

    static SmartpaySandbox sandbox() {
        return ctx.sandbox();
    }

    static SmartpayOperationRetryWorker worker() {
        return ctx.bean("blSmartpayOperationRetryWorker", SmartpayOperationRetryWorker.class);
    }

    /** Before each test: default settings, no retry worker of its own, the real clock, no sandbox faults. */
    static void start() {
        ctx.properties().reset();
        ctx.properties().set(SmartpayOperationsSettings.WORKER_ENABLED, "false");
        operations().setClock(Clock.systemUTC());
        sandbox().clearFaults();
    }

    /** After each test: no test hooks left in the triggers, the real clock, default settings. */
    static void finish() {
        triggers().beforeIntentWrite = null;
        triggers().beforeDecide = null;
        operations().setClock(Clock.systemUTC());
        ctx.properties().reset();
    }

    /** Runs {@code transactions} with one persistence context across them, as Broadleaf's OpenEntityManagerInView binds it. */
    static void inOneRequest(Consumer<EntityManager> transactions) {
        EntityManagerFactory emf = ctx.bean("entityManagerFactory", EntityManagerFactory.class);
        EntityManager requestEm = emf.createEntityManager();
        TransactionSynchronizationManager.bindResource(emf, new EntityManagerHolder(requestEm));
        try {
            transactions.accept(requestEm);
        } finally {
            TransactionSynchronizationManager.unbindResource(emf);
            requestEm.close();
        }
    }

    static List<SmartpayOperation> intents(Long orderId) {
        return journal().findByOrder(orderId).stream().filter(r -> r.getKind() == OperationKind.INTENT).toList();
    }

    /** The row once it is no longer PENDING (20 s at most). */
    static SmartpayOperation settled(String key) {
        return OperationsTestSupport.awaitSettled(key);
    }

    static void idle() {
        try {
            assertTrue(operations().awaitBackground(20_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Moves this node's clock past the operations' lease, so the worker takes what a dead node left. */
    static void afterTheLease() {
        long leaseMs = ctx.bean("blSmartpayOperationsSettings", SmartpayOperationsSettings.class).leaseMs();
        operations().setClock(Clock.offset(Clock.systemUTC(), Duration.ofMillis(leaseMs + 1_000)));
    }
}
