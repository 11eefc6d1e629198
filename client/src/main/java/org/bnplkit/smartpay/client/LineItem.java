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

/** One checkout line (flat form): {@code amount} is the UNIT amount in yen; tax and discount lines use {@link LineItemKind}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonDeserialize(builder = LineItem.Builder.class)
public final class LineItem {

    private final String name;
    private final Long amount;
    private final String currency;
    private final Integer quantity;
    private final LineItemKind kind;
    private final String reference;
    private final String url;
    private final String description;
    private final String brand;
    private final String label;
    private final String gtin;
    private final List<String> categories;
    private final List<String> images;
    private final Map<String, String> metadata;

    private LineItem(Builder builder) {
        this.name = builder.name;
        this.amount = builder.amount;
        this.currency = builder.currency;
        this.quantity = builder.quantity;
        this.kind = builder.kind;
        this.reference = builder.reference;
        this.url = builder.url;
        this.description = builder.description;
        this.brand = builder.brand;
        this.label = builder.label;
        this.gtin = builder.gtin;
        this.categories = Copies.list(builder.categories);
        this.images = Copies.list(builder.images);
        this.metadata = Copies.map(builder.metadata);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this object's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.name = name;
        builder.amount = amount;
        builder.currency = currency;
        builder.quantity = quantity;
        builder.kind = kind;
        builder.reference = reference;
        builder.url = url;
        builder.description = description;
        builder.brand = brand;
        builder.label = label;
        builder.gtin = gtin;
        builder.categories(categories);
        builder.images(images);
        builder.metadata(metadata);
        return builder;
    }

    /** Required. */
    public String name() {
        return name;
    }

    /** Unit amount in yen. Required. */
    public Long amount() {
        return amount;
    }

    public String currency() {
        return currency;
    }

    /** Default 1. */
    public Integer quantity() {
        return quantity;
    }

    /** Default {@code product}. */
    public LineItemKind kind() {
        return kind;
    }

    public String reference() {
        return reference;
    }

    public String url() {
        return url;
    }

    public String description() {
        return description;
    }

    public String brand() {
        return brand;
    }

    public String label() {
        return label;
    }

    public String gtin() {
        return gtin;
    }

    public List<String> categories() {
        return categories;
    }

    /** At most 8 URLs. */
    public List<String> images() {
        return images;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof LineItem)) {
            return false;
        }
        LineItem that = (LineItem) other;
        return Objects.equals(name, that.name) && Objects.equals(amount, that.amount) && Objects.equals(currency, that.currency) && Objects.equals(quantity, that.quantity) && Objects.equals(kind, that.kind) && Objects.equals(reference, that.reference) && Objects.equals(url, that.url) && Objects.equals(description, that.description) && Objects.equals(brand, that.brand) && Objects.equals(label, that.label) && Objects.equals(gtin, that.gtin) && Objects.equals(categories, that.categories) && Objects.equals(images, that.images) && Objects.equals(metadata, that.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, amount, currency, quantity, kind, reference, url, description, brand, label, gtin, categories, images, metadata);
    }

    @Override
    public String toString() {
        return "LineItem{" + "name=" + name + ", " + "amount=" + amount + ", " + "currency=" + currency + ", " + "quantity=" + quantity + ", " + "kind=" + kind + ", " + "reference=" + reference + "}";
    }

    @JsonPOJOBuilder(withPrefix = "")
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Builder {
        private String name;
        private Long amount;
        private String currency = "JPY";
        private Integer quantity;
        private LineItemKind kind;
        private String reference;
        private String url;
        private String description;
        private String brand;
        private String label;
        private String gtin;
        private List<String> categories;
        private List<String> images;
        private Map<String, String> metadata;

        private Builder() {
        }

        /** Required. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Unit amount in yen. Required. */
        public Builder amount(long amount) {
            this.amount = amount;
            return this;
        }

        public Builder currency(String currency) {
            this.currency = currency;
            return this;
        }

        /** Default 1. */
        public Builder quantity(int quantity) {
            this.quantity = quantity;
            return this;
        }

        /** Default {@code product}. */
        public Builder kind(LineItemKind kind) {
            this.kind = kind;
            return this;
        }

        public Builder reference(String reference) {
            this.reference = reference;
            return this;
        }

        public Builder url(String url) {
            this.url = url;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder brand(String brand) {
            this.brand = brand;
            return this;
        }

        public Builder label(String label) {
            this.label = label;
            return this;
        }

        public Builder gtin(String gtin) {
            this.gtin = gtin;
            return this;
        }

        public Builder categories(List<String> categories) {
            this.categories = categories == null ? null : new ArrayList<String>(categories);
            return this;
        }

        /** At most 8 URLs. */
        public Builder images(List<String> images) {
            this.images = images == null ? null : new ArrayList<String>(images);
            return this;
        }

        public Builder metadata(Map<String, String> metadata) {
            this.metadata = metadata == null ? null : new LinkedHashMap<String, String>(metadata);
            return this;
        }

        public LineItem build() {
            if (name == null) {
                throw new IllegalArgumentException("LineItem: name is required");
            }
            if (amount == null) {
                throw new IllegalArgumentException("LineItem: amount is required");
            }
            return new LineItem(this);
        }
    }
}
