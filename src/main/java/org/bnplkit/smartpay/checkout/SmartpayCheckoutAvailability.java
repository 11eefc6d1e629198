package org.bnplkit.smartpay.checkout;

import org.apache.commons.lang3.StringUtils;
import org.bnplkit.smartpay.compat.PostalAddresses;
import org.bnplkit.smartpay.checkout.SmartpayCheckoutException.Reason;
import org.bnplkit.smartpay.config.SmartpaySettings;
import org.broadleafcommerce.core.order.domain.FulfillmentGroup;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.service.type.OrderStatus;
import org.broadleafcommerce.profile.core.domain.Address;
import org.springframework.stereotype.Component;

import javax.annotation.Resource;

/**
 * Whether a cart can be paid with Smartpay now: the gateway is configured, the cart is in yen, has items,
 * a positive total and a Japanese shipping address Smartpay can use. The storefront button is shown only
 * when this passes; /smartpay/start checks again and explains a refusal.
 */
@Component("blSmartpayCheckoutAvailability")
public class SmartpayCheckoutAvailability {

    public static final String JPY = "JPY";

    @Resource(name = "blSmartpaySettings")
    protected SmartpaySettings settings;

    public boolean isAvailable(Order cart) {
        try {
            check(cart);
            return true;
        } catch (SmartpayCheckoutException e) {
            return false;
        }
    }

    /** @throws SmartpayCheckoutException with the first reason the cart cannot be paid with Smartpay */
    public void check(Order cart) throws SmartpayCheckoutException {
        String problem = settings.configurationProblem();
        if (problem != null) {
            throw new SmartpayCheckoutException(Reason.UNAVAILABLE, "Smartpay is not configured: " + problem);
        }
        if (cart == null || cart.getId() == null) {
            throw new SmartpayCheckoutException(Reason.CART_NOT_PAYABLE, "There is no cart to pay");
        }
        if (!OrderStatus.IN_PROCESS.equals(cart.getStatus()) && !OrderStatus.CSR_OWNED.equals(cart.getStatus())) {
            throw new SmartpayCheckoutException(Reason.CART_NOT_PAYABLE,
                    "Order " + cart.getId() + " is " + (cart.getStatus() == null ? "without status" : cart.getStatus().getType())
                            + ", not an open cart");
        }
        String currency = cart.getCurrency() == null ? null : cart.getCurrency().getCurrencyCode();
        if (!JPY.equals(currency)) {
            throw new SmartpayCheckoutException(Reason.CURRENCY,
                    "Smartpay takes only JPY; order " + cart.getId() + " is in " + currency);
        }
        if (cart.getOrderItems() == null || cart.getOrderItems().isEmpty()) {
            throw new SmartpayCheckoutException(Reason.CART_NOT_PAYABLE, "Order " + cart.getId() + " has no items");
        }
        if (cart.getTotal() == null || cart.getTotal().getAmount().signum() <= 0) {
            throw new SmartpayCheckoutException(Reason.CART_NOT_PAYABLE,
                    "Order " + cart.getId() + " has nothing to pay (total " + cart.getTotal() + ")");
        }
        Address address = shippingAddress(cart);
        if (address == null || StringUtils.isBlank(address.getAddressLine1()) || StringUtils.isBlank(address.getCity())
                || StringUtils.isBlank(address.getPostalCode())) {
            throw new SmartpayCheckoutException(Reason.CART_NOT_PAYABLE,
                    "Order " + cart.getId() + " needs a shipping address with postal code, city and street");
        }
        String country = PostalAddresses.countryCode(address);
        if (country != null && !"JP".equalsIgnoreCase(country)) {
            throw new SmartpayCheckoutException(Reason.CART_NOT_PAYABLE,
                    "Smartpay ships only to Japan; order " + cart.getId() + " ships to " + country);
        }
    }

    /** The address of the first fulfillment group that has one (Smartpay takes one shipping address). */
    static Address shippingAddress(Order cart) {
        if (cart.getFulfillmentGroups() == null) {
            return null;
        }
        for (FulfillmentGroup group : cart.getFulfillmentGroups()) {
            if (group.getAddress() != null) {
                return group.getAddress();
            }
        }
        return null;
    }
}
