package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one Jackson configuration for Smartpay JSON: unknown properties are ignored (Smartpay adds fields),
 * nulls are left out of requests. Shared, thread-safe; exposed read-only for code that parses Smartpay JSON
 * it received some other way (webhook payloads).
 */
public final class SmartpayJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private SmartpayJson() {
    }

    /** Parses Smartpay JSON into a client model (e.g. a webhook event's {@code data} into {@link Payment}). */
    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not valid Smartpay JSON for " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Parses Smartpay JSON into a client model. */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not valid Smartpay JSON for " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Serialises a params object or model exactly as the client sends it (nulls omitted). */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }

    static JavaType pageOf(Class<?> itemType) {
        return MAPPER.getTypeFactory().constructParametricType(Page.class, itemType);
    }
}
