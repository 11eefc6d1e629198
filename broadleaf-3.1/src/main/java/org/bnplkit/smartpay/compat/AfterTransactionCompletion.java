package org.bnplkit.smartpay.compat;

import java.util.function.Consumer;

import org.hibernate.action.spi.AfterTransactionCompletionProcess;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.event.spi.EventSource;

/** Broadleaf 3.1 (Hibernate 4.1): runs a callback when the session's transaction completes. */
public final class AfterTransactionCompletion {

    private AfterTransactionCompletion() {
    }

    /** {@code callback} receives whether the transaction committed. */
    public static void register(EventSource session, final Consumer<Boolean> callback) {
        session.getActionQueue().registerProcess(new AfterTransactionCompletionProcess() {
            @Override
            public void doAfterTransactionCompletion(boolean success, SessionImplementor s) {
                callback.accept(success);
            }
        });
    }
}
