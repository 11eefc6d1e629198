package org.bnplkit.smartpay.triggers;

import org.broadleafcommerce.core.order.service.type.FulfillmentGroupStatusType;

/**
 * Fulfillment-group statuses Broadleaf 3.1 lacks, for stores that record returns on the group:
 * RETURNED (the whole shipment came back: its captured share is refunded) and PARTIALLY_RETURNED (the group's
 * items whose status is RETURNED are refunded, each once). Setting them on a FulfillmentGroupItem marks the item.
 *
 * <p>Broadleaf enumerations register themselves when their class loads; {@link SmartpayLifecycleTriggers}
 * touches this class at start-up so {@code FulfillmentGroupStatusType.getInstance("RETURNED")} resolves.
 */
public class SmartpayFulfillmentGroupStatusType extends FulfillmentGroupStatusType {

    private static final long serialVersionUID = 1L;

    public static final FulfillmentGroupStatusType RETURNED = new FulfillmentGroupStatusType("RETURNED", "Returned");
    public static final FulfillmentGroupStatusType PARTIALLY_RETURNED =
            new FulfillmentGroupStatusType("PARTIALLY_RETURNED", "Partially Returned");

    public SmartpayFulfillmentGroupStatusType() {
        super();
    }

    public SmartpayFulfillmentGroupStatusType(String type, String friendlyType) {
        super(type, friendlyType);
    }
}
