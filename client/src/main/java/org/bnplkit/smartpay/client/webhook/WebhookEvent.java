package org.bnplkit.smartpay.client.webhook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import org.bnplkit.smartpay.client.SmartpayJson;

/**
 * A webhook delivery body: {@code {id, object:"event", createdAt, test, eventData:{type, version, data}}}.
 * {@link #data()} is the object the event is about (an order for {@code order.*}, a payment for
 * {@code payment.created}, ...); {@link #dataAs(Class)} reads it as a client model.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class WebhookEvent {

    private final String id;
    private final Long createdAt;
    private final boolean test;
    private final String type;
    private final String version;
    private final JsonNode data;

    @JsonCreator
    WebhookEvent(@JsonProperty("id") String id,
                 @JsonProperty("createdAt") Long createdAt,
                 @JsonProperty("test") Boolean test,
                 @JsonProperty("eventData") EventData eventData) {
        this.id = id;
        this.createdAt = createdAt;
        this.test = test != null && test;
        this.type = eventData == null ? null : eventData.type;
        this.version = eventData == null ? null : eventData.version;
        this.data = eventData == null ? null : eventData.data;
    }

    /** Parses the raw body (verify the signature first). */
    public static WebhookEvent parse(byte[] rawBody) {
        return SmartpayJson.read(rawBody, WebhookEvent.class);
    }

    public String id() {
        return id;
    }

    public Long createdAt() {
        return createdAt;
    }

    public boolean test() {
        return test;
    }

    /** e.g. {@link WebhookEventType#PAYMENT_CREATED}. */
    public String type() {
        return type;
    }

    public String version() {
        return version;
    }

    /** The event's object as JSON (null when absent). */
    public JsonNode data() {
        return data;
    }

    /** The id of the event's object ({@code eventData.data.id}), or null. */
    public String dataId() {
        JsonNode idNode = data == null ? null : data.get("id");
        return idNode == null || idNode.isNull() ? null : idNode.asText();
    }

    /** The event's object as a client model, e.g. {@code dataAs(Payment.class)}. */
    public <T> T dataAs(Class<T> type) {
        return data == null ? null : SmartpayJson.read(data.toString(), type);
    }

    @Override
    public String toString() {
        return "WebhookEvent{id=" + id + ", type=" + type + ", dataId=" + dataId() + ", test=" + test + "}";
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class EventData {
        final String type;
        final String version;
        final JsonNode data;

        @JsonCreator
        EventData(@JsonProperty("type") String type, @JsonProperty("version") String version,
                  @JsonProperty("data") JsonNode data) {
            this.type = type;
            this.version = version;
            this.data = data;
        }
    }
}
