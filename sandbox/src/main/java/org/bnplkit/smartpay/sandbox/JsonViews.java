package org.bnplkit.smartpay.sandbox;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Smartpay's JSON for each object. "Expanded" replaces related ids by the related objects (one level,
 * except that an order expands its line items with their price and product). Absent optional fields are
 * left out. Called under the owning merchant's lock.
 */
final class JsonViews {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private JsonViews() {
    }

    private static ObjectNode head(StoredObject object, String type) {
        ObjectNode node = F.objectNode();
        node.put("id", object.id);
        node.put("object", type);
        node.put("test", object.test);
        node.put("createdAt", object.createdAt);
        node.put("updatedAt", object.updatedAt);
        return node;
    }

    private static void putText(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static void putLong(ObjectNode node, String name, Long value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static ObjectNode metadata(ObjectNode metadata) {
        return metadata == null ? F.objectNode() : metadata;
    }

    static ObjectNode order(OrderRecord order, boolean expand) {
        ObjectNode node = head(order, "order");
        node.put("amount", order.amount);
        node.put("currency", order.currency);
        putText(node, "description", order.description);
        node.put("discountAmount", order.discountAmount);
        ArrayNode discounts = node.putArray("discounts");
        for (DiscountRecord discount : order.discounts) {
            if (expand) {
                discounts.add(discount(discount));
            } else {
                discounts.add(discount.id);
            }
        }
        putLong(node, "expiresAt", order.expiresAt);
        ArrayNode lineItems = node.putArray("lineItems");
        for (LineItemRecord item : order.lineItems) {
            if (expand) {
                lineItems.add(lineItem(item));
            } else {
                lineItems.add(item.id);
            }
        }
        node.set("metadata", metadata(order.metadata));
        ArrayNode payments = node.putArray("payments");
        for (PaymentRecord payment : order.payments) {
            if (expand) {
                payments.add(payment(payment, false));
            } else {
                payments.add(payment.id);
            }
        }
        putText(node, "reference", order.reference);
        if (order.shippingInfo != null) {
            node.set("shippingInfo", order.shippingInfo.tree());
        }
        node.put("status", order.status);
        putText(node, "tokenId", order.tokenId);
        return node;
    }

    static ObjectNode discount(DiscountRecord discount) {
        ObjectNode node = F.objectNode();
        node.put("id", discount.id);
        node.put("object", "discount");
        node.put("amount", discount.amount);
        node.put("currency", discount.currency);
        node.put("coupon", discount.coupon.id);
        node.put("promotionCode", discount.promotionCode.id);
        node.put("test", discount.test);
        node.put("createdAt", discount.createdAt);
        return node;
    }

    static ObjectNode lineItem(LineItemRecord item) {
        ObjectNode node = head(item, "lineItem");
        node.put("kind", item.kind);
        node.put("amount", item.unitAmount);
        node.put("currency", item.currency);
        node.put("quantity", item.quantity);
        putText(node, "description", item.description);
        node.set("metadata", metadata(item.metadata));
        if (item.priceId != null) {
            JsonNode source = item.source.tree();
            ObjectNode price = node.putObject("price");
            price.put("id", item.priceId);
            price.put("object", "price");
            price.put("active", true);
            price.put("amount", item.unitAmount);
            price.put("currency", item.currency);
            copyText(source, "label", price, "label");
            copyText(source, "priceDescription", price, "description");
            price.set("metadata", source.has("priceMetadata") ? source.get("priceMetadata") : F.objectNode());
            ObjectNode product = price.putObject("product");
            product.put("id", item.productId);
            product.put("object", "product");
            product.put("active", true);
            product.put("name", item.name);
            copyText(source, "brand", product, "brand");
            product.set("categories", source.has("categories") ? source.get("categories") : F.arrayNode());
            copyText(source, "productDescription", product, "description");
            copyText(source, "gtin", product, "gtin");
            product.set("images", source.has("images") ? source.get("images") : F.arrayNode());
            product.set("metadata", source.has("productMetadata") ? source.get("productMetadata") : F.objectNode());
            copyText(source, "reference", product, "reference");
            copyText(source, "url", product, "url");
            product.put("test", item.test);
            product.put("createdAt", item.createdAt);
            product.put("updatedAt", item.updatedAt);
            price.put("test", item.test);
            price.put("createdAt", item.createdAt);
            price.put("updatedAt", item.updatedAt);
        } else {
            node.put("name", item.name);
        }
        return node;
    }

    private static void copyText(JsonNode from, String fromName, ObjectNode to, String toName) {
        JsonNode value = from == null ? null : from.get(fromName);
        if (value != null && value.isTextual()) {
            to.put(toName, value.textValue());
        }
    }

    static ObjectNode payment(PaymentRecord payment, boolean expand) {
        ObjectNode node = head(payment, "payment");
        node.put("amount", payment.amount);
        node.put("currency", payment.currency);
        if (expand) {
            node.set("order", order(payment.order, false));
        } else {
            node.put("order", payment.order.id);
        }
        putText(node, "reference", payment.reference);
        putText(node, "description", payment.description);
        node.put("status", payment.status);
        stringArray(node.putArray("lineItems"), payment.lineItemIds);
        ArrayNode refunds = node.putArray("refunds");
        for (RefundRecord refund : payment.refunds) {
            if (expand) {
                refunds.add(refund(refund, false));
            } else {
                refunds.add(refund.id);
            }
        }
        node.set("metadata", metadata(payment.metadata));
        return node;
    }

    static ObjectNode refund(RefundRecord refund, boolean expand) {
        ObjectNode node = head(refund, "refund");
        node.put("amount", refund.amount);
        node.put("currency", refund.currency);
        if (expand) {
            node.set("payment", payment(refund.payment, false));
        } else {
            node.put("payment", refund.payment.id);
        }
        node.put("reason", refund.reason);
        putText(node, "reference", refund.reference);
        putText(node, "description", refund.description);
        stringArray(node.putArray("lineItems"), refund.lineItemIds);
        node.put("status", refund.status);
        node.set("metadata", metadata(refund.metadata));
        return node;
    }

    static ObjectNode checkoutSession(CheckoutSessionRecord session, boolean expand) {
        ObjectNode node = head(session, "checkoutSession");
        node.put("url", session.url);
        node.put("successUrl", session.successUrl);
        node.put("cancelUrl", session.cancelUrl);
        if (session.customerInfo != null) {
            node.set("customerInfo", session.customerInfo.tree());
        }
        putText(node, "locale", session.locale);
        putText(node, "reference", session.reference);
        putText(node, "description", session.description);
        node.set("metadata", metadata(session.metadata));
        if (session.isTokenMode()) {
            node.put("mode", "token");
            if (expand) {
                node.set("token", token(session.token));
            } else {
                node.put("token", session.token.id);
            }
        } else if (expand) {
            node.set("order", order(session.order, true));
        } else {
            node.put("order", session.order.id);
        }
        return node;
    }

    static ObjectNode webhookEndpoint(WebhookEndpointRecord endpoint) {
        ObjectNode node = head(endpoint, "webhookEndpoint");
        node.put("active", endpoint.active);
        node.put("url", endpoint.url);
        putText(node, "description", endpoint.description);
        stringArray(node.putArray("eventSubscriptions"), endpoint.eventSubscriptions);
        node.set("metadata", metadata(endpoint.metadata));
        node.put("signingSecret", endpoint.signingSecret);
        return node;
    }

    static ObjectNode coupon(CouponRecord coupon) {
        ObjectNode node = head(coupon, "coupon");
        node.put("active", coupon.active);
        node.put("name", coupon.name);
        node.put("discountType", coupon.discountType);
        putLong(node, "discountAmount", coupon.discountAmount);
        putLong(node, "discountPercentage", coupon.discountPercentage);
        putText(node, "currency", coupon.currency);
        putLong(node, "expiresAt", coupon.expiresAt);
        putLong(node, "maxRedemptionCount", coupon.maxRedemptionCount);
        node.put("redemptionCount", coupon.redemptionCount);
        node.put("sponsored", false);
        node.set("metadata", metadata(coupon.metadata));
        return node;
    }

    static ObjectNode promotionCode(PromotionCodeRecord code) {
        ObjectNode node = head(code, "promotionCode");
        node.put("active", code.active);
        node.put("code", code.code);
        node.put("coupon", code.coupon.id);
        putText(node, "currency", code.currency);
        putLong(node, "expiresAt", code.expiresAt);
        node.put("firstTimeTransaction", code.firstTimeTransaction);
        putLong(node, "maxRedemptionCount", code.maxRedemptionCount);
        putLong(node, "minimumAmount", code.minimumAmount);
        node.put("onePerCustomer", code.onePerCustomer);
        node.put("redemptionCount", code.redemptionCount);
        node.set("metadata", metadata(code.metadata));
        return node;
    }

    static ObjectNode token(TokenRecord token) {
        ObjectNode node = head(token, "token");
        node.put("status", token.status);
        putText(node, "reference", token.reference);
        node.set("metadata", metadata(token.metadata));
        return node;
    }

    static <T> ObjectNode collection(ObjectTable.Slice<T> slice, ArrayNode data) {
        ObjectNode node = F.objectNode();
        node.put("object", "collection");
        node.put("pageToken", slice.pageToken);
        if (slice.nextPageToken != null) {
            node.put("nextPageToken", slice.nextPageToken);
        }
        node.put("maxResults", slice.maxResults);
        node.put("results", data.size());
        node.set("data", data);
        return node;
    }

    private static void stringArray(ArrayNode array, List<String> values) {
        if (values != null) {
            for (String value : values) {
                array.add(value);
            }
        }
    }
}
