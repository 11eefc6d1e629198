package org.bnplkit.smartpay.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A Smartpay event; its JSON body is fixed when it happens so every delivery attempt sends the same bytes. */
final class SandboxEvent {

    static final String VERSION = "2022-02-18";

    final String id;
    final String type;
    final long createdAt;
    final boolean test;
    final ObjectNode json;
    final byte[] body;

    SandboxEvent(String type, long createdAt, boolean test, ObjectNode data) {
        this.id = SmartpayIds.next("evt", test);
        this.type = type;
        this.createdAt = createdAt;
        this.test = test;
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("id", id);
        event.put("object", "event");
        event.put("createdAt", createdAt);
        event.put("test", test);
        ObjectNode eventData = event.putObject("eventData");
        eventData.put("type", type);
        eventData.put("version", VERSION);
        eventData.set("data", data);
        this.json = event;
        try {
            this.body = ApiResponse.JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an event", e);
        }
    }
}
