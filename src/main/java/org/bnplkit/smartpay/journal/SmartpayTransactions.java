package org.bnplkit.smartpay.journal;

import javax.annotation.PostConstruct;
import javax.annotation.Resource;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The module's own transactions on Broadleaf's blTransactionManager. Always REQUIRES_NEW: the module is called
 * from after-commit callbacks, scheduled jobs, web requests and integrator code that may be inside a transaction of
 * its own, and what it writes (a journal row before an HTTP call, an inbox row before answering 200) must be
 * committed when the call returns, whatever the caller does next.
 */
@Component("blSmartpayTransactions")
public class SmartpayTransactions {

    @Resource(name = "blTransactionManager")
    protected PlatformTransactionManager transactionManager;

    private TransactionTemplate writing;
    private TransactionTemplate reading;

    @PostConstruct
    public void init() {
        writing = new TransactionTemplate(transactionManager);
        writing.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        reading = new TransactionTemplate(transactionManager);
        reading.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        reading.setReadOnly(true);
    }

    /** Runs {@code work} in a new transaction, committed before this returns. */
    public <T> T write(TransactionCallback<T> work) {
        return writing.execute(work);
    }

    /** Runs {@code work} in a new read-only transaction: several reads, one round of transaction overhead. */
    public <T> T read(TransactionCallback<T> work) {
        return reading.execute(work);
    }
}
