package org.bnplkit.smartpay.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Locale;

import javax.persistence.EntityManagerFactory;

import org.bnplkit.smartpay.compat.SessionFactories;
import org.bnplkit.smartpay.config.SmartpayPaymentGatewayType;
import org.broadleafcommerce.common.payment.service.PaymentGatewayConfigurationServiceProvider;
import org.junit.jupiter.api.Test;
import org.springframework.context.MessageSource;

/**
 * The module installed the Broadleaf 6 way: found through blc-config/site/ (no patch list), its defaults in the Spring
 * Environment through META-INF/spring.factories, its messages in 6.2's blMessageSourceBaseNames, its gateway in
 * Broadleaf's list, and blPU's SessionFactory reachable for the lifecycle triggers.
 */
class Broadleaf62ContextIT {

    private final BroadleafTestContext ctx = BroadleafTestContext.get();

    @Test
    void theGatewayIsFoundByBroadleafsProvider() {
        PaymentGatewayConfigurationServiceProvider provider = ctx.bean("blPaymentGatewayConfigurationServiceProvider",
                PaymentGatewayConfigurationServiceProvider.class);
        assertSame(ctx.bean("blSmartpayConfigurationService", Object.class),
                provider.getGatewayConfigurationService(SmartpayPaymentGatewayType.SMARTPAY));
    }

    @Test
    void theModuleDefaultsAreInTheSpringEnvironment() {
        assertEquals("https://dashboard.smartpay.co", ctx.root().getEnvironment().getProperty("gateway.smartpay.dashboardBaseUrl"));
    }

    @Test
    void shopperMessagesResolveInEnglishAndJapanese() {
        MessageSource messages = ctx.bean("messageSource", MessageSource.class);
        assertEquals("Smartpay で支払う", messages.getMessage("smartpay.button", null, Locale.JAPANESE));
        assertNotNull(messages.getMessage("smartpay.button", null, Locale.ENGLISH));
    }

    @Test
    void theLifecycleTriggersReachBlPusSessionFactory() {
        assertNotNull(SessionFactories.of(ctx.bean("entityManagerFactory", EntityManagerFactory.class)));
    }
}
