package org.bnplkit.smartpay.sandbox;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The merchant API's captures and refunds ({@code /v1/payments}, {@code /v1/refunds}), routed by {@link MerchantApi}. */
final class PaymentsApi {

    private final SandboxClock clock;

    PaymentsApi(SandboxClock clock) {
        this.clock = clock;
    }

    ApiResponse createPayment(ApiRequest req, Merchant m) {
        ObjectNode body = req.jsonObject();
        FieldErrors errors = new FieldErrors();
        PayloadReader in = new PayloadReader(errors);
        String orderId = in.string(body, "order", "", true, 0);
        // "required ≥ 0" (reference/create-payment): 0 captures nothing; with cancelRemainder=automatic it closes
        // the order and releases everything (the SDKs refuse 0 on their side, the API does not)
        Long amount = in.integer(body, "amount", "", true, 0, PayloadReader.UINT32_MAX);
        String currency = in.currency(body, "currency", "", true);
        String cancelRemainder = in.oneOf(body, "cancelRemainder", "", false, OrderRecord.AUTOMATIC, OrderRecord.MANUAL);
        List<String> lineItems = in.stringList(body, "lineItems", "", 0);
        String reference = in.string(body, "reference", "", false, 40);
        String description = in.string(body, "description", "", false, 80);
        ObjectNode metadata = in.metadata(body, "metadata", "");
        errors.throwIfAny();
        long now = clock.now();
        synchronized (m) {
            OrderRecord order = MerchantApi.order(m, orderId, now);
            PaymentRecord payment = OrderLifecycle.capture(m, order, amount, currency,
                    !OrderRecord.MANUAL.equals(cancelRemainder), lineItems, reference, description, metadata, now);
            return ApiResponse.ok(JsonViews.payment(payment, false));
        }
    }

    private PaymentRecord payment(Merchant m, String id) {
        PaymentRecord payment = m.payments.get(id);
        if (payment == null) {
            throw ApiException.notFound("payment.not-found", id);
        }
        return payment;
    }

    ApiResponse getPayment(ApiRequest req, Merchant m, String id) {
        boolean expand = MerchantApi.expand(req);
        synchronized (m) {
            return ApiResponse.ok(JsonViews.payment(payment(m, id), expand));
        }
    }

    ApiResponse listPayments(ApiRequest req, Merchant m) {
        boolean expand = MerchantApi.expand(req);
        return MerchantApi.listPage(req, m, m.payments, payment -> JsonViews.payment(payment, expand));
    }

    ApiResponse updatePayment(ApiRequest req, Merchant m, String id) {
        ObjectPatch patch = ObjectPatch.read(req);
        synchronized (m) {
            PaymentRecord payment = payment(m, id);
            patch.applyTo(payment, clock.now());
            return ApiResponse.ok(JsonViews.payment(payment, false));
        }
    }

    ApiResponse createRefund(ApiRequest req, Merchant m) {
        ObjectNode body = req.jsonObject();
        FieldErrors errors = new FieldErrors();
        PayloadReader in = new PayloadReader(errors);
        String paymentId = in.string(body, "payment", "", true, 0);
        Long amount = in.integer(body, "amount", "", true, 1, PayloadReader.UINT32_MAX);
        String currency = in.currency(body, "currency", "", true);
        String reason = in.oneOf(body, "reason", "", true, "requested_by_customer", "fraudulent");
        List<String> lineItems = in.stringList(body, "lineItems", "", 0);
        String reference = in.string(body, "reference", "", false, 40);
        String description = in.string(body, "description", "", false, 80);
        ObjectNode metadata = in.metadata(body, "metadata", "");
        errors.throwIfAny();
        long now = clock.now();
        synchronized (m) {
            PaymentRecord payment = payment(m, paymentId);
            RefundRecord refund = OrderLifecycle.refund(m, payment, amount, currency, reason, lineItems, reference,
                    description, metadata, now);
            return ApiResponse.ok(JsonViews.refund(refund, false));
        }
    }

    private RefundRecord refund(Merchant m, String id) {
        RefundRecord refund = m.refunds.get(id);
        if (refund == null) {
            throw ApiException.notFound("refund.not-found", id);
        }
        return refund;
    }

    ApiResponse getRefund(ApiRequest req, Merchant m, String id) {
        boolean expand = MerchantApi.expand(req);
        synchronized (m) {
            return ApiResponse.ok(JsonViews.refund(refund(m, id), expand));
        }
    }

    ApiResponse listRefunds(ApiRequest req, Merchant m) {
        boolean expand = MerchantApi.expand(req);
        return MerchantApi.listPage(req, m, m.refunds, refund -> JsonViews.refund(refund, expand));
    }

    ApiResponse updateRefund(ApiRequest req, Merchant m, String id) {
        ObjectPatch patch = ObjectPatch.read(req);
        synchronized (m) {
            RefundRecord refund = refund(m, id);
            patch.applyTo(refund, clock.now());
            return ApiResponse.ok(JsonViews.refund(refund, false));
        }
    }

    /** PATCH of a payment or refund: given fields replace the old values (metadata as a whole). */
    private static final class ObjectPatch {
        private final String reference;
        private final String description;
        private final ObjectNode metadata;

        private ObjectPatch(String reference, String description, ObjectNode metadata) {
            this.reference = reference;
            this.description = description;
            this.metadata = metadata;
        }

        static ObjectPatch read(ApiRequest req) {
            ObjectNode body = req.jsonObject();
            FieldErrors errors = new FieldErrors();
            PayloadReader in = new PayloadReader(errors);
            String reference = in.string(body, "reference", "", false, 40);
            String description = in.string(body, "description", "", false, 80);
            ObjectNode metadata = in.present(body, "metadata") ? in.metadata(body, "metadata", "") : null;
            errors.throwIfAny();
            return new ObjectPatch(reference, description, metadata);
        }

        void applyTo(MoneyMovementRecord record, long now) {
            if (reference != null) {
                record.reference = reference;
            }
            if (description != null) {
                record.description = description;
            }
            if (metadata != null) {
                record.metadata = metadata;
            }
            record.updatedAt = now;
        }
    }
}
