package org.bnplkit.smartpay.testing;

import org.bnplkit.smartpay.config.SmartpayPaymentGatewayType;
import org.broadleafcommerce.common.payment.PaymentGatewayType;
import org.broadleafcommerce.common.payment.service.PaymentGatewayConfigurationServiceProvider;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.service.type.OrderStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class BroadleafTestContextIT {

    @Test
    void bootsTheMergedContextWithTheModuleXml() {
        BroadleafTestContext ctx = BroadleafTestContext.get();
        PaymentGatewayConfigurationServiceProvider provider =
                ctx.bean("blPaymentGatewayConfigurationServiceProvider", PaymentGatewayConfigurationServiceProvider.class);
        assertSame(ctx.bean("blSmartpayConfigurationService", Object.class),
                provider.getGatewayConfigurationService(SmartpayPaymentGatewayType.SMARTPAY));
        assertEquals(SmartpayPaymentGatewayType.SMARTPAY, PaymentGatewayType.getInstance("Smartpay"));
    }

    @Test
    void fixturesBuildAJpyCartPricedByBroadleaf() {
        BroadleafTestContext ctx = BroadleafTestContext.get();
        Order cart = ctx.fixtures().cart()
                .item("Matcha 100g", 1980, 2)
                .item("Tea bowl", 5500, 1)
                .shipping("Yamato", 660)
                .build();
        assertEquals(OrderStatus.IN_PROCESS, cart.getStatus());
        assertEquals("JPY", cart.getCurrency().getCurrencyCode());
        assertEquals(new BigDecimal("9460"), cart.getSubTotal().getAmount());
        assertEquals(new BigDecimal("946"), cart.getTotalTax().getAmount());
        assertEquals(new BigDecimal("660"), cart.getTotalFulfillmentCharges().getAmount());
        assertEquals(new BigDecimal("11066"), cart.getTotal().getAmount());
        ctx.inTransaction(() -> {
            Order reloaded = ctx.fixtures().reload(cart.getId());
            assertEquals(2, reloaded.getOrderItems().size());
            assertEquals("東京都", reloaded.getFulfillmentGroups().get(0).getAddress().getState().getName());
        });
    }
}
