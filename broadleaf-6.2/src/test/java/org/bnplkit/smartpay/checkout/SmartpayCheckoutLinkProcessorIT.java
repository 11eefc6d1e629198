package org.bnplkit.smartpay.checkout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.Map;

import org.bnplkit.smartpay.testing.BroadleafTestContext;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.presentation.dialect.BroadleafAttributeModifierProcessor;
import org.broadleafcommerce.presentation.dialect.BroadleafProcessor;
import org.broadleafcommerce.presentation.model.BroadleafAttributeModifier;
import org.broadleafcommerce.presentation.thymeleaf3.config.Thymeleaf3ConfigUtils;
import org.broadleafcommerce.presentation.thymeleaf3.dialect.BroadleafThymeleaf3Dialect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring5.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.StringTemplateResolver;

/**
 * blc:smartpay_checkout on Broadleaf 6.2: the processor bean Broadleaf's Thymeleaf 3 dialect collects (every
 * BroadleafProcessor bean of the root context), asked as the dialect asks it and rendered by Thymeleaf 3 through
 * Broadleaf's own dialect and delegating processors, for a shopper's cart.
 */
class SmartpayCheckoutLinkProcessorIT {

    private static final String PAGE = "<div><a blc:smartpay_checkout=\"\" class=\"button\">Pay with Smartpay</a>"
            + "<form blc:smartpay_checkout=\"\"><button type=\"submit\">Smartpay</button></form></div>";

    private final BroadleafTestContext ctx = BroadleafTestContext.get();

    @AfterEach
    void reset() {
        ctx.properties().reset();
    }

    @Test
    void broadleafsDialectFindsTheButtonAsBlcSmartpayCheckout() {
        Map<String, BroadleafProcessor> processors = ctx.root().getBeansOfType(BroadleafProcessor.class);
        BroadleafProcessor button = processors.get("blSmartpayCheckoutLinkProcessor");
        assertEquals("blc", button.getPrefix());
        assertEquals("smartpay_checkout", button.getName());
    }

    @Test
    void aPayableCartGetsLinksToStart() {
        Order cart = ctx.fixtures().cart().item("Matcha 100g", 1980, 1).build();

        BroadleafAttributeModifier link = modify(cart.getId(), "a", Collections.singletonMap("class", "button"));
        assertEquals("/smartpay/start", link.getAdded().get("href"));
        assertFalse(link.getAdded().containsKey("hidden"));

        BroadleafAttributeModifier form = modify(cart.getId(), "form", Collections.emptyMap());
        assertEquals("/smartpay/start", form.getAdded().get("action"));
        assertEquals("post", form.getAdded().get("method"));
    }

    @Test
    void theButtonIsHiddenAndLeadsNowhereWhenSmartpayCannotBeUsed() {
        Order yen = ctx.fixtures().cart().item("Matcha 100g", 1980, 1).build();
        Order dollars = ctx.fixtures().cart().currency("USD").item("Tea sampler", 25, 1).build();
        assertHidden(modify(dollars.getId(), "a", Collections.emptyMap()), "href");

        ctx.properties().blank("gateway.smartpay.secretKey");
        assertHidden(modify(yen.getId(), "a", Collections.emptyMap()), "href");
        assertHidden(modify(yen.getId(), "form", Collections.emptyMap()), "action");
    }

    @Test
    void thymeleaf3RendersTheButtonThroughBroadleafsDialect() {
        Order yen = ctx.fixtures().cart().item("Matcha 100g", 1980, 1).build();
        String html = render(yen.getId());
        assertTrue(html.contains("href=\"/smartpay/start\""), html);
        assertTrue(html.contains("action=\"/smartpay/start\""), html);
        assertTrue(html.contains("method=\"post\""), html);
        assertFalse(html.contains("smartpay_checkout"), html);

        Order dollars = ctx.fixtures().cart().currency("USD").item("Tea sampler", 25, 1).build();
        String hidden = render(dollars.getId());
        assertFalse(hidden.contains("/smartpay/start"), hidden);
        assertTrue(hidden.contains("hidden=\"hidden\""), hidden);
    }

    private String render(Long cartId) {
        BroadleafProcessor button = ctx.bean("blSmartpayCheckoutLinkProcessor", BroadleafProcessor.class);
        BroadleafThymeleaf3Dialect dialect = new BroadleafThymeleaf3Dialect();
        dialect.setProcessors(new Thymeleaf3ConfigUtils().getDialectProcessors(Collections.singletonList(button)));
        SpringTemplateEngine engine = new SpringTemplateEngine();
        StringTemplateResolver resolver = new StringTemplateResolver();
        resolver.setTemplateMode(TemplateMode.HTML);
        engine.setTemplateResolver(resolver);
        engine.addDialect(dialect);
        return ctx.storefront().asShopper(cartId, () -> engine.process(PAGE, new Context()));
    }

    private static void assertHidden(BroadleafAttributeModifier modifier, String target) {
        assertEquals("hidden", modifier.getAdded().get("hidden"));
        assertFalse(modifier.getAdded().containsKey(target));
        assertTrue(modifier.getRemoved().contains(target));
    }

    private BroadleafAttributeModifier modify(Long cartId, String tag, Map<String, String> attributes) {
        BroadleafAttributeModifierProcessor processor = ctx.bean("blSmartpayCheckoutLinkProcessor",
                BroadleafAttributeModifierProcessor.class);
        return ctx.storefront().asShopper(cartId,
                () -> processor.getModifiedAttributes(tag, attributes, "blc:smartpay_checkout", "", null));
    }
}
