package org.bnplkit.smartpay.gateway;

import org.apache.commons.lang3.StringUtils;
import org.bnplkit.smartpay.checkout.SmartpayCheckoutStarter;
import org.bnplkit.smartpay.checkout.SmartpayCheckoutStarter.StartedCheckout;
import org.bnplkit.smartpay.config.SmartpayFields;
import org.bnplkit.smartpay.config.SmartpaySettings;
import org.bnplkit.smartpay.money.Yen;
import org.broadleafcommerce.common.config.service.SystemPropertiesService;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.broadleafcommerce.common.payment.dto.PaymentRequestDTO;
import org.broadleafcommerce.common.payment.dto.PaymentResponseDTO;
import org.broadleafcommerce.common.payment.service.PaymentGatewayHostedService;
import org.broadleafcommerce.common.vendor.service.exception.PaymentException;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.service.OrderService;
import org.springframework.stereotype.Component;

import javax.annotation.Resource;

/**
 * Creates (or finds) the Smartpay checkout session for {@code request.orderId} and answers its URL in
 * {@code responseMap[smartpayCheckoutUrl]}, for integrators who drive the hosted flow themselves. The
 * storefront's /smartpay/start does the same from the shopper's cart. Return URLs are built on
 * gateway.smartpay.storefrontBaseUrl, else Broadleaf's site.baseurl.
 */
@Component("blSmartpayHostedService")
public class SmartpayHostedService implements PaymentGatewayHostedService {

    public static final String CHECKOUT_URL = "smartpayCheckoutUrl";

    @Resource(name = "blSmartpayCheckoutStarter")
    protected SmartpayCheckoutStarter starter;

    @Resource(name = "blOrderService")
    protected OrderService orderService;

    @Resource(name = "blSmartpaySettings")
    protected SmartpaySettings settings;

    @Resource(name = "blSystemPropertiesService")
    protected SystemPropertiesService systemProperties;

    @Override
    public PaymentResponseDTO requestHostedEndpoint(PaymentRequestDTO request) throws PaymentException {
        Order order;
        try {
            order = orderService.findOrderById(Long.valueOf(request.getOrderId()));
        } catch (NumberFormatException e) {
            throw new PaymentException("Not a Broadleaf order id: " + request.getOrderId());
        }
        if (order == null) {
            throw new PaymentException("No Broadleaf order " + request.getOrderId());
        }
        String base = settings.storefrontBaseUrl();
        if (base == null) {
            base = StringUtils.removeEnd(StringUtils.trimToNull(systemProperties.resolveSystemProperty("site.baseurl")), "/");
        }
        StartedCheckout started = starter.start(order, base);
        PaymentResponseDTO response = SmartpayGatewayCalls.response(PaymentTransactionType.UNCONFIRMED, request,
                Yen.of(order.getTotal().getAmount()))
                .responseMap(CHECKOUT_URL, started.redirectUrl())
                .responseMap(SmartpayFields.ORDER_ID, started.smartpayOrderId());
        return response;
    }
}
