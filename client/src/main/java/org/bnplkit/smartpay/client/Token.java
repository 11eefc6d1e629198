package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * A payment token ({@code paytok_...}): a shopper's standing consent, made by a token-mode checkout session,
 * that {@link SmartpayClient#createOrder} charges later. Status values are in {@link TokenStatus}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class Token {

    private final String id;
    private final String status;
    private final String reference;
    private final Map<String, String> metadata;
    private final boolean test;
    private final Long createdAt;
    private final Long updatedAt;

    @JsonCreator
    Token(@JsonProperty("id") String id,
          @JsonProperty("status") String status,
          @JsonProperty("reference") String reference,
          @JsonProperty("metadata") Map<String, String> metadata,
          @JsonProperty("test") Boolean test,
          @JsonProperty("createdAt") Long createdAt,
          @JsonProperty("updatedAt") Long updatedAt) {
        this.id = id;
        this.status = status;
        this.reference = reference;
        this.metadata = Copies.mapOrEmpty(metadata);
        this.test = test != null && test;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    public String id() {
        return id;
    }

    /** {@code requires_authorization}, {@code active}, {@code rejected}, {@code disabled} or {@code deleted}. */
    public String status() {
        return status;
    }

    public String reference() {
        return reference;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    public boolean test() {
        return test;
    }

    public Long createdAt() {
        return createdAt;
    }

    public Long updatedAt() {
        return updatedAt;
    }

    @Override
    public String toString() {
        return "Token{id=" + id + ", status=" + status + ", reference=" + reference + ", test=" + test + "}";
    }
}
