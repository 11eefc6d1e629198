package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

import java.io.IOException;

/**
 * Reads an {@link Expandable}: a JSON string is the id; a JSON object is the expanded value (its {@code id}
 * field becomes the id). The value type comes from the declared {@code Expandable<T>} (contextual).
 */
final class ExpandableDeserializer extends StdDeserializer<Expandable<?>> implements ContextualDeserializer {

    private static final long serialVersionUID = 1L;

    private final JavaType valueType;

    ExpandableDeserializer() {
        this(null);
    }

    private ExpandableDeserializer(JavaType valueType) {
        super(Expandable.class);
        this.valueType = valueType;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
        JavaType declared = ctxt.getContextualType();
        if (declared == null && property != null) {
            declared = property.getType();
        }
        JavaType value = declared == null ? null : declared.containedType(0);
        return new ExpandableDeserializer(value);
    }

    @Override
    public Expandable<?> deserialize(JsonParser parser, DeserializationContext ctxt) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT) {
            return Expandable.ofId(parser.getText());
        }
        if (token == JsonToken.START_OBJECT || token == JsonToken.FIELD_NAME) {
            JsonNode node = ctxt.readTree(parser);
            JsonNode idNode = node.get("id");
            String id = idNode == null || idNode.isNull() ? null : idNode.asText();
            Object value = valueType == null || valueType.getRawClass() == Object.class
                    ? SmartpayJson.mapper().convertValue(node, Object.class)
                    : ctxt.readTreeAsValue(node, valueType);
            return Expandable.ofExpanded(id, value);
        }
        return (Expandable<?>) ctxt.handleUnexpectedToken(Expandable.class, parser);
    }
}
