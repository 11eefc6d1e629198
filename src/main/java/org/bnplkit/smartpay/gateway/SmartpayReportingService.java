package org.bnplkit.smartpay.gateway;

import org.bnplkit.smartpay.client.Expand;
import org.bnplkit.smartpay.client.Order;
import org.bnplkit.smartpay.client.OrderStatus;
import org.bnplkit.smartpay.client.SmartpayException;
import org.bnplkit.smartpay.config.SmartpayClientProvider;
import org.bnplkit.smartpay.config.SmartpayFields;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.broadleafcommerce.common.payment.dto.PaymentRequestDTO;
import org.broadleafcommerce.common.payment.dto.PaymentResponseDTO;
import org.broadleafcommerce.common.payment.service.PaymentGatewayReportingService;
import org.broadleafcommerce.common.vendor.service.exception.PaymentException;
import org.springframework.stereotype.Component;

import javax.annotation.Resource;

/**
 * The Smartpay order behind a transaction, as it is now: status in {@code responseMap[smartpayOrderStatus]},
 * successful when it is approved (requires_capture or succeeded).
 */
@Component("blSmartpayReportingService")
public class SmartpayReportingService implements PaymentGatewayReportingService {

    public static final String ORDER_STATUS = "smartpayOrderStatus";

    @Resource(name = "blSmartpayClientProvider")
    protected SmartpayClientProvider clientProvider;

    @Override
    public PaymentResponseDTO findDetailsByTransaction(PaymentRequestDTO request) throws PaymentException {
        String orderId = SmartpayGatewayCalls.required(request, SmartpayFields.ORDER_ID, "lookup");
        Order order;
        try {
            order = SmartpayGatewayCalls.client(clientProvider).getOrder(orderId, Expand.NO);
        } catch (SmartpayException e) {
            throw SmartpayGatewayCalls.failure("Reading Smartpay order " + orderId, e);
        }
        boolean captured = OrderStatus.SUCCEEDED.equals(order.status());
        boolean approved = captured || OrderStatus.REQUIRES_CAPTURE.equals(order.status());
        return SmartpayGatewayCalls.response(captured ? PaymentTransactionType.AUTHORIZE_AND_CAPTURE : PaymentTransactionType.AUTHORIZE,
                request, order.amount())
                .successful(approved)
                .rawResponse("Smartpay order " + order.id() + " " + order.status() + " ¥" + order.amount())
                .responseMap(SmartpayFields.ORDER_ID, order.id())
                .responseMap(ORDER_STATUS, order.status())
                .responseMap(SmartpayFields.MODE, SmartpayGatewayCalls.mode(order.test()));
    }
}
