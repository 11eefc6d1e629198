package org.bnplkit.smartpay.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A payment token (card on file): requires_authorization -> active | rejected; active <-> disabled; deleted. */
final class TokenRecord extends StoredObject {

    static final String REQUIRES_AUTHORIZATION = "requires_authorization";
    static final String ACTIVE = "active";
    static final String REJECTED = "rejected";
    static final String DISABLED = "disabled";
    static final String DELETED = "deleted";

    String status = REQUIRES_AUTHORIZATION;
    final String reference;
    final ObjectNode metadata;

    TokenRecord(boolean test, long now, String reference, ObjectNode metadata) {
        super("paytok", test, now);
        this.reference = reference;
        this.metadata = metadata;
    }

    @Override
    boolean isVisible() {
        return !DELETED.equals(status);
    }
}
