package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Body of {@code PATCH /payments/{id}} and {@code PATCH /refunds/{id}}: only the fields set are sent. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonDeserialize(builder = ObjectUpdateParams.Builder.class)
public final class ObjectUpdateParams {

    private final String reference;
    private final String description;
    private final Map<String, String> metadata;

    private ObjectUpdateParams(Builder builder) {
        this.reference = builder.reference;
        this.description = builder.description;
        this.metadata = Copies.map(builder.metadata);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this object's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.reference = reference;
        builder.description = description;
        builder.metadata(metadata);
        return builder;
    }

    public String reference() {
        return reference;
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
        if (!(other instanceof ObjectUpdateParams)) {
            return false;
        }
        ObjectUpdateParams that = (ObjectUpdateParams) other;
        return Objects.equals(reference, that.reference) && Objects.equals(description, that.description) && Objects.equals(metadata, that.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reference, description, metadata);
    }

    @Override
    public String toString() {
        return "ObjectUpdateParams{" + "reference=" + reference + ", " + "description=" + description + ", " + "metadata=" + metadata + "}";
    }

    @JsonPOJOBuilder(withPrefix = "")
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Builder {
        private String reference;
        private String description;
        private Map<String, String> metadata;

        private Builder() {
        }

        public Builder reference(String reference) {
            this.reference = reference;
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

        public ObjectUpdateParams build() {
            return new ObjectUpdateParams(this);
        }
    }
}
