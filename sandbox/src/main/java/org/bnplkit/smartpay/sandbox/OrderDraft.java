package org.bnplkit.smartpay.sandbox;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A validated order payload (from a checkout session or a token order), before ids are given. */
final class OrderDraft {

    long amount;
    String currency;
    String captureMethod;
    String reference;
    String description;
    ObjectNode metadata;
    JsonNode shippingInfo;
    JsonNode customerInfo;
    String locale;
    final List<Item> items = new ArrayList<>();

    static final class Item {
        String kind;
        String name;
        long unitAmount;
        String currency;
        int quantity;
        String description;
        ObjectNode metadata;
        /** The item as sent: product fields (brand, images, url, ...) are echoed from it. */
        JsonNode source;
    }
}
