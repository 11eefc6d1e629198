package org.bnplkit.smartpay.gateway;

import org.bnplkit.smartpay.checkout.SmartpayApproval;
import org.bnplkit.smartpay.client.CancelRemainder;
import org.bnplkit.smartpay.client.Expand;
import org.bnplkit.smartpay.client.Expandable;
import org.bnplkit.smartpay.client.Order;
import org.bnplkit.smartpay.client.Payment;
import org.bnplkit.smartpay.client.PaymentCreateParams;
import org.bnplkit.smartpay.client.Refund;
import org.bnplkit.smartpay.client.RefundCreateParams;
import org.bnplkit.smartpay.client.RefundReason;
import org.bnplkit.smartpay.client.RequestOptions;
import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.client.SmartpayException;
import org.bnplkit.smartpay.config.SmartpayClientProvider;
import org.bnplkit.smartpay.config.SmartpayFields;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.broadleafcommerce.common.payment.dto.PaymentRequestDTO;
import org.broadleafcommerce.common.payment.dto.PaymentResponseDTO;
import org.broadleafcommerce.common.payment.service.PaymentGatewayTransactionService;
import org.broadleafcommerce.common.vendor.service.exception.PaymentException;
import org.springframework.stereotype.Component;

import javax.annotation.Resource;
import java.util.List;

import static org.bnplkit.smartpay.gateway.SmartpayGatewayCalls.JPY;

/**
 * Server-to-server Smartpay calls for an order that checked out with Smartpay:
 * capture = POST /payments (partial captures keep the rest capturable), refund = POST /refunds on one
 * payment, reverseAuthorize / voidPayment = PUT /orders/{id}/cancellation (releases what is not captured).
 *
 * <p>Requests are what {@code OrderToPaymentRequestDTOService.translatePaymentTransaction} builds from a
 * parent transaction: the parent's additionalFields carry {@code smartpayOrderId} (and
 * {@code smartpayPaymentId} for refunds). Failures throw {@link PaymentException} caused by the client's
 * {@code SmartpayException}. This adapter does not journal; callers that need exactly-once across restarts
 * pass a stable {@code smartpayIdempotencyKey}.
 */
@Component("blSmartpayTransactionService")
public class SmartpayTransactionService implements PaymentGatewayTransactionService {

    @Resource(name = "blSmartpayClientProvider")
    protected SmartpayClientProvider clientProvider;

    /** Confirms an authorization the shopper gave in Smartpay's checkout (manual capture: requires_capture). */
    @Override
    public PaymentResponseDTO authorize(PaymentRequestDTO request) throws PaymentException {
        return confirmApproval(request, false);
    }

    /** Confirms an approval that Smartpay captured at once (automatic capture: succeeded, with its payment). */
    @Override
    public PaymentResponseDTO authorizeAndCapture(PaymentRequestDTO request) throws PaymentException {
        return confirmApproval(request, true);
    }

    @Override
    public PaymentResponseDTO capture(PaymentRequestDTO request) throws PaymentException {
        String orderId = SmartpayGatewayCalls.required(request, SmartpayFields.ORDER_ID, "capture");
        long amount = SmartpayGatewayCalls.amount(request, "capture");
        String key = SmartpayGatewayCalls.idempotencyKey(request, "capture", orderId, amount);
        SmartpayClient client = SmartpayGatewayCalls.client(clientProvider);
        Payment payment;
        try {
            payment = client.createPayment(PaymentCreateParams.builder()
                    .order(orderId)
                    .amount(amount)
                    .currency(JPY)
                    .cancelRemainder(CancelRemainder.MANUAL)
                    .reference(request.getOrderId())
                    .build(), RequestOptions.idempotencyKey(key));
        } catch (SmartpayException e) {
            throw SmartpayGatewayCalls.failure("Smartpay capture of ¥" + amount + " on " + orderId, e);
        }
        return SmartpayGatewayCalls.response(PaymentTransactionType.CAPTURE, request, payment.amount())
                .rawResponse("Smartpay payment " + payment.id() + " " + payment.status() + " ¥" + payment.amount())
                .responseMap(SmartpayFields.ORDER_ID, orderId)
                .responseMap(SmartpayFields.PAYMENT_ID, payment.id())
                .responseMap(SmartpayFields.MODE, SmartpayGatewayCalls.mode(payment.test()));
    }

    @Override
    public PaymentResponseDTO refund(PaymentRequestDTO request) throws PaymentException {
        long amount = SmartpayGatewayCalls.amount(request, "refund");
        SmartpayClient client = SmartpayGatewayCalls.client(clientProvider);
        String paymentId = SmartpayGatewayCalls.field(request, SmartpayFields.PAYMENT_ID);
        String orderId = SmartpayGatewayCalls.field(request, SmartpayFields.ORDER_ID);
        if (paymentId == null) {
            paymentId = onlyPayment(client, orderId);
        }
        String key = SmartpayGatewayCalls.idempotencyKey(request, "refund", paymentId, amount);
        Refund refund;
        try {
            refund = client.createRefund(RefundCreateParams.builder()
                    .payment(paymentId)
                    .amount(amount)
                    .currency(JPY)
                    .reason(RefundReason.REQUESTED_BY_CUSTOMER)
                    .reference(request.getOrderId())
                    .build(), RequestOptions.idempotencyKey(key));
        } catch (SmartpayException e) {
            throw SmartpayGatewayCalls.failure("Smartpay refund of ¥" + amount + " on " + paymentId, e);
        }
        PaymentResponseDTO response = SmartpayGatewayCalls.response(PaymentTransactionType.REFUND, request, refund.amount())
                .rawResponse("Smartpay refund " + refund.id() + " " + refund.status() + " ¥" + refund.amount())
                .responseMap(SmartpayFields.PAYMENT_ID, paymentId)
                .responseMap(SmartpayFields.REFUND_ID, refund.id())
                .responseMap(SmartpayFields.MODE, SmartpayGatewayCalls.mode(refund.test()));
        if (orderId != null) {
            response.responseMap(SmartpayFields.ORDER_ID, orderId);
        }
        return response;
    }

    @Override
    public PaymentResponseDTO reverseAuthorize(PaymentRequestDTO request) throws PaymentException {
        return cancel(request, PaymentTransactionType.REVERSE_AUTH);
    }

    @Override
    public PaymentResponseDTO voidPayment(PaymentRequestDTO request) throws PaymentException {
        return cancel(request, PaymentTransactionType.VOID);
    }

    /** PUT /orders/{id}/cancellation: releases whatever is not captured (canceling twice is harmless). */
    private PaymentResponseDTO cancel(PaymentRequestDTO request, PaymentTransactionType type) throws PaymentException {
        String orderId = SmartpayGatewayCalls.required(request, SmartpayFields.ORDER_ID, "cancellation");
        long amount = SmartpayGatewayCalls.amount(request, "cancellation");
        String key = SmartpayGatewayCalls.idempotencyKey(request, "cancel", orderId, amount);
        Order order;
        try {
            order = SmartpayGatewayCalls.client(clientProvider).cancelOrder(orderId, RequestOptions.idempotencyKey(key));
        } catch (SmartpayException e) {
            throw SmartpayGatewayCalls.failure("Smartpay cancellation of " + orderId, e);
        }
        return SmartpayGatewayCalls.response(type, request, amount)
                .rawResponse("Smartpay order " + order.id() + " " + order.status())
                .responseMap(SmartpayFields.ORDER_ID, orderId)
                .responseMap(SmartpayFields.MODE, SmartpayGatewayCalls.mode(order.test()));
    }

    private PaymentResponseDTO confirmApproval(PaymentRequestDTO request, boolean automatic) throws PaymentException {
        String orderId = SmartpayGatewayCalls.field(request, SmartpayFields.ORDER_ID);
        if (orderId == null) {
            throw new PaymentException("Smartpay authorizes only through its hosted checkout (/smartpay/start);"
                    + " a server-side authorization needs additionalFields[" + SmartpayFields.ORDER_ID + "] of an approved order");
        }
        SmartpayApproval approval = SmartpayApprovals.verify(SmartpayGatewayCalls.client(clientProvider), orderId, request, automatic);
        return SmartpayApprovals.response(approval, request);
    }

    /** The payment to refund when the caller named only the order: allowed when there is exactly one. */
    private static String onlyPayment(SmartpayClient client, String orderId) throws PaymentException {
        if (orderId == null) {
            throw new PaymentException("Smartpay refund needs additionalFields[" + SmartpayFields.PAYMENT_ID + "]");
        }
        List<Expandable<Payment>> payments;
        try {
            payments = client.getOrder(orderId, Expand.NO).payments();
        } catch (SmartpayException e) {
            throw SmartpayGatewayCalls.failure("Reading Smartpay order " + orderId, e);
        }
        if (payments == null || payments.size() != 1) {
            throw new PaymentException("Smartpay order " + orderId + " has " + (payments == null ? 0 : payments.size())
                    + " payments; a refund must name one in additionalFields[" + SmartpayFields.PAYMENT_ID + "]");
        }
        return payments.get(0).id();
    }
}
