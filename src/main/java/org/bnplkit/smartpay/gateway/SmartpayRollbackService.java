package org.bnplkit.smartpay.gateway;

import org.bnplkit.smartpay.checkout.SmartpayAuthorizationRelease;
import org.bnplkit.smartpay.client.Order;
import org.bnplkit.smartpay.client.Refund;
import org.bnplkit.smartpay.client.SmartpayException;
import org.bnplkit.smartpay.config.SmartpayFields;
import org.bnplkit.smartpay.config.SmartpayNotConfiguredException;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.broadleafcommerce.common.payment.dto.PaymentRequestDTO;
import org.broadleafcommerce.common.payment.dto.PaymentResponseDTO;
import org.broadleafcommerce.common.payment.service.PaymentGatewayRollbackService;
import org.broadleafcommerce.common.vendor.service.exception.PaymentException;
import org.springframework.stereotype.Component;

import javax.annotation.Resource;

/**
 * Called by Broadleaf's {@code ConfirmPaymentsRollbackHandler} when checkout fails after the payment was
 * confirmed: the shopper's approval is given back. An AUTHORIZE (manual capture) cancels the Smartpay
 * order; an AUTHORIZE_AND_CAPTURE (automatic capture) or a CAPTURE refunds its payment. Keys depend only
 * on the Smartpay ids (see {@link SmartpayAuthorizationRelease}), so a repeated rollback does nothing new.
 * A refund cannot be undone: rollbackRefund fails.
 */
@Component("blSmartpayRollbackService")
public class SmartpayRollbackService implements PaymentGatewayRollbackService {

    @Resource(name = "blSmartpayAuthorizationRelease")
    protected SmartpayAuthorizationRelease release;

    @Override
    public PaymentResponseDTO rollbackAuthorize(PaymentRequestDTO request) throws PaymentException {
        String orderId = SmartpayGatewayCalls.required(request, SmartpayFields.ORDER_ID, "rollback");
        long amount = SmartpayGatewayCalls.amount(request, "rollback");
        Order order;
        try {
            order = release.cancel(orderId);
        } catch (SmartpayException | SmartpayNotConfiguredException e) {
            throw new PaymentException("Smartpay rollback (cancel " + orderId + ") failed: " + e.getMessage(), e);
        }
        return SmartpayGatewayCalls.response(PaymentTransactionType.REVERSE_AUTH, request, amount)
                .rawResponse("Smartpay order " + order.id() + " " + order.status())
                .responseMap(SmartpayFields.ORDER_ID, orderId)
                .responseMap(SmartpayFields.MODE, SmartpayGatewayCalls.mode(order.test()));
    }

    @Override
    public PaymentResponseDTO rollbackAuthorizeAndCapture(PaymentRequestDTO request) throws PaymentException {
        return refundPayment(request);
    }

    @Override
    public PaymentResponseDTO rollbackCapture(PaymentRequestDTO request) throws PaymentException {
        return refundPayment(request);
    }

    @Override
    public PaymentResponseDTO rollbackRefund(PaymentRequestDTO request) throws PaymentException {
        throw new PaymentException("A Smartpay refund cannot be undone (order " + request.getOrderId() + ")");
    }

    private PaymentResponseDTO refundPayment(PaymentRequestDTO request) throws PaymentException {
        String paymentId = SmartpayGatewayCalls.required(request, SmartpayFields.PAYMENT_ID, "rollback");
        long amount = SmartpayGatewayCalls.amount(request, "rollback");
        Refund refund;
        try {
            refund = release.refund(paymentId, amount, request.getOrderId());
        } catch (SmartpayException | SmartpayNotConfiguredException e) {
            throw new PaymentException("Smartpay rollback (refund ¥" + amount + " of " + paymentId + ") failed: "
                    + e.getMessage(), e);
        }
        PaymentResponseDTO response = SmartpayGatewayCalls.response(PaymentTransactionType.REFUND, request, refund.amount())
                .rawResponse("Smartpay refund " + refund.id() + " " + refund.status() + " ¥" + refund.amount())
                .responseMap(SmartpayFields.PAYMENT_ID, paymentId)
                .responseMap(SmartpayFields.REFUND_ID, refund.id())
                .responseMap(SmartpayFields.MODE, SmartpayGatewayCalls.mode(refund.test()));
        String orderId = SmartpayGatewayCalls.field(request, SmartpayFields.ORDER_ID);
        if (orderId != null) {
            response.responseMap(SmartpayFields.ORDER_ID, orderId);
        }
        return response;
    }
}
