package org.bnplkit.smartpay.operations;

import java.util.Map;

import org.bnplkit.smartpay.config.SmartpayPaymentGatewayType;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.operations.SmartpayOrderOperations.Send;

/**
 * The operations' side of the lifecycle triggers' durable intents (docs/lifecycle.md, "How the triggers see the
 * change"; an order management system's reports, "Broadleaf 6.2's order management events"). The triggers write the row {@link #newIntent} builds in the status change's own transaction, through the
 * committing session; after the commit they call {@link #decideIntent}. An intent whose node died before deciding it
 * is PENDING with an expired lease, so the retry worker decides it ({@link SmartpayOrderOperations#sendDueOperations}).
 */
public interface StatusChangeIntents {

    /** The OrderPayment gateway type of Smartpay payments: only changes of orders with an active one have an intent. */
    String SMARTPAY_GATEWAY_TYPE = SmartpayPaymentGatewayType.SMARTPAY.getType();

    /**
     * A PENDING intent row, not saved, claimed by this node for one lease (so the worker leaves it to the committing
     * thread unless this node dies). Reads nothing: safe inside another transaction's commit.
     */
    SmartpayOperation newIntent(IntentAction action, long orderId, Long fulfillmentGroupId, String description);

    /**
     * Like {@link #newIntent}, for a change an order management system reported at {@code reportedAt} (its event's
     * time) with the units it names ({@code quantities}: order item id → units; may be null): the decision reads both
     * from the row.
     */
    SmartpayOperation newReportedIntent(IntentAction action, long orderId, Long fulfillmentGroupId,
            Map<Long, Integer> quantities, long reportedAt, String description);

    /**
     * A change an order management system reported outside any transaction ({@code entityId}: the fulfillment group
     * or the order, as {@code action} says): its intent is journaled in a transaction of its own and decided at once.
     * Throws, journaling nothing, for an order not paid with Smartpay ({@link NotPaidWithSmartpayException}) or an
     * unknown fulfillment group ({@link SmartpayOperationException}).
     */
    OperationOutcome journalAndDecide(IntentAction action, long entityId, Map<Long, Integer> quantities,
            long reportedAt, String description, Send send);

    /**
     * Decides the committed intent {@code intentKey} into the operation it names (journaled, then sent now or on the
     * operations' threads) and removes it. A refusal leaves it FAILED with the reason and opens a TRIGGER_REFUSED
     * notice; nothing is thrown for it. Returns null when the intent is gone (decided already).
     */
    OperationOutcome decideIntent(String intentKey, Send send);
}
