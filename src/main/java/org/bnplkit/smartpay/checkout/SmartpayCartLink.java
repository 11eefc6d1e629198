package org.bnplkit.smartpay.checkout;

import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.domain.OrderAttribute;
import org.broadleafcommerce.core.order.domain.OrderAttributeImpl;

/**
 * What the cart remembers about its Smartpay checkout, kept as Broadleaf order attributes
 * (BLC_ORDER_ATTRIBUTE): the Smartpay order and session it started, for which total and in which
 * capture mode. The return is checked against these, never against request parameters.
 */
public final class SmartpayCartLink {

    public static final String ORDER_ID = "smartpayOrderId";
    public static final String SESSION_ID = "smartpayCheckoutSessionId";
    public static final String TOTAL = "smartpayCheckoutTotal";
    public static final String CAPTURE_METHOD = "smartpayCaptureMethod";

    private final String smartpayOrderId;
    private final String sessionId;
    private final Long total;
    private final String captureMethod;

    private SmartpayCartLink(String smartpayOrderId, String sessionId, Long total, String captureMethod) {
        this.smartpayOrderId = smartpayOrderId;
        this.sessionId = sessionId;
        this.total = total;
        this.captureMethod = captureMethod;
    }

    /** The link stored on {@code cart}, or null when no Smartpay checkout was started for it. */
    public static SmartpayCartLink of(Order cart) {
        if (cart == null || cart.getOrderAttributes() == null) {
            return null;
        }
        String orderId = value(cart, ORDER_ID);
        if (orderId == null) {
            return null;
        }
        String total = value(cart, TOTAL);
        Long parsedTotal;
        try {
            parsedTotal = total == null ? null : Long.valueOf(total);
        } catch (NumberFormatException e) {
            parsedTotal = null;
        }
        return new SmartpayCartLink(orderId, value(cart, SESSION_ID), parsedTotal, value(cart, CAPTURE_METHOD));
    }

    /** Records a started checkout on {@code cart} (the caller saves the cart). */
    public static void store(Order cart, String smartpayOrderId, String sessionId, long total, String captureMethod) {
        put(cart, ORDER_ID, smartpayOrderId);
        put(cart, SESSION_ID, sessionId);
        put(cart, TOTAL, Long.toString(total));
        put(cart, CAPTURE_METHOD, captureMethod);
    }

    public String smartpayOrderId() {
        return smartpayOrderId;
    }

    public String sessionId() {
        return sessionId;
    }

    /** The order total (yen) the session was created for; null if unreadable. */
    public Long total() {
        return total;
    }

    /** "manual" or "automatic": how the session was created (settings may have changed since). */
    public String captureMethod() {
        return captureMethod;
    }

    public boolean isAutomaticCapture() {
        return "automatic".equals(captureMethod);
    }

    private static String value(Order cart, String name) {
        OrderAttribute attribute = cart.getOrderAttributes().get(name);
        return attribute == null ? null : attribute.getValue();
    }

    private static void put(Order cart, String name, String value) {
        OrderAttribute attribute = cart.getOrderAttributes().get(name);
        if (attribute == null) {
            attribute = new OrderAttributeImpl();
            attribute.setName(name);
            attribute.setOrder(cart);
            cart.getOrderAttributes().put(name, attribute);
        }
        attribute.setValue(value);
    }

    @Override
    public String toString() {
        return "SmartpayCartLink{order=" + smartpayOrderId + ", session=" + sessionId + ", total=" + total
                + ", capture=" + captureMethod + "}";
    }
}
