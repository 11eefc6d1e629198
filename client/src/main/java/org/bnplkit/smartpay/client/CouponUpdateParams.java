package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Body of {@code PATCH /coupons/{id}}: only the fields set are sent (the discount itself cannot change). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class CouponUpdateParams {

    private final String name;
    private final Boolean active;
    private final Map<String, String> metadata;

    private CouponUpdateParams(Builder builder) {
        this.name = builder.name;
        this.active = builder.active;
        this.metadata = Copies.map(builder.metadata);
    }

    public static Builder builder() {
        return new Builder();
    }

    public String name() {
        return name;
    }

    public Boolean active() {
        return active;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof CouponUpdateParams)) {
            return false;
        }
        CouponUpdateParams that = (CouponUpdateParams) other;
        return Objects.equals(name, that.name) && Objects.equals(active, that.active) && Objects.equals(metadata, that.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, active, metadata);
    }

    @Override
    public String toString() {
        return "CouponUpdateParams{name=" + name + ", active=" + active + ", metadata=" + metadata + "}";
    }

    public static final class Builder {
        private String name;
        private Boolean active;
        private Map<String, String> metadata;

        private Builder() {
        }

        public Builder name(String name) {
            this.name = name;
            return this;
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

        public CouponUpdateParams build() {
            return new CouponUpdateParams(this);
        }
    }
}
