package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/** A registered webhook endpoint. {@link #signingSecret()} is a secret: toString() never shows it. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class WebhookEndpoint {

    private final String id;
    private final String url;
    private final boolean active;
    private final List<String> eventSubscriptions;
    private final String description;
    private final Map<String, String> metadata;
    private final String signingSecret;
    private final boolean test;
    private final Long createdAt;
    private final Long updatedAt;

    @JsonCreator
    WebhookEndpoint(
            @JsonProperty("id") String id,
            @JsonProperty("url") String url,
            @JsonProperty("active") Boolean active,
            @JsonProperty("eventSubscriptions") List<String> eventSubscriptions,
            @JsonProperty("description") String description,
            @JsonProperty("metadata") Map<String, String> metadata,
            @JsonProperty("signingSecret") String signingSecret,
            @JsonProperty("test") Boolean test,
            @JsonProperty("createdAt") Long createdAt,
            @JsonProperty("updatedAt") Long updatedAt) {
        this.id = id;
        this.url = url;
        this.active = active != null && active;
        this.eventSubscriptions = Copies.listOrEmpty(eventSubscriptions);
        this.description = description;
        this.metadata = Copies.mapOrEmpty(metadata);
        this.signingSecret = signingSecret;
        this.test = test != null && test;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    public String id() {
        return id;
    }

    public String url() {
        return url;
    }

    /** False when Smartpay did not say it is active. */
    public boolean active() {
        return active;
    }

    /** Empty = every event. */
    public List<String> eventSubscriptions() {
        return eventSubscriptions;
    }

    public String description() {
        return description;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /** Secret for verifying deliveries (base62). Keep it out of logs. */
    public String signingSecret() {
        return signingSecret;
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
        return "WebhookEndpoint{" + "id=" + id + ", " + "url=" + url + ", " + "active=" + active + ", " + "eventSubscriptions=" + eventSubscriptions + ", " + "description=" + description + ", " + "test=" + test + "}";
    }
}
