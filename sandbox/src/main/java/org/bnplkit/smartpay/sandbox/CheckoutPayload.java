package org.bnplkit.smartpay.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Validates the order part of a checkout session ("flat" form) or a token order, as Smartpay does:
 * JPY only, 1..50 items with at least one product, shipping address with line1/locality/postalCode/country,
 * lengths (description 80, reference 40, locality 80), metadata of at most 20 pairs, and
 * {@code amount = Σ product amount×qty − Σ discount amount×qty + Σ tax amount×qty + shipping fee}.
 * What it accepts it normalises as the API echoes it: explicit nulls dropped, ISO codes in upper case.
 */
final class CheckoutPayload {

    static final int MAX_ITEMS = 50;
    static final int MAX_IMAGES = 8;
    static final long UINT16_MAX = 65535;

    private CheckoutPayload() {
    }

    static OrderDraft readOrder(ObjectNode body, PayloadReader in) {
        OrderDraft draft = new OrderDraft();
        FieldErrors errors = in.errors;
        if (body.has("orderData") && !body.has("items")) {
            errors.add("orderData", "the legacy orderData form is not supported by the sandbox; send the flat form (items, amount, currency, shippingInfo)");
        }
        Long amount = in.integer(body, "amount", "", true, 0, PayloadReader.UINT32_MAX);
        draft.currency = in.currency(body, "currency", "", true);
        draft.captureMethod = in.oneOf(body, "captureMethod", "", false, OrderRecord.AUTOMATIC, OrderRecord.MANUAL);
        draft.reference = in.string(body, "reference", "", false, 40);
        draft.description = in.string(body, "description", "", false, 80);
        draft.metadata = in.metadata(body, "metadata", "");
        draft.locale = in.oneOf(body, "locale", "", false, "en", "ja");
        draft.customerInfo = readCustomerInfo(body, in);
        ObjectNode sentShipping = in.object(body, "shippingInfo", "", true);
        Long shippingFee = 0L;
        if (sentShipping != null) {
            ObjectNode shipping = PayloadReader.withoutNulls(sentShipping); // stored and echoed as normalised here
            ObjectNode address = in.object(shipping, "address", "shippingInfo", true);
            if (address != null) {
                readAddress(address, "shippingInfo.address", in, true);
            }
            if (in.present(shipping, "feeAmount")) { // null below = invalid, which the errors already say
                shippingFee = in.integer(shipping, "feeAmount", "shippingInfo", false, 0, PayloadReader.UINT32_MAX);
            }
            String feeCurrency = in.currency(shipping, "feeCurrency", "shippingInfo", false);
            if (feeCurrency != null) {
                shipping.put("feeCurrency", feeCurrency);
            }
            in.oneOf(shipping, "addressType", "shippingInfo", false, "gift", "home", "locker", "office", "store");
            in.string(shipping, "carrierName", "shippingInfo", false, 0);
            in.string(shipping, "reference", "shippingInfo", false, 0);
            draft.shippingInfo = shipping;
        }
        Long computed = readItems(body, draft, in);
        if (amount != null) {
            draft.amount = amount;
            if (computed != null && shippingFee != null && !errors.has("currency")) {
                long expected = computed + shippingFee;
                if (expected != amount) {
                    errors.add("amount", "must equal the items' total (products - discounts + tax + shipping fee) = "
                            + expected + ", but was " + amount);
                }
            }
        }
        return draft;
    }

    /** Σ product − Σ discount + Σ tax over the items, or null when the items are invalid. */
    private static Long readItems(ObjectNode body, OrderDraft draft, PayloadReader in) {
        FieldErrors errors = in.errors;
        ArrayNode items = in.array(body, "items", "", true);
        if (items == null) {
            return null;
        }
        if (items.size() < 1 || items.size() > MAX_ITEMS) {
            errors.add("items", "must have between 1 and " + MAX_ITEMS + " items, had " + items.size());
            return null;
        }
        long total = 0;
        boolean valid = true;
        boolean anyProduct = false;
        for (int i = 0; i < items.size(); i++) {
            String prefix = "items[" + i + "]";
            JsonNode node = items.get(i);
            if (!node.isObject()) {
                errors.add(prefix, "must be an object");
                valid = false;
                continue;
            }
            OrderDraft.Item item = new OrderDraft.Item();
            item.source = PayloadReader.withoutNulls((ObjectNode) node);
            item.name = in.string(node, "name", prefix, true, 0);
            Long unit = in.integer(node, "amount", prefix, true, 0, PayloadReader.UINT32_MAX);
            item.currency = in.currency(node, "currency", prefix, true);
            Long quantity = in.integer(node, "quantity", prefix, false, 1, UINT16_MAX);
            String kind = in.oneOf(node, "kind", prefix, false,
                    LineItemRecord.PRODUCT, LineItemRecord.TAX, LineItemRecord.DISCOUNT);
            item.kind = kind == null ? LineItemRecord.PRODUCT : kind;
            item.description = in.string(node, "description", prefix, false, 0);
            item.metadata = in.metadata(node, "metadata", prefix);
            in.stringList(node, "images", prefix, MAX_IMAGES);
            in.stringList(node, "categories", prefix, 0);
            for (String text : new String[] {"label", "brand", "gtin", "reference", "url", "productDescription",
                    "priceDescription"}) {
                in.string(node, text, prefix, false, 0);
            }
            in.metadata(node, "productMetadata", prefix);
            in.metadata(node, "priceMetadata", prefix);
            if (unit == null || (in.present(node, "kind") && kind == null)
                    || (in.present(node, "quantity") && quantity == null)) {
                valid = false;
                continue;
            }
            item.unitAmount = unit;
            item.quantity = quantity == null ? 1 : quantity.intValue();
            long line = unit * item.quantity;
            if (LineItemRecord.DISCOUNT.equals(item.kind)) {
                total -= line;
            } else {
                total += line;
                anyProduct |= LineItemRecord.PRODUCT.equals(item.kind);
            }
            draft.items.add(item);
        }
        if (valid && !anyProduct) {
            errors.add("items", "must contain at least one product item");
            return null;
        }
        return valid ? total : null;
    }

    static JsonNode readCustomerInfo(ObjectNode body, PayloadReader in) {
        ObjectNode sent = in.object(body, "customerInfo", "", true);
        if (sent == null) {
            return null;
        }
        ObjectNode customer = PayloadReader.withoutNulls(sent);
        in.integer(customer, "accountAge", "customerInfo", false, 0, PayloadReader.UINT32_MAX);
        for (String text : new String[] {"emailAddress", "firstName", "lastName", "firstNameKana", "lastNameKana",
                "phoneNumber", "reference"}) {
            in.string(customer, text, "customerInfo", false, 0);
        }
        in.oneOf(customer, "legalGender", "customerInfo", false, "male", "female");
        String birth = in.string(customer, "dateOfBirth", "customerInfo", false, 0);
        if (birth != null && !birth.matches("\\d{4}-\\d{2}-\\d{2}")) {
            in.errors.add("customerInfo.dateOfBirth", "must be YYYY-MM-DD");
        }
        ObjectNode address = in.object(customer, "address", "customerInfo", false);
        if (address != null) {
            // the shopper's own address is informative: Smartpay's PHP SDK test sends it with line1 ""
            readAddress(address, "customerInfo.address", in, false);
        }
        return customer;
    }

    /** The shipping address needs line1, locality, postalCode and country; a customer's address needs none. */
    private static void readAddress(ObjectNode address, String prefix, PayloadReader in, boolean shipping) {
        in.string(address, "line1", prefix, shipping, 0);
        for (String optional : new String[] {"line2", "line3", "line4", "line5", "subLocality", "administrativeArea"}) {
            in.string(address, optional, prefix, false, 0);
        }
        in.string(address, "locality", prefix, shipping, 80);
        in.string(address, "postalCode", prefix, shipping, 0);
        String country = in.country(address, "country", prefix, shipping);
        if (country != null) {
            address.put("country", country); // "jp" is echoed as "JP"
        }
    }
}
