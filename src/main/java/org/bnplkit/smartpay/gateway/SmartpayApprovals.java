package org.bnplkit.smartpay.gateway;

import org.bnplkit.smartpay.checkout.SmartpayApproval;
import org.bnplkit.smartpay.checkout.SmartpayCheckoutException;
import org.bnplkit.smartpay.client.Expand;
import org.bnplkit.smartpay.client.Order;
import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.client.SmartpayException;
import org.bnplkit.smartpay.config.SmartpayFields;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.broadleafcommerce.common.payment.dto.PaymentRequestDTO;
import org.broadleafcommerce.common.payment.dto.PaymentResponseDTO;
import org.broadleafcommerce.common.vendor.service.exception.PaymentException;

/** Server-side confirmation of a shopper's approval, as an AUTHORIZE / AUTHORIZE_AND_CAPTURE response. */
final class SmartpayApprovals {

    private SmartpayApprovals() {
    }

    /**
     * Re-reads the Smartpay order and verifies it is the approval of {@code request.orderId} for
     * {@code request.transactionTotal} yen.
     *
     * @throws SmartpayCheckoutException (a PaymentException) when it is not
     */
    static SmartpayApproval verify(SmartpayClient client, String smartpayOrderId, PaymentRequestDTO request,
                                   boolean automatic) throws PaymentException {
        long amount = SmartpayGatewayCalls.amount(request, "confirmation");
        Order order;
        try {
            order = client.getOrder(smartpayOrderId, Expand.NO);
        } catch (SmartpayException e) {
            throw SmartpayGatewayCalls.failure("Reading Smartpay order " + smartpayOrderId, e);
        }
        return SmartpayApproval.verify(order, request.getOrderId(), amount, automatic);
    }

    static PaymentResponseDTO response(SmartpayApproval approval, PaymentRequestDTO request) {
        PaymentTransactionType type = approval.isAutomaticCapture()
                ? PaymentTransactionType.AUTHORIZE_AND_CAPTURE : PaymentTransactionType.AUTHORIZE;
        PaymentResponseDTO response = SmartpayGatewayCalls.response(type, request, approval.amount());
        fill(response, approval);
        return response;
    }

    /** The Smartpay ids every Smartpay transaction carries (see SmartpayFields). */
    static void fill(PaymentResponseDTO response, SmartpayApproval approval) {
        response.rawResponse("Smartpay order " + approval.smartpayOrderId() + " " + approval.status() + " ¥" + approval.amount())
                .responseMap(SmartpayFields.ORDER_ID, approval.smartpayOrderId())
                .responseMap(SmartpayFields.MODE, approval.mode())
                .responseMap(SmartpayFields.CAPTURE_METHOD, approval.isAutomaticCapture() ? "automatic" : "manual");
        if (approval.paymentId() != null) {
            response.responseMap(SmartpayFields.PAYMENT_ID, approval.paymentId());
        }
    }
}
