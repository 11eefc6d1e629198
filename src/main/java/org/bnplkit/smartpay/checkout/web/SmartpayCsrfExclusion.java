package org.bnplkit.smartpay.checkout.web;

import org.bnplkit.smartpay.compat.CsrfExclusions;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Adds {@code /smartpay/**} to the exclusions of the store's {@code blCsrfFilter} (3.1: a {@code CsrfFilter}; 6.2: a
 * {@code SecurityFilter}, see {@code compat.CsrfExclusions}), keeping the ones it has: Smartpay
 * cannot send Broadleaf's CSRF token (webhooks), and the "Pay with Smartpay" form moves no money (the return is
 * re-checked on the server). Merging here spares the store a copy of its filter bean in which an exclusion it
 * already had could be lost.
 */
public class SmartpayCsrfExclusion implements BeanPostProcessor {

    static final String PATTERN = "/smartpay/**";

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
        CsrfExclusions.exclude(bean, PATTERN); // the store's CSRF filter, whichever class its line has
        return bean;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        return bean;
    }
}
