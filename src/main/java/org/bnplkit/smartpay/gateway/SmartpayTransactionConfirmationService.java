package org.bnplkit.smartpay.gateway;

import org.bnplkit.smartpay.client.Expand;
import org.bnplkit.smartpay.client.OrderStatus;
import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.client.SmartpayException;
import org.bnplkit.smartpay.config.SmartpayClientProvider;
import org.bnplkit.smartpay.config.SmartpayFields;
import org.broadleafcommerce.common.payment.dto.PaymentRequestDTO;
import org.broadleafcommerce.common.payment.dto.PaymentResponseDTO;
import org.broadleafcommerce.common.payment.service.PaymentGatewayTransactionConfirmationService;
import org.broadleafcommerce.common.vendor.service.exception.PaymentException;
import org.springframework.stereotype.Component;

import javax.annotation.Resource;

/**
 * Called by Broadleaf's checkout for an UNCONFIRMED Smartpay transaction: re-reads the Smartpay order and
 * answers AUTHORIZE (requires_capture) or AUTHORIZE_AND_CAPTURE (succeeded, with the payment id) after
 * checking reference, currency and amount. The module's own return flow records AUTHORIZE directly, so
 * this serves integrators that record an UNCONFIRMED transaction themselves.
 */
@Component("blSmartpayTransactionConfirmationService")
public class SmartpayTransactionConfirmationService implements PaymentGatewayTransactionConfirmationService {

    @Resource(name = "blSmartpayClientProvider")
    protected SmartpayClientProvider clientProvider;

    @Override
    public PaymentResponseDTO confirmTransaction(PaymentRequestDTO request) throws PaymentException {
        String orderId = SmartpayGatewayCalls.required(request, SmartpayFields.ORDER_ID, "confirmation");
        SmartpayClient client = SmartpayGatewayCalls.client(clientProvider);
        boolean automatic;
        try {
            automatic = OrderStatus.SUCCEEDED.equals(client.getOrder(orderId, Expand.NO).status());
        } catch (SmartpayException e) {
            throw SmartpayGatewayCalls.failure("Reading Smartpay order " + orderId, e);
        }
        return SmartpayApprovals.response(SmartpayApprovals.verify(client, orderId, request, automatic), request);
    }
}
