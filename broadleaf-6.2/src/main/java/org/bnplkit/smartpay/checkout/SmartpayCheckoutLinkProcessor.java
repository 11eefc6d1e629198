package org.bnplkit.smartpay.checkout;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import javax.annotation.Resource;
import javax.servlet.http.HttpServletRequest;

import org.broadleafcommerce.common.web.BroadleafRequestContext;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.web.order.CartState;
import org.broadleafcommerce.presentation.dialect.AbstractBroadleafAttributeModifierProcessor;
import org.broadleafcommerce.presentation.model.BroadleafAttributeModifier;
import org.broadleafcommerce.presentation.model.BroadleafTemplateContext;
import org.springframework.stereotype.Component;

/**
 * {@code blc:smartpay_checkout} (Broadleaf 6.2, Thymeleaf 3 through broadleaf-common-presentation): the
 * storefront's "Pay with Smartpay" button.
 *
 * <pre>{@code
 * <a blc:smartpay_checkout="" class="button">Smartpay で支払う</a>
 * <form blc:smartpay_checkout=""><button type="submit">Pay with Smartpay</button></form>
 * }</pre>
 *
 * When the shopper's cart can be paid with Smartpay ({@link SmartpayCheckoutAvailability}) the link's
 * {@code href} (or the form's {@code action}, method POST) becomes {@code <context>/smartpay/start}. Otherwise
 * the element is hidden ({@code hidden}, no {@code href}/{@code action}): an attribute processor of 6.2's
 * presentation layer cannot remove its element, and a hidden button leads nowhere either. Broadleaf 6.2 collects
 * every {@code BroadleafProcessor} bean into its dialect.
 */
@Component("blSmartpayCheckoutLinkProcessor")
public class SmartpayCheckoutLinkProcessor extends AbstractBroadleafAttributeModifierProcessor {

    public static final String ATTRIBUTE = "smartpay_checkout";
    public static final String START_PATH = "/smartpay/start";

    @Resource(name = "blSmartpayCheckoutAvailability")
    protected SmartpayCheckoutAvailability availability;

    @Override
    public String getName() {
        return ATTRIBUTE;
    }

    @Override
    public int getPrecedence() {
        return 10000;
    }

    @Override
    public BroadleafAttributeModifier getModifiedAttributes(String tagName, Map<String, String> tagAttributes,
            String attributeName, String attributeValue, BroadleafTemplateContext context) {
        Order cart = CartState.getCart();
        boolean form = "form".equalsIgnoreCase(tagName);
        if (!availability.isAvailable(cart)) {
            Map<String, String> added = new HashMap<>();
            added.put("hidden", "hidden");
            added.put("aria-hidden", "true");
            return new BroadleafAttributeModifier(added, Arrays.asList(form ? "action" : "href"));
        }
        Map<String, String> added = new HashMap<>();
        String url = contextPath() + START_PATH;
        if (form) {
            added.put("action", url);
            if (!tagAttributes.containsKey("method")) {
                added.put("method", "post");
            }
        } else {
            added.put("href", url);
        }
        return new BroadleafAttributeModifier(added);
    }

    private static String contextPath() {
        BroadleafRequestContext context = BroadleafRequestContext.getBroadleafRequestContext();
        HttpServletRequest request = context == null ? null : context.getRequest();
        return request == null || request.getContextPath() == null ? "" : request.getContextPath();
    }
}
