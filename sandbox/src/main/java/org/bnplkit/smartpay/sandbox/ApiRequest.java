package org.bnplkit.smartpay.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

/** One incoming request, read completely: method, path (split into segments), query, headers, body. */
final class ApiRequest {

    final String method;
    final String path;
    final List<String> segments;
    final Map<String, String> query;
    final Headers headers;
    final byte[] body;
    private JsonNode json;
    /** How long Smartpay "processes" this request (delay fault + response time), taken once by the handler. */
    long processingMillis;

    ApiRequest(String method, String path, String rawQuery, Headers headers, byte[] body) {
        this.method = method;
        this.path = path;
        this.segments = split(path);
        this.query = parseQuery(rawQuery);
        this.headers = headers;
        this.body = body;
    }

    static ApiRequest read(HttpExchange exchange) throws IOException {
        return new ApiRequest(exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT),
                exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders(), readAll(exchange.getRequestBody()));
    }

    static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int n;
        while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    String header(String name) {
        return headers == null ? null : headers.getFirst(name);
    }

    String queryParam(String name) {
        return query.get(name);
    }

    /** The segment at {@code index}, or null. */
    String segment(int index) {
        return index < segments.size() ? segments.get(index) : null;
    }

    /** The body as JSON (an empty body is {@code {}}); undecodable JSON is 400 {@code request.malformed}. */
    JsonNode json() {
        if (json == null) {
            json = parse(body);
        }
        return json;
    }

    /** The body as a JSON object, or 400 {@code request.invalid} when it is another JSON value. */
    ObjectNode jsonObject() {
        JsonNode node = json();
        if (!node.isObject()) {
            throw ApiException.invalid("body", "must be a JSON object");
        }
        return (ObjectNode) node;
    }

    static JsonNode parse(byte[] body) {
        if (isBlank(body)) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode node = ApiResponse.JSON.readTree(body);
            return node == null ? JsonNodeFactory.instance.objectNode() : node;
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "request.malformed", "The request body is not valid JSON: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ApiException(400, "request.malformed", "The request body could not be read");
        }
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                out.add(decode(part));
            }
        }
        return Collections.unmodifiableList(out);
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<String, String> out = new HashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!out.containsKey(name)) {
                out.put(name, value);
            }
        }
        return out;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, "UTF-8");
        } catch (UnsupportedEncodingException | IllegalArgumentException e) {
            return text;
        }
    }
}
