package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;

/** Writes an {@link Expandable} back as Smartpay does: the id string, or the expanded object. */
final class ExpandableSerializer extends StdSerializer<Expandable<?>> {

    private static final long serialVersionUID = 1L;

    ExpandableSerializer() {
        super(Expandable.class, false);
    }

    @Override
    public void serialize(Expandable<?> value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        if (value.isExpanded()) {
            provider.defaultSerializeValue(value.expanded(), gen);
        } else {
            gen.writeString(value.id());
        }
    }
}
