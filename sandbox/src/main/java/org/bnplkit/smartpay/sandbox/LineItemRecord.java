package org.bnplkit.smartpay.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An order line: product lines also get a price and a product id, as in Smartpay's expanded line item. */
final class LineItemRecord extends StoredObject {

    static final String PRODUCT = "product";
    static final String TAX = "tax";
    static final String DISCOUNT = "discount";

    final String kind;
    final String name;
    final long unitAmount;
    final String currency;
    final int quantity;
    final String description;
    final ObjectNode metadata;
    /** The item as sent: the product fields (brand, images, url, ...) are echoed from it. */
    final FrozenJson source;
    final String priceId;
    final String productId;

    LineItemRecord(boolean test, long now, OrderDraft.Item item) {
        super("li", test, now);
        this.kind = item.kind;
        this.name = item.name;
        this.unitAmount = item.unitAmount;
        this.currency = item.currency;
        this.quantity = item.quantity;
        this.description = item.description;
        this.metadata = item.metadata;
        this.source = FrozenJson.of(item.source);
        boolean product = PRODUCT.equals(kind);
        this.priceId = product ? SmartpayIds.next("price", test) : null;
        this.productId = product ? SmartpayIds.next("product", test) : null;
    }
}
