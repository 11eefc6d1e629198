package org.bnplkit.smartpay.operations;

import static org.bnplkit.smartpay.operations.OperationsTestSupport.ctx;
import static org.bnplkit.smartpay.operations.OperationsTestSupport.journal;
import static org.bnplkit.smartpay.operations.OperationsTestSupport.operations;
import static org.bnplkit.smartpay.operations.OperationsTestSupport.sandbox;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.bnplkit.smartpay.client.CaptureMethod;
import org.bnplkit.smartpay.client.RefundReason;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.operations.PaidOrderFixture.Paid;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Integrator code calling the operations from a web request: Broadleaf's OpenEntityManagerInView filters bind one
 * EntityManager to the thread for the whole request. The operations must still work on persistence contexts of their
 * own (a journal row cached in the request's would be stale after the journal's conditional UPDATEs), and leave the
 * request's EntityManager bound as they found it.
 */
class CallerPersistenceContextIT {

    private final PaidOrderFixture fixture = new PaidOrderFixture(ctx());

    @AfterEach
    void settings() {
        OperationsTestSupport.testSettings();
    }

    @Test
    void captureRefundRetryAndCancelInsideAnOpenEntityManagerInViewRequest() {
        Paid paid = fixture.paidOrder(CaptureMethod.MANUAL, new long[]{3000, 2000}, new int[]{1, 1});
        OperationOutcome capture = inRequest(() -> operations().capture(paid.groupIds().get(0)));
        assertEquals(OperationStatus.SUCCEEDED, capture.status(), capture.toString());
        OperationOutcome explicit = inRequest(() -> operations().capture(paid.orderId(), 500L));
        assertEquals(OperationStatus.SUCCEEDED, explicit.status(), explicit.toString());

        sandbox().injectFault(org.bnplkit.smartpay.sandbox.SandboxFault.status(409).errorCode("payment.refund-failed")
                .times(1).on("POST", "/v1/refunds"));
        OperationOutcome refused = inRequest(() -> operations().refund(paid.orderId(), 700, RefundReason.REQUESTED_BY_CUSTOMER,
                "RMA", "oemiv-" + paid.orderId()));
        assertEquals(OperationStatus.FAILED, refused.overallStatus(), refused.toString());
        OperationOutcome retried = inRequest(() -> operations().retry(refused.parts().get(0).operationKey()));
        assertEquals(OperationStatus.SUCCEEDED, retried.status(), retried.toString());

        ctx().properties().set(SmartpayOperationsSettings.CANCEL_REFUND_CAPTURED, "false");
        OperationOutcome cancel = inRequest(() -> operations().cancel(paid.orderId()));
        assertEquals(OperationStatus.SUCCEEDED, cancel.overallStatus(), cancel.toString());

        assertEquals(2, fixture.transactions(paid.orderId(), PaymentTransactionType.CAPTURE).size());
        // ¥700 over the captures newest first: ¥500 from the explicit capture, ¥200 from the shipment's
        assertEquals(2, fixture.transactions(paid.orderId(), PaymentTransactionType.REFUND).size());
        assertEquals(1, fixture.transactions(paid.orderId(), PaymentTransactionType.REVERSE_AUTH).size());
        assertEquals(OperationStatus.SUCCEEDED, journal().find(capture.operationKey()).getStatus());
        assertEquals(capture.amount() + 500, sandbox().order(paid.smartpayOrderId()).captured());
        assertEquals(700, sandbox().order(paid.smartpayOrderId()).refunded());
        // Smartpay closes an order with captures as succeeded when it is cancelled; the rest is released all the same
        assertEquals("succeeded", sandbox().order(paid.smartpayOrderId()).status());
        assertTrue(sandbox().order(paid.smartpayOrderId()).remainderReleased(), "the rest was released");
    }

    /** Runs {@code work} as a storefront or admin request does: with an EntityManager bound to the thread. */
    private static <T> T inRequest(Supplier<T> work) {
        EntityManagerFactory emf = ctx().bean("entityManagerFactory", EntityManagerFactory.class);
        EntityManager requestEm = emf.createEntityManager();
        EntityManagerHolder holder = new EntityManagerHolder(requestEm);
        TransactionSynchronizationManager.bindResource(emf, holder);
        try {
            T result = work.get();
            assertSame(holder, TransactionSynchronizationManager.getResource(emf), "the request's EntityManager is bound again");
            assertTrue(requestEm.isOpen());
            return result;
        } finally {
            TransactionSynchronizationManager.unbindResource(emf);
            requestEm.close();
        }
    }
}
