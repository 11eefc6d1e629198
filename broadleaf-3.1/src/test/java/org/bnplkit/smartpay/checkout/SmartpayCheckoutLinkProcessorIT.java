package org.bnplkit.smartpay.checkout;

import org.bnplkit.smartpay.testing.BroadleafTestContext;
import org.broadleafcommerce.core.order.domain.Order;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.TemplateProcessingParameters;
import org.thymeleaf.context.Context;
import org.thymeleaf.dialect.IDialect;
import org.thymeleaf.resourceresolver.IResourceResolver;
import org.thymeleaf.templateresolver.TemplateResolver;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** blc:smartpay_checkout rendered by Thymeleaf 2.1 with Broadleaf's own blDialect (where the module XML registers it). */
class SmartpayCheckoutLinkProcessorIT {

    private static final String PAGE = "<div><a blc:smartpay_checkout=\"\" class=\"button\">Pay with Smartpay</a>"
            + "<form blc:smartpay_checkout=\"\"><button type=\"submit\">Smartpay</button></form></div>";

    private final BroadleafTestContext ctx = BroadleafTestContext.get();

    @AfterEach
    void reset() {
        ctx.properties().reset();
    }

    @Test
    void aPayableCartGetsLinksToStart() {
        Order cart = ctx.fixtures().cart().item("Matcha 100g", 1980, 1).build();
        String html = render(cart.getId());
        assertTrue(html.contains("<a class=\"button\" href=\"/smartpay/start\">"), html);
        assertTrue(html.contains("action=\"/smartpay/start\""), html);
        assertTrue(html.contains("method=\"post\""), html);
        assertFalse(html.contains("smartpay_checkout"), html);
    }

    @Test
    void theButtonDisappearsWhenSmartpayCannotBeUsed() {
        Order yen = ctx.fixtures().cart().item("Matcha 100g", 1980, 1).build();
        Order dollars = ctx.fixtures().cart().currency("USD").item("Tea sampler", 25, 1).build();
        assertFalse(render(dollars.getId()).contains("/smartpay/start"));

        ctx.properties().blank("gateway.smartpay.secretKey");
        String html = render(yen.getId());
        assertFalse(html.contains("/smartpay/start"), html);
        assertFalse(html.contains("Pay with Smartpay"), html);
    }

    private String render(Long cartId) {
        TemplateEngine engine = new TemplateEngine();
        TemplateResolver resolver = new TemplateResolver();
        resolver.setTemplateMode("HTML5");
        resolver.setResourceResolver(new IResourceResolver() {
            @Override
            public String getName() {
                return "string";
            }

            @Override
            public InputStream getResourceAsStream(TemplateProcessingParameters parameters, String resourceName) {
                return new ByteArrayInputStream(PAGE.getBytes(StandardCharsets.UTF_8));
            }
        });
        engine.setTemplateResolver(resolver);
        engine.addDialect(ctx.bean("blDialect", IDialect.class));
        return ctx.storefront().asShopper(cartId, () -> engine.process("checkout", new Context()));
    }
}
