package org.bnplkit.smartpay.checkout;

import org.bnplkit.smartpay.checkout.SmartpayCheckoutException.Reason;
import org.bnplkit.smartpay.client.Expand;
import org.bnplkit.smartpay.client.Order;
import org.bnplkit.smartpay.client.SmartpayApiException;
import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.client.SmartpayException;
import org.bnplkit.smartpay.config.SmartpayClientProvider;
import org.bnplkit.smartpay.config.SmartpayNotConfiguredException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import javax.annotation.Resource;

/**
 * The shopper is back from Smartpay: is the cart paid for? Reads the Smartpay order linked to the cart
 * ({@link SmartpayCartLink}) with GET /orders/{id} and verifies it with {@link SmartpayApproval} against
 * the cart's current total. Request parameters play no part.
 *
 * <p>When the approval is valid but for an amount the cart no longer has (the cart changed in another
 * tab), it is released (canceled or refunded) and the shopper is asked to pay again.
 */
@Component("blSmartpayReturnVerifier")
public class SmartpayReturnVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(SmartpayReturnVerifier.class);

    @Resource(name = "blSmartpayClientProvider")
    protected SmartpayClientProvider clientProvider;

    @Resource(name = "blSmartpayAuthorizationRelease")
    protected SmartpayAuthorizationRelease release;

    /** @throws SmartpayCheckoutException nothing may be recorded; the reason says what to tell the shopper */
    public SmartpayApproval verify(org.broadleafcommerce.core.order.domain.Order cart) throws SmartpayCheckoutException {
        if (cart == null || cart.getId() == null) {
            throw new SmartpayCheckoutException(Reason.NO_CHECKOUT, "There is no cart in this session");
        }
        SmartpayCartLink link = SmartpayCartLink.of(cart);
        if (link == null) {
            throw new SmartpayCheckoutException(Reason.NO_CHECKOUT, "No Smartpay checkout was started for order " + cart.getId());
        }
        String currency = cart.getCurrency() == null ? null : cart.getCurrency().getCurrencyCode();
        if (!SmartpayCheckoutAvailability.JPY.equals(currency)) {
            throw new SmartpayCheckoutException(Reason.CURRENCY, "Order " + cart.getId() + " is in " + currency);
        }
        long cartTotal = OrderFigures.yen(cart.getTotal());
        String broadleafOrderId = String.valueOf(cart.getId());

        Order smartpayOrder = read(link.smartpayOrderId(), broadleafOrderId);
        try {
            return SmartpayApproval.verify(smartpayOrder, broadleafOrderId, cartTotal, link.isAutomaticCapture());
        } catch (SmartpayCheckoutException e) {
            if (e.reason() == Reason.CART_CHANGED) {
                LOG.warn("{}; releasing it, the shopper has to pay again", e.getMessage());
                release.releaseIfApprovedQuietly(smartpayOrder.id(), broadleafOrderId);
            } else if (e.reason() == Reason.MISMATCH) {
                LOG.warn("Refused a Smartpay return for Broadleaf order {}: {}", broadleafOrderId, e.getMessage());
            }
            throw e;
        }
    }

    private Order read(String smartpayOrderId, String broadleafOrderId) throws SmartpayCheckoutException {
        SmartpayClient client;
        try {
            client = clientProvider.client();
        } catch (SmartpayNotConfiguredException e) {
            throw new SmartpayCheckoutException(Reason.UNAVAILABLE, e.getMessage(), e);
        }
        try {
            return client.getOrder(smartpayOrderId, Expand.NO);
        } catch (SmartpayApiException e) {
            if (e.httpStatus() == 404) {
                throw new SmartpayCheckoutException(Reason.MISMATCH, "Smartpay does not know order " + smartpayOrderId
                        + " linked to Broadleaf order " + broadleafOrderId, e);
            }
            throw new SmartpayCheckoutException(Reason.SMARTPAY_ERROR, "Reading Smartpay order " + smartpayOrderId
                    + " failed: " + e.getMessage(), e);
        } catch (SmartpayException e) {
            throw new SmartpayCheckoutException(Reason.SMARTPAY_ERROR, "Reading Smartpay order " + smartpayOrderId
                    + " failed: " + e.getMessage(), e);
        }
    }
}
