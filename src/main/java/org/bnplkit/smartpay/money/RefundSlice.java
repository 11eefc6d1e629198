package org.bnplkit.smartpay.money;

import java.util.Objects;

/** The part of a refund taken from one capture: one {@code POST /refunds} against that payment. */
public final class RefundSlice {

    private final String captureId;
    private final long amount;

    private RefundSlice(String captureId, long amount) {
        this.captureId = captureId;
        this.amount = amount;
    }

    /** @throws IllegalArgumentException on a blank id or an amount outside 1..uint32 */
    public static RefundSlice of(String captureId, long amount) {
        SmartpayLimits.requireName("capture id", captureId);
        SmartpayLimits.requireAmount("refund slice amount", amount);
        if (amount == 0) {
            throw new IllegalArgumentException("refund slice amount must be positive");
        }
        return new RefundSlice(captureId, amount);
    }

    public String captureId() {
        return captureId;
    }

    public long amount() {
        return amount;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RefundSlice)) {
            return false;
        }
        RefundSlice that = (RefundSlice) o;
        return amount == that.amount && captureId.equals(that.captureId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(captureId, amount);
    }

    @Override
    public String toString() {
        return "RefundSlice{" + captureId + " " + Yen.format(amount) + "}";
    }
}
