package org.bnplkit.smartpay.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What the sandbox answers: status, content type, extra headers and the body bytes. Immutable. */
final class ApiResponse {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String JSON_TYPE = "application/json; charset=utf-8";

    private static final byte[] EMPTY = new byte[0];

    final int status;
    final String contentType;
    final byte[] body;
    final Map<String, String> headers;

    private ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.headers = headers;
    }

    static ApiResponse json(int status, JsonNode node) {
        try {
            return new ApiResponse(status, JSON_TYPE, JSON.writeValueAsBytes(node), Collections.<String, String>emptyMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a response", e);
        }
    }

    static ApiResponse ok(JsonNode node) {
        return json(200, node);
    }

    /** 204 with no body (DELETE). */
    static ApiResponse noContent() {
        return new ApiResponse(204, null, EMPTY, Collections.<String, String>emptyMap());
    }

    /** 200 with an empty body (token enable / disable). */
    static ApiResponse emptyOk() {
        return new ApiResponse(200, null, EMPTY, Collections.<String, String>emptyMap());
    }

    static ApiResponse html(int status, String html) {
        return new ApiResponse(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8),
                Collections.<String, String>emptyMap());
    }

    static ApiResponse seeOther(String location) {
        return new ApiResponse(303, null, EMPTY, Collections.<String, String>emptyMap()).withHeader("Location", location);
    }

    ApiResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiResponse(status, contentType, body, Collections.unmodifiableMap(copy));
    }

    /** The same answer with another body (the stored, compressed form of an idempotency record). */
    ApiResponse withBody(byte[] otherBody) {
        return new ApiResponse(status, contentType, otherBody, headers);
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
