package org.bnplkit.smartpay.sandbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads typed fields out of a JSON payload and records every problem in {@link FieldErrors}
 * under the field's full path (e.g. {@code items[2].amount}). A JSON {@code null} counts as absent, and so
 * does an empty string in an optional text field (Smartpay's own SDK tests send {@code subLocality: ""} and
 * {@code line1: ""}); ISO codes are accepted in any case and returned in upper case, as the API echoes them.
 */
final class PayloadReader {

    static final long UINT32_MAX = 4294967295L;
    static final int MAX_METADATA_PAIRS = 20;

    final FieldErrors errors;

    PayloadReader(FieldErrors errors) {
        this.errors = errors;
    }

    static String path(String prefix, String field) {
        return prefix == null || prefix.isEmpty() ? field : prefix + "." + field;
    }

    private static JsonNode field(JsonNode parent, String name) {
        JsonNode node = parent == null ? null : parent.get(name);
        return node == null || node.isNull() ? null : node;
    }

    boolean present(JsonNode parent, String name) {
        return field(parent, name) != null;
    }

    /** A string of 1..maxLength characters (maxLength 0 = no limit). */
    String string(JsonNode parent, String name, String prefix, boolean required, int maxLength) {
        JsonNode node = field(parent, name);
        String path = path(prefix, name);
        if (node == null) {
            if (required) {
                errors.add(path, "is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            errors.add(path, "must be a string");
            return null;
        }
        String value = node.textValue();
        if (value.isEmpty()) {
            if (required) {
                errors.add(path, "must not be empty");
            }
            return null;
        }
        if (maxLength > 0 && value.codePointCount(0, value.length()) > maxLength) {
            errors.add(path, "must be at most " + maxLength + " characters");
            return null;
        }
        return value;
    }

    /** An integer in [min, max]. */
    Long integer(JsonNode parent, String name, String prefix, boolean required, long min, long max) {
        JsonNode node = field(parent, name);
        String path = path(prefix, name);
        if (node == null) {
            if (required) {
                errors.add(path, "is required");
            }
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            errors.add(path, "must be an integer");
            return null;
        }
        long value = node.longValue();
        if (value < min || value > max) {
            errors.add(path, "must be between " + min + " and " + max);
            return null;
        }
        return value;
    }

    String oneOf(JsonNode parent, String name, String prefix, boolean required, String... allowed) {
        String value = string(parent, name, prefix, required, 0);
        if (value != null && !Arrays.asList(allowed).contains(value)) {
            errors.add(path(prefix, name), "must be one of " + Arrays.toString(allowed));
            return null;
        }
        return value;
    }

    /**
     * Currency: a three-letter ISO code in any case, returned in upper case ({@code "jpy"} is {@code "JPY"}, as
     * the official PHP SDK sends it unchanged); JPY is the only one Smartpay supports.
     */
    String currency(JsonNode parent, String name, String prefix, boolean required) {
        String value = string(parent, name, prefix, required, 0);
        if (value == null) {
            return null;
        }
        String upper = value.toUpperCase(Locale.ROOT);
        if (!"JPY".equals(upper)) {
            errors.add(path(prefix, name), "must be JPY (the only currency Smartpay supports)");
            return null;
        }
        return upper;
    }

    /** Country: an ISO 3166-1 alpha-2 code in any case ({@code "jp"}), returned in upper case. */
    String country(JsonNode parent, String name, String prefix, boolean required) {
        String value = string(parent, name, prefix, required, 0);
        if (value == null) {
            return null;
        }
        if (!value.matches("[A-Za-z]{2}")) {
            errors.add(path(prefix, name), "must be an ISO 3166-1 alpha-2 code such as JP");
            return null;
        }
        return value.toUpperCase(Locale.ROOT);
    }

    Boolean bool(JsonNode parent, String name, String prefix) {
        JsonNode node = field(parent, name);
        if (node == null) {
            return null;
        }
        if (!node.isBoolean()) {
            errors.add(path(prefix, name), "must be true or false");
            return null;
        }
        return node.booleanValue();
    }

    ObjectNode object(JsonNode parent, String name, String prefix, boolean required) {
        JsonNode node = field(parent, name);
        String path = path(prefix, name);
        if (node == null) {
            if (required) {
                errors.add(path, "is required");
            }
            return null;
        }
        if (!node.isObject()) {
            errors.add(path, "must be an object");
            return null;
        }
        return (ObjectNode) node;
    }

    ArrayNode array(JsonNode parent, String name, String prefix, boolean required) {
        JsonNode node = field(parent, name);
        String path = path(prefix, name);
        if (node == null) {
            if (required) {
                errors.add(path, "is required");
            }
            return null;
        }
        if (!node.isArray()) {
            errors.add(path, "must be an array");
            return null;
        }
        return (ArrayNode) node;
    }

    List<String> stringList(JsonNode parent, String name, String prefix, int maxSize) {
        ArrayNode array = array(parent, name, prefix, false);
        if (array == null) {
            return null;
        }
        String path = path(prefix, name);
        if (maxSize > 0 && array.size() > maxSize) {
            errors.add(path, "must have at most " + maxSize + " entries");
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode element = array.get(i);
            if (!element.isTextual() || element.textValue().isEmpty()) {
                errors.add(path + "[" + i + "]", "must be a non-empty string");
            } else {
                out.add(element.textValue());
            }
        }
        return out;
    }

    /** Metadata: an object of at most 20 pairs with string values. Absent gives an empty object. */
    ObjectNode metadata(JsonNode parent, String name, String prefix) {
        ObjectNode node = object(parent, name, prefix, false);
        String path = path(prefix, name);
        if (node == null) {
            return present(parent, name) ? null : JsonNodeFactory.instance.objectNode();
        }
        if (node.size() > MAX_METADATA_PAIRS) {
            errors.add(path, "must have at most " + MAX_METADATA_PAIRS + " key/value pairs");
            return null;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            if (!entry.getValue().isTextual()) {
                errors.add(path + "." + entry.getKey(), "must be a string");
                return null;
            }
        }
        return node.deepCopy();
    }

    /** A deep copy without the fields whose value is JSON null (an explicit null is an absent field). */
    static ObjectNode withoutNulls(ObjectNode node) {
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            copy.set(field.getKey(), value.isObject() ? withoutNulls((ObjectNode) value) : value.deepCopy());
        }
        return copy;
    }
}
