package org.bnplkit.smartpay.sandbox;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A registered webhook endpoint. {@code active} and {@code deleted} are read by delivery threads. */
final class WebhookEndpointRecord extends StoredObject {

    volatile String url;
    volatile boolean active = true;
    volatile boolean deleted;
    String description;
    /** Empty = every event. */
    volatile List<String> eventSubscriptions;
    ObjectNode metadata;
    final String signingSecret;

    WebhookEndpointRecord(boolean test, long now, String url, List<String> eventSubscriptions,
                          String description, ObjectNode metadata) {
        super("webhookendpoint", test, now);
        this.url = url;
        this.eventSubscriptions = eventSubscriptions;
        this.description = description;
        this.metadata = metadata;
        this.signingSecret = WebhookSigning.newSigningSecret();
    }

    boolean subscribesTo(String eventType) {
        List<String> subscriptions = eventSubscriptions;
        return subscriptions == null || subscriptions.isEmpty() || subscriptions.contains(eventType);
    }

    @Override
    boolean isVisible() {
        return !deleted;
    }

    @Override
    public String toString() {
        return "WebhookEndpoint[" + id + " " + url + (active ? "" : " inactive") + "]"; // never the signing secret
    }
}
