package org.bnplkit.smartpay.admin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Problems found in a submitted admin form: field name → message (first problem per field, in form order). */
public final class FormErrors {

    /** Field name for problems that belong to the form as a whole. */
    public static final String FORM = "_form";

    private final Map<String, AdminMessage> byField = new LinkedHashMap<String, AdminMessage>();

    public FormErrors reject(String field, AdminMessage message) {
        if (!byField.containsKey(field)) {
            byField.put(field, message);
        }
        return this;
    }

    public boolean isEmpty() {
        return byField.isEmpty();
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    public AdminMessage get(String field) {
        return byField.get(field);
    }

    public Map<String, AdminMessage> all() {
        return Collections.unmodifiableMap(byField);
    }

    @Override
    public String toString() {
        return byField.toString();
    }
}
