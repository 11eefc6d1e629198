package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Body of {@code POST /orders}: an order charged to an active payment {@code token}, with the same order fields
 * as a checkout session (amount, items, shipping, customer, capture method, reference, metadata) and no
 * redirect URLs. Smartpay authorizes it at once.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class OrderCreateParams {

    private final String token;
    /** Checkout's order fields, sent flat next to {@code token} (its URLs are null and therefore not sent). */
    @JsonUnwrapped
    private final CheckoutSessionCreateParams order;

    private OrderCreateParams(String token, CheckoutSessionCreateParams order) {
        this.token = token;
        this.order = order;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Required: an active {@code paytok_...}. */
    public String token() {
        return token;
    }

    public Long amount() {
        return order.amount();
    }

    public String currency() {
        return order.currency();
    }

    public CaptureMethod captureMethod() {
        return order.captureMethod();
    }

    public String reference() {
        return order.reference();
    }

    public String description() {
        return order.description();
    }

    public Map<String, String> metadata() {
        return order.metadata();
    }

    public CustomerInfo customerInfo() {
        return order.customerInfo();
    }

    public ShippingInfo shippingInfo() {
        return order.shippingInfo();
    }

    public List<LineItem> items() {
        return order.items();
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof OrderCreateParams)) {
            return false;
        }
        OrderCreateParams that = (OrderCreateParams) other;
        return Objects.equals(token, that.token) && Objects.equals(order, that.order);
    }

    @Override
    public int hashCode() {
        return Objects.hash(token, order);
    }

    @Override
    public String toString() {
        return "OrderCreateParams{token=" + token + ", amount=" + order.amount() + ", currency=" + order.currency()
                + ", captureMethod=" + order.captureMethod() + ", reference=" + order.reference() + ", customerInfo="
                + order.customerInfo() + ", shippingInfo=" + order.shippingInfo() + ", items=" + order.items() + "}";
    }

    /** The same setters as {@link CheckoutSessionCreateParams.Builder}, without the URLs, plus {@link #token}. */
    public static final class Builder {
        private String token;
        private final CheckoutSessionCreateParams.Builder order = CheckoutSessionCreateParams.builder();

        private Builder() {
        }

        /** Required: an active {@code paytok_...}. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** Order total in yen. Required. */
        public Builder amount(long amount) {
            order.amount(amount);
            return this;
        }

        /** Default JPY. */
        public Builder currency(String currency) {
            order.currency(currency);
            return this;
        }

        public Builder captureMethod(CaptureMethod captureMethod) {
            order.captureMethod(captureMethod);
            return this;
        }

        public Builder reference(String reference) {
            order.reference(reference);
            return this;
        }

        public Builder description(String description) {
            order.description(description);
            return this;
        }

        public Builder metadata(Map<String, String> metadata) {
            order.metadata(metadata);
            return this;
        }

        /** Defaults to an empty object. */
        public Builder customerInfo(CustomerInfo customerInfo) {
            order.customerInfo(customerInfo);
            return this;
        }

        /** Required by Smartpay (with an address). */
        public Builder shippingInfo(ShippingInfo shippingInfo) {
            order.shippingInfo(shippingInfo);
            return this;
        }

        public Builder items(List<LineItem> items) {
            order.items(items);
            return this;
        }

        /** Appends one line (repeatable). */
        public Builder item(LineItem item) {
            order.item(item);
            return this;
        }

        public OrderCreateParams build() {
            if (token == null || token.trim().isEmpty()) {
                throw new IllegalArgumentException("OrderCreateParams: token is required");
            }
            return new OrderCreateParams(token, order.buildWithoutUrls("OrderCreateParams"));
        }
    }
}
