package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/** The product behind an order line item (expanded). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class Product {

    private final String id;
    private final String name;
    private final String brand;
    private final String description;
    private final String reference;
    private final String url;
    private final String gtin;
    private final List<String> categories;
    private final List<String> images;
    private final Map<String, String> metadata;
    private final boolean test;

    @JsonCreator
    Product(
            @JsonProperty("id") String id,
            @JsonProperty("name") String name,
            @JsonProperty("brand") String brand,
            @JsonProperty("description") String description,
            @JsonProperty("reference") String reference,
            @JsonProperty("url") String url,
            @JsonProperty("gtin") String gtin,
            @JsonProperty("categories") List<String> categories,
            @JsonProperty("images") List<String> images,
            @JsonProperty("metadata") Map<String, String> metadata,
            @JsonProperty("test") Boolean test) {
        this.id = id;
        this.name = name;
        this.brand = brand;
        this.description = description;
        this.reference = reference;
        this.url = url;
        this.gtin = gtin;
        this.categories = Copies.listOrEmpty(categories);
        this.images = Copies.listOrEmpty(images);
        this.metadata = Copies.mapOrEmpty(metadata);
        this.test = test != null && test;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String brand() {
        return brand;
    }

    public String description() {
        return description;
    }

    public String reference() {
        return reference;
    }

    public String url() {
        return url;
    }

    public String gtin() {
        return gtin;
    }

    public List<String> categories() {
        return categories;
    }

    public List<String> images() {
        return images;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    public boolean test() {
        return test;
    }

    @Override
    public String toString() {
        return "Product{" + "id=" + id + ", " + "name=" + name + ", " + "reference=" + reference + "}";
    }
}
