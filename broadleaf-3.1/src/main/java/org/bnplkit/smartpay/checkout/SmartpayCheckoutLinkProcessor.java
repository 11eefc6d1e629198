package org.bnplkit.smartpay.checkout;

import org.broadleafcommerce.common.web.BroadleafRequestContext;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.web.order.CartState;
import org.springframework.stereotype.Component;
import org.thymeleaf.Arguments;
import org.thymeleaf.dom.Element;
import org.thymeleaf.processor.ProcessorResult;
import org.thymeleaf.processor.attr.AbstractAttrProcessor;

import javax.annotation.Resource;
import javax.servlet.http.HttpServletRequest;

/**
 * {@code blc:smartpay_checkout} (Thymeleaf 2.1, Broadleaf's "blc" dialect): the storefront's
 * "Pay with Smartpay" button.
 *
 * <pre>{@code
 * <a blc:smartpay_checkout="" class="button">Smartpay で支払う</a>
 * <form blc:smartpay_checkout=""><button type="submit">Pay with Smartpay</button></form>
 * }</pre>
 *
 * When the shopper's cart can be paid with Smartpay ({@link SmartpayCheckoutAvailability}) the link's
 * {@code href} (or the form's {@code action}, method POST) becomes {@code <context>/smartpay/start};
 * otherwise the element is removed, so the button never leads to an error. Registered in
 * {@code blDialectProcessors} by 3.1's bl-smartpay-line-applicationContext.xml. (Broadleaf 6.2's class of the same
 * name, in broadleaf-6.2/, is a Thymeleaf 3 processor of Broadleaf's presentation layer.)
 */
@Component("blSmartpayCheckoutLinkProcessor")
public class SmartpayCheckoutLinkProcessor extends AbstractAttrProcessor {

    public static final String ATTRIBUTE = "smartpay_checkout";
    public static final String START_PATH = "/smartpay/start";

    @Resource(name = "blSmartpayCheckoutAvailability")
    protected SmartpayCheckoutAvailability availability;

    public SmartpayCheckoutLinkProcessor() {
        super(ATTRIBUTE);
    }

    @Override
    public int getPrecedence() {
        return 10000;
    }

    @Override
    protected ProcessorResult processAttribute(Arguments arguments, Element element, String attributeName) {
        element.removeAttribute(attributeName);
        Order cart = CartState.getCart();
        if (!availability.isAvailable(cart)) {
            element.getParent().removeChild(element);
            return ProcessorResult.OK;
        }
        String url = contextPath() + START_PATH;
        if ("form".equalsIgnoreCase(element.getNormalizedName())) {
            element.setAttribute("action", url);
            if (!element.hasAttribute("method")) {
                element.setAttribute("method", "post");
            }
        } else {
            element.setAttribute("href", url);
        }
        return ProcessorResult.OK;
    }

    private static String contextPath() {
        BroadleafRequestContext context = BroadleafRequestContext.getBroadleafRequestContext();
        HttpServletRequest request = context == null ? null : context.getRequest();
        return request == null || request.getContextPath() == null ? "" : request.getContextPath();
    }
}
