package org.bnplkit.smartpay.money;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Spreads one refund over the captures of an order: the newest capture (highest sequence) first,
 * each capture giving at most what it still has (captured − refunded), exhausted captures skipped.
 *
 * <p>Newest first because the last capture is usually the last shipment, which is what a shopper
 * returns first, and because it keeps older captures (and their settlement) untouched as long as
 * possible. Ties in sequence are broken by capture id, so the result never depends on list order.
 */
public final class RefundAllocation {

    private static final Comparator<CaptureBalance> NEWEST_FIRST =
            Comparator.comparingLong(CaptureBalance::sequence).reversed()
                    .thenComparing(CaptureBalance::captureId);

    private RefundAllocation() {
    }

    /**
     * @return one slice per capture touched, newest first; each 0 < slice ≤ that capture's
     *         remaining; Σ slices == amount
     * @throws IllegalArgumentException if amount ≤ 0, captures is null or holds a null, or two
     *         captures share an id
     * @throws OverRefundException      if amount exceeds Σ (captured − refunded); the message and
     *                                  {@link OverRefundException#refundable()} give that figure
     */
    public static List<RefundSlice> allocate(long amount, List<CaptureBalance> captures) {
        if (amount <= 0) {
            throw new IllegalArgumentException("refund amount must be positive, got " + amount);
        }
        if (captures == null) {
            throw new IllegalArgumentException("captures must not be null");
        }
        Set<String> ids = new HashSet<>();
        long refundable = 0;
        for (CaptureBalance capture : captures) {
            if (capture == null) {
                throw new IllegalArgumentException("captures must not contain null");
            }
            if (!ids.add(capture.captureId())) {
                throw new IllegalArgumentException("capture " + capture.captureId() + " is listed twice");
            }
            refundable += capture.remaining(); // ≤ uint32 each: no overflow for any real list
        }
        if (amount > refundable) {
            throw new OverRefundException(amount, refundable);
        }

        List<CaptureBalance> newestFirst = new ArrayList<>(captures);
        Collections.sort(newestFirst, NEWEST_FIRST);
        List<RefundSlice> slices = new ArrayList<>();
        long left = amount;
        for (CaptureBalance capture : newestFirst) {
            if (left == 0) {
                break;
            }
            long take = Math.min(left, capture.remaining());
            if (take > 0) {
                slices.add(RefundSlice.of(capture.captureId(), take));
                left -= take;
            }
        }
        return Collections.unmodifiableList(slices);
    }
}
