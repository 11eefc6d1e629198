package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Body of {@code PATCH /promotion-codes/{id}}: only the fields set are sent. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class PromotionCodeUpdateParams {

    private final Boolean active;
    private final Map<String, String> metadata;

    private PromotionCodeUpdateParams(Builder builder) {
        this.active = builder.active;
        this.metadata = Copies.map(builder.metadata);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Boolean active() {
        return active;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof PromotionCodeUpdateParams)) {
            return false;
        }
        PromotionCodeUpdateParams that = (PromotionCodeUpdateParams) other;
        return Objects.equals(active, that.active) && Objects.equals(metadata, that.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(active, metadata);
    }

    @Override
    public String toString() {
        return "PromotionCodeUpdateParams{active=" + active + ", metadata=" + metadata + "}";
    }

    public static final class Builder {
        private Boolean active;
        private Map<String, String> metadata;

        private Builder() {
        }

        public Builder active(Boolean active) {
            this.active = active;
            return this;
        }

        /** Replaces the metadata as a whole. */
        public Builder metadata(Map<String, String> metadata) {
            this.metadata = metadata == null ? null : new LinkedHashMap<String, String>(metadata);
            return this;
        }

        public PromotionCodeUpdateParams build() {
            return new PromotionCodeUpdateParams(this);
        }
    }
}
