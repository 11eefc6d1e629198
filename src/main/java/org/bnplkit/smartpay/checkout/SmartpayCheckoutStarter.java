package org.bnplkit.smartpay.checkout;

import org.bnplkit.smartpay.journal.InstallationIds;
import org.bnplkit.smartpay.checkout.CheckoutSessionMapper.MappedSession;
import org.bnplkit.smartpay.checkout.SmartpayCheckoutException.Reason;
import org.bnplkit.smartpay.client.CaptureMethod;
import org.bnplkit.smartpay.client.CheckoutSession;
import org.bnplkit.smartpay.client.Expand;
import org.bnplkit.smartpay.client.OrderStatus;
import org.bnplkit.smartpay.client.RequestOptions;
import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.client.SmartpayException;
import org.bnplkit.smartpay.config.SmartpayClientProvider;
import org.bnplkit.smartpay.config.SmartpayNotConfiguredException;
import org.bnplkit.smartpay.config.SmartpaySettings;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.service.OrderService;
import org.broadleafcommerce.core.pricing.service.exception.PricingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import javax.annotation.Resource;

/**
 * "Pay with Smartpay": turns the cart into a Smartpay checkout session and links the two.
 *
 * <p>Idempotent per cart and content: the Idempotency-Key is derived from the Broadleaf order id, its
 * total and a digest of the session request, so repeated clicks get the same session and Smartpay order,
 * while a changed cart gets a new one. If the linked Smartpay order is already approved for this total
 * (the shopper approved but never came back), the shopper is sent straight to the return URL; if it was
 * declined or canceled, or approved for a total the cart no longer has (that approval is released), a
 * new session is created.
 */
@Component("blSmartpayCheckoutStarter")
public class SmartpayCheckoutStarter {

    private static final Logger LOG = LoggerFactory.getLogger(SmartpayCheckoutStarter.class);

    /** Query parameter naming the Broadleaf order on our own return/cancel URLs: a navigation hint only. */
    public static final String ORDER_HINT_PARAMETER = "order";

    @Resource(name = "blSmartpaySettings")
    protected SmartpaySettings settings;

    @Resource(name = "blSmartpayClientProvider")
    protected SmartpayClientProvider clientProvider;

    @Resource(name = "blSmartpayCheckoutAvailability")
    protected SmartpayCheckoutAvailability availability;

    @Resource(name = "blSmartpayCheckoutSessionMapper")
    protected CheckoutSessionMapper mapper;

    /** Cart ids repeat across stores sharing a Smartpay account: their session keys must not. */
    @Resource(name = "blSmartpayInstallationIds")
    protected InstallationIds installationIds;

    @Resource(name = "blOrderService")
    protected OrderService orderService;

    @Resource(name = "blSmartpayAuthorizationRelease")
    protected SmartpayAuthorizationRelease release;

    /** Where to send the shopper, and what was linked. */
    public static final class StartedCheckout {
        private final String redirectUrl;
        private final boolean alreadyApproved;
        private final String smartpayOrderId;
        private final String sessionId;
        private final String idempotencyKey;
        private final Order cart;

        StartedCheckout(String redirectUrl, boolean alreadyApproved, String smartpayOrderId, String sessionId,
                        String idempotencyKey, Order cart) {
            this.redirectUrl = redirectUrl;
            this.alreadyApproved = alreadyApproved;
            this.smartpayOrderId = smartpayOrderId;
            this.sessionId = sessionId;
            this.idempotencyKey = idempotencyKey;
            this.cart = cart;
        }

        /** Smartpay's checkout page, or our return URL when the shopper already approved. */
        public String redirectUrl() {
            return redirectUrl;
        }

        public boolean alreadyApproved() {
            return alreadyApproved;
        }

        public String smartpayOrderId() {
            return smartpayOrderId;
        }

        public String sessionId() {
            return sessionId;
        }

        /** Null when no session was created. */
        public String idempotencyKey() {
            return idempotencyKey;
        }

        /** The cart as saved with its Smartpay link. */
        public Order cart() {
            return cart;
        }
    }

    /**
     * @param storefrontBaseUrl scheme://host[:port][/context] of the storefront, no trailing slash
     * @throws SmartpayCheckoutException with the reason the shopper cannot pay with Smartpay now
     */
    public StartedCheckout start(Order cart, String storefrontBaseUrl) throws SmartpayCheckoutException {
        availability.check(cart);
        SmartpayClient client;
        try {
            client = clientProvider.client();
        } catch (SmartpayNotConfiguredException e) {
            throw new SmartpayCheckoutException(Reason.UNAVAILABLE, e.getMessage(), e);
        }
        CaptureMethod captureMethod = settings.captureMethod();
        String returnUrl = url(storefrontBaseUrl, settings.returnPath(), cart);
        String cancelUrl = url(storefrontBaseUrl, settings.cancelPath(), cart);
        MappedSession mapped = mapper.map(cart, returnUrl, cancelUrl, captureMethod, storefrontBaseUrl);

        String retrySuffix = "";
        SmartpayCartLink link = SmartpayCartLink.of(cart);
        if (link != null) {
            org.bnplkit.smartpay.client.Order previous = readQuietly(client, link.smartpayOrderId());
            if (previous != null && String.valueOf(cart.getId()).equals(previous.reference())) {
                String status = previous.status();
                boolean approved = OrderStatus.REQUIRES_CAPTURE.equals(status) || OrderStatus.SUCCEEDED.equals(status);
                if (approved && previous.amount() == mapped.total()) {
                    LOG.info("Smartpay order {} for Broadleaf order {} is already approved; completing checkout",
                            previous.id(), cart.getId());
                    return new StartedCheckout(returnUrl, true, previous.id(), link.sessionId(), null, cart);
                }
                if (approved) {
                    // approved for a total the cart no longer has: give it back before asking again
                    release.releaseIfApprovedQuietly(previous.id(), String.valueOf(cart.getId()));
                }
                if (OrderStatus.REJECTED.equals(status) || OrderStatus.CANCELED.equals(status) || approved) {
                    // a new attempt: the old session cannot be reused
                    retrySuffix = ":after:" + previous.id();
                }
            }
        }

        String key = installationIds.id() + ":checkout-session:" + cart.getId() + ":" + mapped.total() + ":" + mapped.digest().substring(0, 16)
                + retrySuffix;
        CheckoutSession session;
        try {
            session = client.createCheckoutSession(mapped.params(), RequestOptions.idempotencyKey(key));
        } catch (SmartpayException e) {
            throw new SmartpayCheckoutException(Reason.SMARTPAY_ERROR, "Creating the Smartpay checkout session for order "
                    + cart.getId() + " failed: " + e.getMessage(), e);
        }
        String smartpayOrderId = session.order() == null ? null : session.order().id();
        if (smartpayOrderId == null || session.url() == null) {
            throw new SmartpayCheckoutException(Reason.SMARTPAY_ERROR,
                    "Smartpay returned checkout session " + session.id() + " without order or URL");
        }
        SmartpayCartLink.store(cart, smartpayOrderId, session.id(), mapped.total(), captureMethod.wireValue());
        SmartpayLineItemMapping.store(cart, mapped.breakdown(), session.order().expanded());
        Order saved;
        try {
            saved = orderService.save(cart, false);
        } catch (PricingException e) {
            throw new SmartpayCheckoutException(Reason.CART_NOT_PAYABLE, "Saving order " + cart.getId() + " failed", e);
        }
        LOG.info("Smartpay checkout session {} (order {}) for Broadleaf order {}, ¥{}, {} capture", session.id(),
                smartpayOrderId, cart.getId(), mapped.total(), captureMethod.wireValue());
        return new StartedCheckout(session.url(), false, smartpayOrderId, session.id(), key, saved);
    }

    private static org.bnplkit.smartpay.client.Order readQuietly(SmartpayClient client, String smartpayOrderId) {
        try {
            return client.getOrder(smartpayOrderId, Expand.NO);
        } catch (SmartpayException e) {
            LOG.warn("Could not read the Smartpay order {} linked to the cart: {}", smartpayOrderId, e.toString());
            return null;
        }
    }

    /** base + path (a path that is already absolute stays), with the order hint for our own pages. */
    static String url(String base, String path, Order cart) {
        String url = path.startsWith("http://") || path.startsWith("https://")
                ? path
                : (base == null ? "" : base) + (path.startsWith("/") ? path : "/" + path);
        return url + (url.contains("?") ? "&" : "?") + ORDER_HINT_PARAMETER + "=" + cart.getId();
    }
}
