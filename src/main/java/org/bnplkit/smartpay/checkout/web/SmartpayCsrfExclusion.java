package org.bnplkit.smartpay.checkout.web;

import java.util.ArrayList;
import java.util.List;

import org.broadleafcommerce.common.security.handler.CsrfFilter;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Adds {@code /smartpay/**} to the exclusions of the store's {@code blCsrfFilter}, keeping the ones it has: Smartpay
 * cannot send Broadleaf's CSRF token (webhooks), and the "Pay with Smartpay" form moves no money (the return is
 * re-checked on the server). Merging here spares the store a copy of its filter bean in which an exclusion it
 * already had could be lost.
 */
public class SmartpayCsrfExclusion implements BeanPostProcessor {

    static final String PATTERN = "/smartpay/**";

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
        if (bean instanceof CsrfFilter) {
            CsrfFilter filter = (CsrfFilter) bean;
            List<String> patterns = filter.getExcludedRequestPatterns() == null ? new ArrayList<String>()
                    : new ArrayList<String>(filter.getExcludedRequestPatterns());
            if (!patterns.contains(PATTERN)) {
                patterns.add(PATTERN);
                filter.setExcludedRequestPatterns(patterns);
            }
        }
        return bean;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        return bean;
    }
}
