package org.bnplkit.smartpay.testing;

import org.bnplkit.smartpay.config.SmartpayPaymentGatewayType;
import org.broadleafcommerce.common.payment.PaymentGatewayType;
import org.broadleafcommerce.common.payment.service.PaymentGatewayConfigurationServiceProvider;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.service.type.OrderStatus;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void theTablesLiveInTheSelectedDatabase() throws Exception {
        BroadleafTestContext ctx = BroadleafTestContext.get();
        DataSource dataSource = ctx.bean("blSmartpayTestDS", DataSource.class);
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            if (ctx.database().equals("postgres")) {
                assertEquals("PostgreSQL", product);
                try (ResultSet schema = connection.createStatement().executeQuery("select current_schema()")) {
                    schema.next();
                    assertEquals(System.getProperty(BroadleafTestContext.POSTGRES_SCHEMA_PROPERTY), schema.getString(1));
                }
            } else if (ctx.database().equals("mariadb")) {
                assertEquals("MariaDB", product);
                try (ResultSet database = connection.createStatement().executeQuery("select database()")) {
                    database.next();
                    assertEquals(System.getProperty(BroadleafTestContext.MARIADB_DATABASE_PROPERTY), database.getString(1));
                }
            } else {
                assertEquals("HSQL Database Engine", product);
            }
            try (ResultSet tables = connection.getMetaData().getTables(null, null, "%", null)) {
                boolean found = false;
                while (tables.next()) {
                    found |= tables.getString("TABLE_NAME").equalsIgnoreCase("BLC_ORDER_PAYMENT");
                }
                assertTrue(found, "Hibernate created Broadleaf's tables");
            }
        }
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
