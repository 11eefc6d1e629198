package org.bnplkit.smartpay.compat;

import java.util.ArrayList;
import java.util.List;

import org.broadleafcommerce.common.security.handler.CsrfFilter;
import org.broadleafcommerce.common.security.handler.SecurityFilter;

/**
 * Broadleaf 6.2: the store's {@code blCsrfFilter} is a {@link SecurityFilter} (the DemoSite's); the deprecated
 * {@link CsrfFilter}, a class of its own, is still honoured.
 */
public final class CsrfExclusions {

    private CsrfExclusions() {
    }

    /** Adds {@code pattern} to {@code bean}'s excluded request patterns, keeping its own, if it is the CSRF filter. */
    @SuppressWarnings("deprecation")
    public static void exclude(Object bean, String pattern) {
        if (bean instanceof SecurityFilter) {
            SecurityFilter filter = (SecurityFilter) bean;
            filter.setExcludedRequestPatterns(with(filter.getExcludedRequestPatterns(), pattern));
        } else if (bean instanceof CsrfFilter) {
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
