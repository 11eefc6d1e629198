package org.bnplkit.smartpay.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A payment or a refund: the merchant may PATCH its reference, description and metadata afterwards. */
abstract class MoneyMovementRecord extends StoredObject {

    String reference;
    String description;
    ObjectNode metadata;

    MoneyMovementRecord(String prefix, boolean test, long now, String reference, String description, ObjectNode metadata) {
        super(prefix, test, now);
        this.reference = reference;
        this.description = description;
        this.metadata = metadata;
    }
}
