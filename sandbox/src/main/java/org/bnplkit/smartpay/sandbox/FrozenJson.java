package org.bnplkit.smartpay.sandbox;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON value a record keeps as it was sent and echoes unchanged (addresses, customer info, the product fields of
 * a line item): stored as its UTF-8 text, which costs a tenth of a Jackson tree, and parsed again when rendered.
 */
final class FrozenJson {

    private final byte[] utf8;

    private FrozenJson(byte[] utf8) {
        this.utf8 = utf8;
    }

    /** Null for null. */
    static FrozenJson of(JsonNode node) {
        if (node == null) {
            return null;
        }
        try {
            return new FrozenJson(ApiResponse.JSON.writeValueAsBytes(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot keep a JSON value", e);
        }
    }

    /** A new tree each time: callers may put it into an answer. */
    JsonNode tree() {
        try {
            return ApiResponse.JSON.readTree(utf8);
        } catch (IOException e) {
            throw new IllegalStateException("a kept JSON value does not parse", e);
        }
    }
}
