package org.bnplkit.smartpay.sandbox;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A Smartpay order and its money: authorized amount, what was captured, whether the remainder was released. */
final class OrderRecord extends StoredObject {

    static final String REQUIRES_AUTHORIZATION = "requires_authorization";
    static final String REQUIRES_CAPTURE = "requires_capture";
    static final String SUCCEEDED = "succeeded";
    static final String REJECTED = "rejected";
    static final String CANCELED = "canceled";

    static final String AUTOMATIC = "automatic";
    static final String MANUAL = "manual";

    /** What can be collected: the amount asked for, less a redeemed promotion code's discount. */
    long amount;
    long discountAmount;
    final List<DiscountRecord> discounts = new ArrayList<>();
    final String currency;
    final String captureMethod;
    final String reference;
    final String description;
    ObjectNode metadata;
    final FrozenJson shippingInfo;
    final FrozenJson customerInfo;
    /** Kept apart from the frozen JSON for the hosted page and for promotion codes' per-customer limits. */
    final long shippingFee;
    final String customerEmail;
    final String locale;
    final List<LineItemRecord> lineItems = new ArrayList<>();
    final List<PaymentRecord> payments = new ArrayList<>();
    String status = REQUIRES_AUTHORIZATION;
    Long authorizedAt;
    Long expiresAt;
    long capturedTotal;
    /** Set when an uncaptured remainder was released (cancelRemainder=automatic, cancel, expiry). */
    boolean remainderReleased;
    /** Why the authorization was closed (order canceled, or succeeded with captures): "merchant" or "expired". */
    String canceledReason;
    String tokenId;
    String checkoutSessionId;

    OrderRecord(boolean test, long now, OrderDraft draft) {
        super("order", test, now);
        this.amount = draft.amount;
        this.currency = draft.currency;
        this.captureMethod = draft.captureMethod == null ? AUTOMATIC : draft.captureMethod;
        this.reference = draft.reference;
        this.description = draft.description;
        this.metadata = draft.metadata;
        this.shippingInfo = FrozenJson.of(draft.shippingInfo);
        this.customerInfo = FrozenJson.of(draft.customerInfo);
        JsonNode fee = draft.shippingInfo == null ? null : draft.shippingInfo.get("feeAmount");
        this.shippingFee = fee != null && fee.canConvertToLong() ? fee.asLong() : 0;
        JsonNode email = draft.customerInfo == null ? null : draft.customerInfo.get("emailAddress");
        this.customerEmail = email != null && email.isTextual() ? email.textValue() : null;
        this.locale = draft.locale;
    }

    /** What can still be captured: only while requires_capture. */
    long capturable() {
        return REQUIRES_CAPTURE.equals(status) ? amount - capturedTotal : 0;
    }

    long refundedTotal() {
        long total = 0;
        for (PaymentRecord payment : payments) {
            total += payment.refundedTotal;
        }
        return total;
    }

    LineItemRecord lineItem(String lineItemId) {
        for (LineItemRecord item : lineItems) {
            if (item.id.equals(lineItemId)) {
                return item;
            }
        }
        return null;
    }
}
