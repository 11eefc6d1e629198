package org.bnplkit.smartpay.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Collects every problem of one payload so that a 400 {@code request.invalid} names all bad fields at once. */
final class FieldErrors {

    private final ArrayNode details = JsonNodeFactory.instance.arrayNode();
    private final StringBuilder summary = new StringBuilder();

    void add(String field, String problem) {
        ObjectNode detail = details.addObject();
        detail.put("field", field);
        detail.put("message", problem);
        if (summary.length() > 0) {
            summary.append("; ");
        }
        summary.append(field).append(' ').append(problem);
    }

    boolean isEmpty() {
        return details.size() == 0;
    }

    boolean has(String field) {
        for (int i = 0; i < details.size(); i++) {
            String f = details.get(i).path("field").asText();
            if (f.equals(field) || f.startsWith(field + ".") || f.startsWith(field + "[")) {
                return true;
            }
        }
        return false;
    }

    ApiException toException() {
        return new ApiException(400, "request.invalid", "Invalid request: " + summary, details);
    }

    void throwIfAny() {
        if (!isEmpty()) {
            throw toException();
        }
    }
}
