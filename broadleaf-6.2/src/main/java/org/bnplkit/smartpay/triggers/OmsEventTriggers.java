package org.bnplkit.smartpay.triggers;

import javax.annotation.Resource;

import org.broadleafcommerce.common.event.ItemsCancelledEvent;
import org.broadleafcommerce.common.event.ItemsFulfilledEvent;
import org.broadleafcommerce.common.event.ItemsReturnedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Broadleaf 6.2: the lifecycle triggers also follow what an order management or warehouse integration publishes,
 * besides status changes. Each event is heard as it is published, so its intent is journaled in the publisher's
 * transaction (just before it commits) and decided after the commit, like a status change's; published outside a
 * transaction, it is journaled and decided at once. The decisions and the actions are the shared
 * {@link SmartpayLifecycleTriggers}' (docs/lifecycle.md, "Broadleaf 6.2's order management events").
 */
@Component("blSmartpayOmsEventTriggers")
public class OmsEventTriggers {

    @Resource(name = "blSmartpayLifecycleTriggers")
    protected SmartpayLifecycleTriggers triggers;

    /** Captures the group (the key of its status becoming a capture status: both capture once). */
    @EventListener
    public void itemsFulfilled(ItemsFulfilledEvent event) {
        triggers.groupFulfilled(event.getFulfillmentGroupId(), event.getTimestamp());
    }

    /** Refunds the units returned (order item id → units). */
    @EventListener
    public void itemsReturned(ItemsReturnedEvent event) {
        triggers.itemsReturned(event.getOrderId(), event.getItemsAndQuantitiesReturned(), event.getTimestamp());
    }

    /** Refunds paid-for units cancelled; the last units of an order end its authorization (order item id → units). */
    @EventListener
    public void itemsCancelled(ItemsCancelledEvent event) {
        triggers.itemsCancelled(event.getFulfillmentGroupId(), event.getItemsAndQuantitiesCancelled(), event.getTimestamp());
    }
}
