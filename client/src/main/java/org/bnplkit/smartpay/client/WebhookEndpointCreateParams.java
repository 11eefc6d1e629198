package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Body of {@code POST /webhook-endpoints}. No {@code eventSubscriptions} means every event. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonDeserialize(builder = WebhookEndpointCreateParams.Builder.class)
public final class WebhookEndpointCreateParams {

    private final String url;
    private final List<String> eventSubscriptions;
    private final String description;
    private final Map<String, String> metadata;

    private WebhookEndpointCreateParams(Builder builder) {
        this.url = builder.url;
        this.eventSubscriptions = Copies.list(builder.eventSubscriptions);
        this.description = builder.description;
        this.metadata = Copies.map(builder.metadata);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this object's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.url = url;
        builder.eventSubscriptions(eventSubscriptions);
        builder.description = description;
        builder.metadata(metadata);
        return builder;
    }

    /** Required. */
    public String url() {
        return url;
    }

    public List<String> eventSubscriptions() {
        return eventSubscriptions;
    }

    public String description() {
        return description;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof WebhookEndpointCreateParams)) {
            return false;
        }
        WebhookEndpointCreateParams that = (WebhookEndpointCreateParams) other;
        return Objects.equals(url, that.url) && Objects.equals(eventSubscriptions, that.eventSubscriptions) && Objects.equals(description, that.description) && Objects.equals(metadata, that.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, eventSubscriptions, description, metadata);
    }

    @Override
    public String toString() {
        return "WebhookEndpointCreateParams{" + "url=" + url + ", " + "eventSubscriptions=" + eventSubscriptions + ", " + "description=" + description + ", " + "metadata=" + metadata + "}";
    }

    @JsonPOJOBuilder(withPrefix = "")
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Builder {
        private String url;
        private List<String> eventSubscriptions;
        private String description;
        private Map<String, String> metadata;

        private Builder() {
        }

        /** Required. */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        public Builder eventSubscriptions(List<String> eventSubscriptions) {
            this.eventSubscriptions = eventSubscriptions == null ? null : new ArrayList<String>(eventSubscriptions);
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder metadata(Map<String, String> metadata) {
            this.metadata = metadata == null ? null : new LinkedHashMap<String, String>(metadata);
            return this;
        }

        public WebhookEndpointCreateParams build() {
            if (url == null) {
                throw new IllegalArgumentException("WebhookEndpointCreateParams: url is required");
            }
            return new WebhookEndpointCreateParams(this);
        }
    }
}
