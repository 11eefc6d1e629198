package org.bnplkit.smartpay.compat;

import java.util.ArrayList;
import java.util.List;

import org.broadleafcommerce.common.security.handler.CsrfFilter;

/** Broadleaf 3.1: the store's {@code blCsrfFilter} is a {@link CsrfFilter}. */
public final class CsrfExclusions {

    private CsrfExclusions() {
    }

    /** Adds {@code pattern} to {@code bean}'s excluded request patterns, keeping its own, if it is the CSRF filter. */
    public static void exclude(Object bean, String pattern) {
        if (bean instanceof CsrfFilter) {
            CsrfFilter filter = (CsrfFilter) bean;
            filter.setExcludedRequestPatterns(with(filter.getExcludedRequestPatterns(), pattern));
        }
    }

    private static List<String> with(List<String> patterns, String pattern) {
        List<String> out = patterns == null ? new ArrayList<String>() : new ArrayList<String>(patterns);
        if (!out.contains(pattern)) {
            out.add(pattern);
        }
        return out;
    }
}
