package org.bnplkit.smartpay.checkout.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.broadleafcommerce.common.security.handler.SecurityFilter;
import org.junit.jupiter.api.Test;

/** Broadleaf 6.2: the store's blCsrfFilter is a SecurityFilter (the DemoSite's); /smartpay/** joins its exclusions. */
class SmartpayCsrfExclusion62Test {

    private final SmartpayCsrfExclusion exclusion = new SmartpayCsrfExclusion();

    @Test
    void theSecurityFiltersOwnExclusionsAreKeptAndSmartpaysAddedOnce() {
        SecurityFilter filter = new SecurityFilter();
        filter.setExcludedRequestPatterns(Arrays.asList("/api/**", "/sample-checkout/**"));
        exclusion.postProcessBeforeInitialization(filter, "blCsrfFilter");
        exclusion.postProcessBeforeInitialization(filter, "blCsrfFilter");
        assertEquals(Arrays.asList("/api/**", "/sample-checkout/**", "/smartpay/**"), filter.getExcludedRequestPatterns());
    }

    @Test
    void aSecurityFilterWithoutExclusionsGetsSmartpays() {
        SecurityFilter filter = new SecurityFilter();
        exclusion.postProcessBeforeInitialization(filter, "blCsrfFilter");
        assertEquals(Arrays.asList("/smartpay/**"), filter.getExcludedRequestPatterns());
    }
}
