package org.bnplkit.smartpay.sandbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A read-only snapshot of one payment (capture) for assertions. */
public final class SandboxPayment {

    private final String id;
    private final long amount;
    private final long refunded;
    private final String status;
    private final List<String> refundIds;

    SandboxPayment(PaymentRecord payment) {
        this.id = payment.id;
        this.amount = payment.amount;
        this.refunded = payment.refundedTotal;
        this.status = payment.status;
        List<String> ids = new ArrayList<>();
        for (RefundRecord refund : payment.refunds) {
            ids.add(refund.id);
        }
        this.refundIds = Collections.unmodifiableList(ids);
    }

    public String id() {
        return id;
    }

    public long amount() {
        return amount;
    }

    /** Σ refunds of this payment. */
    public long refunded() {
        return refunded;
    }

    /** {@code processed} or {@code refunded}. */
    public String status() {
        return status;
    }

    public List<String> refundIds() {
        return refundIds;
    }

    @Override
    public String toString() {
        return "SandboxPayment[" + id + " " + amount + " JPY, refunded " + refunded + ", " + status + "]";
    }
}
