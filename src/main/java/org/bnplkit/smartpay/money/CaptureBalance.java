package org.bnplkit.smartpay.money;

import java.util.Objects;

/** What one Smartpay capture (payment) has taken and given back so far. */
public final class CaptureBalance {

    private final String captureId;
    private final long captured;
    private final long refunded;
    private final long sequence;

    private CaptureBalance(String captureId, long captured, long refunded, long sequence) {
        this.captureId = captureId;
        this.captured = captured;
        this.refunded = refunded;
        this.sequence = sequence;
    }

    /**
     * @param captureId the Smartpay payment id (or the journal's id for it); not blank, unique per refund
     * @param captured  0..uint32
     * @param refunded  0..captured
     * @param sequence  order of capture; higher = newer
     * @throws IllegalArgumentException on a blank id or amounts outside those ranges
     */
    public static CaptureBalance of(String captureId, long captured, long refunded, long sequence) {
        SmartpayLimits.requireName("capture id", captureId);
        SmartpayLimits.requireAmount("captured amount of " + captureId, captured);
        SmartpayLimits.requireAmount("refunded amount of " + captureId, refunded);
        if (refunded > captured) {
            throw new IllegalArgumentException("capture " + captureId + " has refunded " + Yen.format(refunded)
                    + ", more than it captured (" + Yen.format(captured) + ")");
        }
        return new CaptureBalance(captureId, captured, refunded, sequence);
    }

    public String captureId() {
        return captureId;
    }

    public long captured() {
        return captured;
    }

    public long refunded() {
        return refunded;
    }

    public long sequence() {
        return sequence;
    }

    /** captured − refunded: what a refund can still take from this capture. */
    public long remaining() {
        return captured - refunded;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CaptureBalance)) {
            return false;
        }
        CaptureBalance that = (CaptureBalance) o;
        return captured == that.captured && refunded == that.refunded && sequence == that.sequence
                && captureId.equals(that.captureId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(captureId, captured, refunded, sequence);
    }

    @Override
    public String toString() {
        return "CaptureBalance{" + captureId + " #" + sequence + " captured=" + Yen.format(captured)
                + ", refunded=" + Yen.format(refunded) + "}";
    }
}
