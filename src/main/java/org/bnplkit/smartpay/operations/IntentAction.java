package org.bnplkit.smartpay.operations;

/**
 * What a status change's or an order management system's report's intent (a journal row of kind INTENT) asks for
 * once it is decided. Its key is {@code intent:<slug>:<fulfillment group or order id>:<nonce>}; the operation it
 * becomes keeps today's key ({@code capture:fg:<id>}, {@code refund:return:fg:<id>}, {@code refund:return:fgi:<item id>},
 * {@code cancel:order:<id>}, {@code refund:return:oms:<order id>:<report time>}, …), so an intent decided twice moves
 * money once. A report's nonce starts with the report's time ({@link #reportedAt}); its items are the row's
 * ITEM_QUANTITIES ({@code orderItemId:quantity,…}).
 */
public enum IntentAction {
    /** A fulfillment group entered a capture status: capture its share. */
    CAPTURE_SHIPMENT("capture-shipment", true),
    /** A fulfillment group became RETURNED: refund what was captured for it. */
    RETURN_SHIPMENT("return-shipment", true),
    /** A fulfillment group became PARTIALLY_RETURNED: refund its items whose status is RETURNED. */
    RETURN_ITEMS("return-items", true),
    /** An order became CANCELLED: cancel it at Smartpay. */
    CANCEL_ORDER("cancel-order", false),
    /** Items of an order were reported returned (Broadleaf 6's ItemsReturnedEvent): refund those units. */
    REFUND_REPORTED_RETURN("reported-return", false),
    /** Items of a fulfillment group were reported cancelled (Broadleaf 6's ItemsCancelledEvent); see ItemsCancellation. */
    SETTLE_REPORTED_CANCEL("reported-cancel", true);

    private static final String PREFIX = "intent:";

    private final String slug;
    private final boolean ofFulfillmentGroup;

    IntentAction(String slug, boolean ofFulfillmentGroup) {
        this.slug = slug;
        this.ofFulfillmentGroup = ofFulfillmentGroup;
    }

    /** True when the id in the key is a fulfillment group's (else an order's). */
    public boolean ofFulfillmentGroup() {
        return ofFulfillmentGroup;
    }

    /** The key of one intent of this action on {@code entityId}; {@code nonce} tells two status changes apart. */
    public String key(long entityId, String nonce) {
        return PREFIX + slug + ":" + entityId + ":" + nonce;
    }

    /** The key of a reported change's intent: its nonce starts with the report's time, so the decision can read it. */
    public String reportKey(long entityId, long reportedAt, String nonce) {
        return key(entityId, reportedAt + "." + nonce);
    }

    /** The report's time a reported change's key carries ({@link #reportKey}). */
    public static long reportedAt(String key) {
        IntentAction action = ofKey(key);
        if (action == null) {
            throw new IllegalArgumentException("not an intent key: " + key);
        }
        String rest = key.substring(PREFIX.length() + action.slug.length() + 1);
        String nonce = rest.substring(rest.indexOf(':') + 1);
        int dot = nonce.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("not a reported change's intent key: " + key);
        }
        return Long.parseLong(nonce.substring(0, dot));
    }

    /** The action named by an intent's key, or null when {@code key} is not an intent's. */
    public static IntentAction ofKey(String key) {
        if (key == null || !key.startsWith(PREFIX)) {
            return null;
        }
        for (IntentAction action : values()) {
            if (key.startsWith(PREFIX + action.slug + ":")) {
                return action;
            }
        }
        return null;
    }

    /** The fulfillment group or order id an intent's key names. */
    public static long entityId(String key) {
        IntentAction action = ofKey(key);
        if (action == null) {
            throw new IllegalArgumentException("not an intent key: " + key);
        }
        String rest = key.substring(PREFIX.length() + action.slug.length() + 1);
        int colon = rest.indexOf(':');
        return Long.parseLong(colon < 0 ? rest : rest.substring(0, colon));
    }
}
