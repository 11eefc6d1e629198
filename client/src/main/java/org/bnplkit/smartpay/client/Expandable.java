package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/**
 * A Smartpay field that is either an object id ({@code "order_test_..."}) or, with {@code expand=all},
 * the expanded object. {@link #id()} is always there; {@link #expanded()} only when expanded.
 */
@JsonDeserialize(using = ExpandableDeserializer.class)
@JsonSerialize(using = ExpandableSerializer.class)
public final class Expandable<T> {

    private final String id;
    private final T expanded;

    private Expandable(String id, T expanded) {
        this.id = id;
        this.expanded = expanded;
    }

    public static <T> Expandable<T> ofId(String id) {
        return new Expandable<T>(id, null);
    }

    public static <T> Expandable<T> ofExpanded(String id, T expanded) {
        return new Expandable<T>(id, expanded);
    }

    public String id() {
        return id;
    }

    public boolean isExpanded() {
        return expanded != null;
    }

    /** The expanded object, or null when Smartpay sent only the id. */
    public T expanded() {
        return expanded;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Expandable)) {
            return false;
        }
        Expandable<?> that = (Expandable<?>) other;
        return (id == null ? that.id == null : id.equals(that.id)) && isExpanded() == that.isExpanded();
    }

    @Override
    public int hashCode() {
        return id == null ? 0 : id.hashCode();
    }

    @Override
    public String toString() {
        return isExpanded() ? String.valueOf(expanded) : String.valueOf(id);
    }
}
