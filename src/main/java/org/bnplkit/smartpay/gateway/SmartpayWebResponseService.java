package org.bnplkit.smartpay.gateway;

import org.bnplkit.smartpay.checkout.SmartpayApproval;
import org.bnplkit.smartpay.checkout.SmartpayReturnVerifier;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.broadleafcommerce.common.payment.dto.PaymentResponseDTO;
import org.broadleafcommerce.common.payment.service.PaymentGatewayWebResponseService;
import org.broadleafcommerce.common.vendor.service.exception.PaymentException;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.web.order.CartState;
import org.springframework.stereotype.Component;

import javax.annotation.Resource;
import javax.servlet.http.HttpServletRequest;

/**
 * The shopper's return from Smartpay, as Broadleaf's {@code PaymentGatewayAbstractController.process}
 * expects it. The request itself is not read: the Smartpay order linked to the shopper's current cart is
 * re-read server-side and verified ({@link SmartpayReturnVerifier}). The answer is AUTHORIZE (manual
 * capture) or AUTHORIZE_AND_CAPTURE (automatic, with the payment id), valid and successful, with
 * completeCheckoutOnCallback so Broadleaf's checkout workflow submits the order at once. Anything else
 * throws {@code SmartpayCheckoutException} before Broadleaf records a thing.
 */
@Component("blSmartpayWebResponseService")
public class SmartpayWebResponseService implements PaymentGatewayWebResponseService {

    @Resource(name = "blSmartpayReturnVerifier")
    protected SmartpayReturnVerifier verifier;

    @Override
    public PaymentResponseDTO translateWebResponse(HttpServletRequest request) throws PaymentException {
        return translateApproval(CartState.getCart());
    }

    /**
     * The same answer for {@code cart} without a shopper's request: used when the shopper approved but never
     * came back and the order.authorized webhook (or the reconciler) completes the checkout.
     */
    public PaymentResponseDTO translateApproval(Order cart) throws PaymentException {
        SmartpayApproval approval = verifier.verify(cart);
        PaymentResponseDTO response = SmartpayGatewayCalls.response(
                approval.isAutomaticCapture() ? PaymentTransactionType.AUTHORIZE_AND_CAPTURE : PaymentTransactionType.AUTHORIZE,
                null, approval.amount())
                .orderId(String.valueOf(cart.getId()))
                .completeCheckoutOnCallback(true);
        SmartpayApprovals.fill(response, approval);
        return response;
    }
}
