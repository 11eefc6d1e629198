package org.bnplkit.smartpay.admin;

import java.text.Normalizer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The admin's refund form, read and checked on the server. Fields: {@code amount} (yen), {@code reason}
 * ({@code requested_by_customer} | {@code fraudulent}), {@code description} (optional, at most 80 characters, as
 * Smartpay allows), {@code requestId} (issued with the form, so submitting the same form twice refunds once) and,
 * optionally, {@code quantity-<orderItemId>} per returned item. When any item quantity is above zero the refund is
 * by items (the module computes the amount) and {@code amount} is ignored.
 */
public final class RefundRequestForm {

    public static final String AMOUNT = "amount";
    public static final String REASON = "reason";
    public static final String DESCRIPTION = "description";
    public static final String REQUEST_ID = "requestId";
    public static final String QUANTITY_PREFIX = "quantity-";

    public static final String REASON_REQUESTED_BY_CUSTOMER = "requested_by_customer";
    public static final String REASON_FRAUDULENT = "fraudulent";
    public static final int DESCRIPTION_MAX = 80;

    private static final Pattern REQUEST_ID_FORMAT = Pattern.compile("[A-Za-z0-9:_-]{8,100}");
    private static final Pattern QUANTITY = Pattern.compile("[0-9]{1,6}");

    private final Long amount;
    private final Map<Long, Integer> itemQuantities;
    private final String reason;
    private final String description;
    private final String requestId;
    private final FormErrors errors;

    private RefundRequestForm(Long amount, Map<Long, Integer> itemQuantities, String reason, String description,
            String requestId, FormErrors errors) {
        this.amount = amount;
        this.itemQuantities = itemQuantities;
        this.reason = reason;
        this.description = description;
        this.requestId = requestId;
        this.errors = errors;
    }

    /**
     * @param params            the submitted form (single values)
     * @param refundable        yen still refundable on the order
     * @param returnableItems   order item id → quantity that can still be refunded by item
     */
    public static RefundRequestForm read(Map<String, String> params, long refundable, Map<Long, Integer> returnableItems) {
        FormErrors errors = new FormErrors();
        if (refundable <= 0) {
            errors.reject(FormErrors.FORM, AdminMessage.of("smartpay.admin.error.nothingRefundable"));
        }

        Map<Long, Integer> quantities = new LinkedHashMap<Long, Integer>();
        for (Map.Entry<String, String> param : params.entrySet()) {
            if (!param.getKey().startsWith(QUANTITY_PREFIX)) {
                continue;
            }
            String field = param.getKey();
            Long orderItemId = parseId(field.substring(QUANTITY_PREFIX.length()));
            Integer max = orderItemId == null ? null : returnableItems.get(orderItemId);
            if (max == null) {
                errors.reject(field, AdminMessage.of("smartpay.admin.error.quantityInvalid", 0));
                continue;
            }
            String raw = normalize(param.getValue());
            if (raw.isEmpty()) {
                continue;
            }
            if (!QUANTITY.matcher(raw).matches() || Integer.parseInt(raw) > max) {
                errors.reject(field, AdminMessage.of("smartpay.admin.error.quantityInvalid", max));
                continue;
            }
            int quantity = Integer.parseInt(raw);
            if (quantity > 0) {
                quantities.put(orderItemId, quantity);
            }
        }

        Long amount = null;
        if (quantities.isEmpty()) {
            YenInput input = YenInput.parse(params.get(AMOUNT), refundable, "smartpay.admin.error.amountTooLarge");
            if (input.isValid()) {
                amount = input.amount();
            } else {
                errors.reject(AMOUNT, input.problem());
            }
        }

        String reason = params.get(REASON);
        if (!REASON_REQUESTED_BY_CUSTOMER.equals(reason) && !REASON_FRAUDULENT.equals(reason)) {
            errors.reject(REASON, AdminMessage.of("smartpay.admin.error.reasonInvalid"));
            reason = null;
        }

        String description = params.get(DESCRIPTION) == null ? "" : params.get(DESCRIPTION).trim();
        if (description.codePointCount(0, description.length()) > DESCRIPTION_MAX) {
            errors.reject(DESCRIPTION, AdminMessage.of("smartpay.admin.error.descriptionTooLong", DESCRIPTION_MAX));
        }

        String requestId = params.get(REQUEST_ID);
        if (requestId == null || !REQUEST_ID_FORMAT.matcher(requestId).matches()) {
            errors.reject(FormErrors.FORM, AdminMessage.of("smartpay.admin.error.csrf"));
            requestId = null;
        }

        return new RefundRequestForm(amount, Collections.unmodifiableMap(quantities), reason,
                description.isEmpty() ? null : description, requestId, errors);
    }

    private static Long parseId(String text) {
        try {
            return Long.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String normalize(String raw) {
        return raw == null ? "" : Normalizer.normalize(raw, Normalizer.Form.NFKC).trim();
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    public FormErrors errors() {
        return errors;
    }

    /** True when the admin chose items: refund with {@link #itemQuantities()}, not {@link #amount()}. */
    public boolean byItems() {
        return !itemQuantities.isEmpty();
    }

    /** Yen to refund; only when valid and not {@link #byItems()}. */
    public long amount() {
        if (amount == null) {
            throw new IllegalStateException("no amount: " + errors);
        }
        return amount;
    }

    /** Order item id → quantity to refund (empty unless {@link #byItems()}). */
    public Map<Long, Integer> itemQuantities() {
        return itemQuantities;
    }

    /** {@code requested_by_customer} or {@code fraudulent}. */
    public String reason() {
        return reason;
    }

    /** The note for Smartpay, or null. */
    public String description() {
        return description;
    }

    public String requestId() {
        return requestId;
    }
}
