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

/** Body of {@code PATCH /webhook-endpoints/{id}}: only the fields set are sent. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonDeserialize(builder = WebhookEndpointUpdateParams.Builder.class)
public final class WebhookEndpointUpdateParams {

    private final String url;
    private final List<String> eventSubscriptions;
    private final String description;
    private final Map<String, String> metadata;
    private final Boolean active;

    private WebhookEndpointUpdateParams(Builder builder) {
        this.url = builder.url;
        this.eventSubscriptions = Copies.list(builder.eventSubscriptions);
        this.description = builder.description;
        this.metadata = Copies.map(builder.metadata);
        this.active = builder.active;
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
        builder.active = active;
        return builder;
    }

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

    /** False stops deliveries. */
    public Boolean active() {
        return active;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof WebhookEndpointUpdateParams)) {
            return false;
        }
        WebhookEndpointUpdateParams that = (WebhookEndpointUpdateParams) other;
        return Objects.equals(url, that.url) && Objects.equals(eventSubscriptions, that.eventSubscriptions) && Objects.equals(description, that.description) && Objects.equals(metadata, that.metadata) && Objects.equals(active, that.active);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, eventSubscriptions, description, metadata, active);
    }

    @Override
    public String toString() {
        return "WebhookEndpointUpdateParams{" + "url=" + url + ", " + "eventSubscriptions=" + eventSubscriptions + ", " + "description=" + description + ", " + "metadata=" + metadata + ", " + "active=" + active + "}";
    }

    @JsonPOJOBuilder(withPrefix = "")
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Builder {
        private String url;
        private List<String> eventSubscriptions;
        private String description;
        private Map<String, String> metadata;
        private Boolean active;

        private Builder() {
        }

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

        /** False stops deliveries. */
        public Builder active(Boolean active) {
            this.active = active;
            return this;
        }

        public WebhookEndpointUpdateParams build() {
            return new WebhookEndpointUpdateParams(this);
        }
    }
}
