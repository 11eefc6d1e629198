package org.bnplkit.smartpay.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RefundRequestFormTest {

    private static final Map<Long, Integer> ITEMS = Map.of(11L, 2, 12L, 1);

    private static Map<String, String> form(String... keyValues) {
        Map<String, String> form = new HashMap<>();
        form.put("reason", "requested_by_customer");
        form.put("requestId", "admin:42:8f14e45f-ceea");
        for (int i = 0; i < keyValues.length; i += 2) {
            form.put(keyValues[i], keyValues[i + 1]);
        }
        return form;
    }

    @Test
    void anAmountWithinWhatIsRefundableIsAccepted() {
        RefundRequestForm f = RefundRequestForm.read(form("amount", "1,200", "description", "  damaged box  "), 5000, ITEMS);

        assertTrue(f.isValid(), f.errors()::toString);
        assertFalse(f.byItems());
        assertEquals(1200, f.amount());
        assertEquals("requested_by_customer", f.reason());
        assertEquals("damaged box", f.description());
        assertEquals("admin:42:8f14e45f-ceea", f.requestId());
    }

    @Test
    void anOverRefundIsAFieldErrorNamingTheLimit() {
        RefundRequestForm f = RefundRequestForm.read(form("amount", "5001"), 5000, ITEMS);

        assertFalse(f.isValid());
        assertEquals(AdminMessage.of("smartpay.admin.error.amountTooLarge", "¥5,000"), f.errors().get("amount"));
        assertThrows(IllegalStateException.class, f::amount);
    }

    @Test
    void aNonNumericAmountIsAFieldError() {
        RefundRequestForm f = RefundRequestForm.read(form("amount", "abc"), 5000, ITEMS);

        assertEquals("smartpay.admin.error.amountNotWholeYen", f.errors().get("amount").key());
    }

    @Test
    void itemQuantitiesReplaceTheAmount() {
        RefundRequestForm f = RefundRequestForm.read(form("amount", "not looked at", "quantity-11", "2", "quantity-12", "0"), 5000, ITEMS);

        assertTrue(f.isValid(), f.errors()::toString);
        assertTrue(f.byItems());
        assertEquals(Map.of(11L, 2), f.itemQuantities());
    }

    @Test
    void moreItemsThanCanBeReturnedIsRefused() {
        RefundRequestForm f = RefundRequestForm.read(form("quantity-11", "3"), 5000, ITEMS);

        assertEquals(AdminMessage.of("smartpay.admin.error.quantityInvalid", 2), f.errors().get("quantity-11"));
        assertEquals("smartpay.admin.error.amountRequired", f.errors().get("amount").key(), "no valid item: the amount counts again");
    }

    @Test
    void anItemOfAnotherOrderIsRefused() {
        RefundRequestForm f = RefundRequestForm.read(form("amount", "100", "quantity-99", "1"), 5000, ITEMS);

        assertTrue(f.errors().has("quantity-99"));
    }

    @Test
    void onlyTheTwoSmartpayReasonsAreAccepted() {
        RefundRequestForm f = RefundRequestForm.read(form("amount", "100", "reason", "duplicate"), 5000, ITEMS);

        assertEquals("smartpay.admin.error.reasonInvalid", f.errors().get("reason").key());
        assertNull(f.reason());
    }

    @Test
    void theNoteIsLimitedToEightyCharacters() {
        assertTrue(RefundRequestForm.read(form("amount", "100", "description", "あ".repeat(80)), 5000, ITEMS).isValid());
        assertEquals("smartpay.admin.error.descriptionTooLong",
                RefundRequestForm.read(form("amount", "100", "description", "a".repeat(81)), 5000, ITEMS).errors().get("description").key());
    }

    @Test
    void aFormWithoutItsRequestIdIsRefused() {
        Map<String, String> f = form("amount", "100");
        f.remove("requestId");

        assertTrue(RefundRequestForm.read(f, 5000, ITEMS).errors().has(FormErrors.FORM));
    }

    @Test
    void nothingLeftToRefundIsAFormError() {
        RefundRequestForm f = RefundRequestForm.read(form("amount", "1"), 0, ITEMS);

        assertEquals("smartpay.admin.error.nothingRefundable", f.errors().get(FormErrors.FORM).key());
    }
}
