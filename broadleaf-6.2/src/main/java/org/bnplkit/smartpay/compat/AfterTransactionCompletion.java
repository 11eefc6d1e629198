package org.bnplkit.smartpay.compat;

import java.util.function.Consumer;

import org.hibernate.action.spi.AfterTransactionCompletionProcess;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.event.spi.EventSource;

/** Broadleaf 6.2 (Hibernate 5.4): runs a callback when the session's transaction completes. */
public final class AfterTransactionCompletion {

    private AfterTransactionCompletion() {
    }

    /** {@code callback} receives whether the transaction committed. */
    public static void register(EventSource session, final Consumer<Boolean> callback) {
        session.getActionQueue().registerProcess(new AfterTransactionCompletionProcess() {
            @Override
            public void doAfterTransactionCompletion(boolean success, SharedSessionContractImplementor s) {
                callback.accept(success);
            }
        });
    }
}
