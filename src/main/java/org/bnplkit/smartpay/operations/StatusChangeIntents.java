package org.bnplkit.smartpay.operations;

import org.bnplkit.smartpay.config.SmartpayPaymentGatewayType;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.operations.SmartpayOrderOperations.Send;

/**
 * The operations' side of the lifecycle triggers' durable intents (docs/lifecycle.md, "How the triggers see the
 * change"). The triggers write the row {@link #newIntent} builds in the status change's own transaction, through the
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
     * Decides the committed intent {@code intentKey} into the operation it names (journaled, then sent now or on the
     * operations' threads) and removes it. A refusal leaves it FAILED with the reason and opens a TRIGGER_REFUSED
     * notice; nothing is thrown for it. Returns null when the intent is gone (decided already).
     */
    OperationOutcome decideIntent(String intentKey, Send send);
}
