package org.bnplkit.smartpay.webhooks;

import javax.annotation.Resource;

import org.bnplkit.smartpay.client.Order;
import org.bnplkit.smartpay.journal.NoticeKind;
import org.bnplkit.smartpay.journal.SmartpayNotices;
import org.bnplkit.smartpay.operations.SmartpayExternalChanges;
import org.bnplkit.smartpay.operations.SmartpayExternalChanges.Recorded;
import org.bnplkit.smartpay.operations.SmartpayOperationsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A Smartpay order cancelled outside the store (dashboard, expired authorization), once {@link SmartpayOrderSync} has
 * recorded what it released: the CANCELED_AT_SMARTPAY notice is opened, and with
 * gateway.smartpay.order.cancelWhenCancelledAtSmartpay=true the Broadleaf order is moved to CANCELLED as a cancellation
 * already done at Smartpay ({@link SmartpayExternalChanges#cancelOrderCancelledAtSmartpay}): its cancel trigger sends
 * no cancellation and no refund. Smartpay's cancel only releases what was not captured; captures stay captured, and
 * refunding them is left to a person.
 */
@Component("blSmartpayCanceledAtSmartpay")
public class CanceledAtSmartpay {

    private static final Logger LOG = LoggerFactory.getLogger(CanceledAtSmartpay.class);

    @Resource(name = "blSmartpayExternalChanges")
    protected SmartpayExternalChanges externalChanges;

    @Resource(name = "blSmartpayOperationsSettings")
    protected SmartpayOperationsSettings settings;

    @Resource(name = "blSmartpayNotices")
    protected SmartpayNotices notices;

    /**
     * Follows Smartpay's cancellation of {@code order} (Broadleaf order {@code recorded}); {@code firstImport}: its
     * release was recorded just now (the notice is opened), else it was recorded by an earlier sync (the notice is
     * refreshed only when the status moves now). Returns true when the Broadleaf order was moved to CANCELLED. A move
     * that fails is thrown after the notice says so: the event is processed again, and the move tried again.
     */
    boolean follow(Recorded recorded, Order order, long captured, long released, String source, boolean firstImport) {
        boolean moved = false;
        RuntimeException failed = null;
        if (settings.cancelWhenCancelledAtSmartpay()) {
            try {
                moved = externalChanges.cancelOrderCancelledAtSmartpay(recorded.orderId(), "Cancelled at Smartpay"
                        + " (imported by " + source + "): nothing sent, released or refunded by the store");
            } catch (RuntimeException e) {
                LOG.warn("Broadleaf order {} could not be moved to CANCELLED after Smartpay order {} was cancelled: {}",
                        recorded.orderId(), order.id(), e.toString());
                failed = e;
            }
        }
        if (firstImport || moved || failed != null) {
            notices.raise("canceled:" + order.id(), NoticeKind.CANCELED_AT_SMARTPAY, recorded.orderId(), order.id(),
                    message(order, captured, released, source, moved, failed));
        }
        if (failed != null) {
            throw failed;
        }
        return moved;
    }

    private static String message(Order order, long captured, long released, String source, boolean moved,
            RuntimeException failed) {
        String what = "Smartpay order " + order.id() + " was cancelled outside the store (Smartpay dashboard, or its"
                + " authorization expired). ¥" + released + " no longer authorized was recorded as REVERSE_AUTH"
                + (captured > 0 ? "; ¥" + captured + " captured before stays captured" : "") + ". ";
        String status;
        if (moved) {
            status = "The Broadleaf order was moved to CANCELLED (gateway.smartpay.order.cancelWhenCancelledAtSmartpay);"
                    + " nothing was sent to Smartpay and nothing refunded"
                    + (captured > 0 ? ": refund what was captured from the order's Smartpay panel if the shopper is owed it" : "")
                    + ".";
        } else if (failed != null) {
            status = "The Broadleaf order could not be moved to CANCELLED (" + failed.getClass().getSimpleName()
                    + "; the server log has the details): it is tried again when the event is processed again.";
        } else {
            status = "The Broadleaf order status was not changed: cancel it, or ask the shopper to pay again.";
        }
        return what + status + " (" + source + ")";
    }
}
