package org.bnplkit.smartpay.checkout.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import java.util.List;

import org.broadleafcommerce.common.security.handler.CsrfFilter;
import org.junit.jupiter.api.Test;

class SmartpayCsrfExclusionTest {

    private final SmartpayCsrfExclusion exclusion = new SmartpayCsrfExclusion();

    @Test
    void theStoresOwnExclusionsAreKeptAndSmartpaysAdded() {
        CsrfFilter filter = new CsrfFilter();
        filter.setExcludedRequestPatterns(Arrays.asList("/paypal-express/**", "/api/**", "/sagepay/**"));
        exclusion.postProcessBeforeInitialization(filter, "blCsrfFilter");
        assertEquals(Arrays.asList("/paypal-express/**", "/api/**", "/sagepay/**", "/smartpay/**"),
                filter.getExcludedRequestPatterns());
    }

    @Test
    void aFilterWithoutExclusionsGetsOnlySmartpaysAndTwiceIsOnce() {
        CsrfFilter filter = new CsrfFilter();
        exclusion.postProcessBeforeInitialization(filter, "blCsrfFilter");
        exclusion.postProcessBeforeInitialization(filter, "blCsrfFilter");
        List<String> patterns = filter.getExcludedRequestPatterns();
        assertEquals(Arrays.asList("/smartpay/**"), patterns);
    }

    @Test
    void otherBeansAreLeftAlone() {
        Object other = new Object();
        assertSame(other, exclusion.postProcessBeforeInitialization(other, "blSomething"));
    }
}
