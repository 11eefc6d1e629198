package org.bnplkit.smartpay.sandbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** A read-only snapshot of one order, taken under the merchant lock, for assertions. */
public final class SandboxOrder {

    private final String id;
    private final String status;
    private final long amount;
    private final long discountAmount;
    private final String currency;
    private final String captureMethod;
    private final long captured;
    private final long refunded;
    private final long capturable;
    private final boolean remainderReleased;
    private final Long authorizedAt;
    private final Long expiresAt;
    private final String reference;
    private final boolean test;
    private final String tokenId;
    private final String checkoutSessionId;
    private final List<SandboxPayment> payments;
    private final List<String> lineItemIds;
    private final Map<String, String> metadata;

    SandboxOrder(OrderRecord order) {
        this.id = order.id;
        this.status = order.status;
        this.amount = order.amount;
        this.discountAmount = order.discountAmount;
        this.currency = order.currency;
        this.captureMethod = order.captureMethod;
        this.captured = order.capturedTotal;
        this.refunded = order.refundedTotal();
        this.capturable = order.capturable();
        this.remainderReleased = order.remainderReleased;
        this.authorizedAt = order.authorizedAt;
        this.expiresAt = order.expiresAt;
        this.reference = order.reference;
        this.test = order.test;
        this.tokenId = order.tokenId;
        this.checkoutSessionId = order.checkoutSessionId;
        List<SandboxPayment> paymentSnapshots = new ArrayList<>();
        for (PaymentRecord payment : order.payments) {
            paymentSnapshots.add(new SandboxPayment(payment));
        }
        this.payments = Collections.unmodifiableList(paymentSnapshots);
        List<String> items = new ArrayList<>();
        for (LineItemRecord item : order.lineItems) {
            items.add(item.id);
        }
        this.lineItemIds = Collections.unmodifiableList(items);
        Map<String, String> meta = new LinkedHashMap<>();
        if (order.metadata != null) {
            Iterator<Map.Entry<String, JsonNode>> fields = order.metadata.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                meta.put(field.getKey(), field.getValue().asText());
            }
        }
        this.metadata = Collections.unmodifiableMap(meta);
    }

    public String id() {
        return id;
    }

    /** requires_authorization, requires_capture, succeeded, rejected or canceled. */
    public String status() {
        return status;
    }

    /** The authorized (order) amount in yen: what can be collected, after a redeemed promotion code's discount. */
    public long amount() {
        return amount;
    }

    /** The discount a redeemed promotion code took off the amount (0 without one). */
    public long discountAmount() {
        return discountAmount;
    }

    public String currency() {
        return currency;
    }

    /** automatic or manual. */
    public String captureMethod() {
        return captureMethod;
    }

    /** Σ payments. */
    public long captured() {
        return captured;
    }

    /** Σ refunds over all payments. */
    public long refunded() {
        return refunded;
    }

    /** What can still be captured (0 unless requires_capture). */
    public long capturable() {
        return capturable;
    }

    /** True when an uncaptured remainder was released (cancelRemainder=automatic, cancellation or expiry). */
    public boolean remainderReleased() {
        return remainderReleased;
    }

    public Long authorizedAt() {
        return authorizedAt;
    }

    public Long expiresAt() {
        return expiresAt;
    }

    public String reference() {
        return reference;
    }

    public boolean test() {
        return test;
    }

    public String tokenId() {
        return tokenId;
    }

    public String checkoutSessionId() {
        return checkoutSessionId;
    }

    /** The payments (captures), oldest first. */
    public List<SandboxPayment> payments() {
        return payments;
    }

    public List<String> paymentIds() {
        List<String> ids = new ArrayList<>();
        for (SandboxPayment payment : payments) {
            ids.add(payment.id());
        }
        return ids;
    }

    public List<String> lineItemIds() {
        return lineItemIds;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public String toString() {
        return "SandboxOrder[" + id + " " + status + " amount " + amount + ", captured " + captured + ", refunded "
                + refunded + ", payments " + payments.size() + "]";
    }
}
