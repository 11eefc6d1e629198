package org.bnplkit.smartpay.triggers;

import javax.annotation.Resource;

import org.broadleafcommerce.common.event.ItemsFulfilledEvent;
import org.broadleafcommerce.common.event.ItemsReturnedEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Broadleaf 6.2: the lifecycle triggers also follow what an order management or warehouse integration publishes,
 * besides status changes. Each runs after the publisher's transaction commits (or at once when there is none), like
 * the status triggers; the decisions and the actions are the shared {@link SmartpayLifecycleTriggers}'.
 * {@code ItemsCancelledEvent} moves no money by design: a group is captured as it is when it ships, and an order
 * whose items are all cancelled becomes CANCELLED, which releases the authorization (docs/lifecycle.md).
 */
@Component("blSmartpayOmsEventTriggers")
public class OmsEventTriggers {

    @Resource(name = "blSmartpayLifecycleTriggers")
    protected SmartpayLifecycleTriggers triggers;

    @TransactionalEventListener(fallbackExecution = true)
    public void itemsFulfilled(ItemsFulfilledEvent event) {
        triggers.groupFulfilled(event.getFulfillmentGroupId());
    }

    @TransactionalEventListener(fallbackExecution = true)
    public void itemsReturned(ItemsReturnedEvent event) {
        triggers.itemsReturned(event.getOrderId(), event.getItemsAndQuantitiesReturned(), event.getTimestamp());
    }
}
