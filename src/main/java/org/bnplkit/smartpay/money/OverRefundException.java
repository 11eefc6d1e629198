package org.bnplkit.smartpay.money;

/**
 * A refund asks for more than the captures still hold (Σ captured − refunded). Nothing is sent:
 * Smartpay would refuse the excess, and a partial refund would not be what was asked for.
 */
public class OverRefundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long requested;
    private final long refundable;

    public OverRefundException(long requested, long refundable) {
        super("refund of " + Yen.format(requested) + " exceeds the refundable amount " + Yen.format(refundable)
                + " (captured minus already refunded)");
        this.requested = requested;
        this.refundable = refundable;
    }

    public long requested() {
        return requested;
    }

    /** What can still be refunded over all captures. */
    public long refundable() {
        return refundable;
    }
}
