package org.bnplkit.smartpay.compat;

import org.broadleafcommerce.common.config.FrameworkCommonClasspathPropertySource;
import org.springframework.core.annotation.Order;

/**
 * Broadleaf 6.2: puts the module's defaults, {@code config/bc/smartpay/common.properties}, into the Spring
 * Environment after the framework's own and before the store's (registered in META-INF/spring.factories).
 */
@Order(FrameworkCommonClasspathPropertySource.DEFAULT_ORDER)
public class SmartpayPropertySource implements FrameworkCommonClasspathPropertySource {

    @Override
    public String getClasspathFolder() {
        return "config/bc/smartpay/";
    }
}
