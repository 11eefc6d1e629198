package org.bnplkit.smartpay.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A checkout session: either for an order (the usual case) or, in token mode, for a payment token. */
final class CheckoutSessionRecord extends StoredObject {

    final String url;
    final String successUrl;
    final String cancelUrl;
    final FrozenJson customerInfo;
    final ObjectNode metadata;
    final String reference;
    final String description;
    final String locale;
    final OrderRecord order;
    final TokenRecord token;

    CheckoutSessionRecord(boolean test, long now, String rootUrl, String successUrl, String cancelUrl,
                          FrozenJson customerInfo, ObjectNode metadata, String reference, String description,
                          String locale, OrderRecord order, TokenRecord token) {
        super("checkout", test, now);
        this.url = rootUrl + "/checkout/" + id;
        this.successUrl = successUrl;
        this.cancelUrl = cancelUrl;
        this.customerInfo = customerInfo;
        this.metadata = metadata;
        this.reference = reference;
        this.description = description;
        this.locale = locale;
        this.order = order;
        this.token = token;
    }

    boolean isTokenMode() {
        return token != null;
    }
}
