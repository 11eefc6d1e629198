package org.bnplkit.smartpay.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An API answer in Smartpay's error shape {@code {statusCode, errorCode, message, details}}. */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;
    private final ArrayNode details;

    ApiException(int status, String errorCode, String message, ArrayNode details) {
        super(message, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
        this.details = details == null ? JsonNodeFactory.instance.arrayNode() : details;
    }

    ApiException(int status, String errorCode, String message) {
        this(status, errorCode, message, null);
    }

    static ApiException notFound(String errorCode, String id) {
        return new ApiException(404, errorCode, "No such object: " + id);
    }

    static ApiException invalid(String field, String problem) {
        FieldErrors errors = new FieldErrors();
        errors.add(field, problem);
        return errors.toException();
    }

    int status() {
        return status;
    }

    String errorCode() {
        return errorCode;
    }

    ObjectNode body() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("statusCode", status);
        body.put("errorCode", errorCode);
        body.put("message", getMessage());
        body.set("details", details);
        return body;
    }

    ApiResponse toResponse() {
        return ApiResponse.json(status, body());
    }
}
