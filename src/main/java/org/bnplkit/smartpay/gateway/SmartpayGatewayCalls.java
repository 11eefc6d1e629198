package org.bnplkit.smartpay.gateway;

import org.apache.commons.lang3.StringUtils;
import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.client.SmartpayException;
import org.bnplkit.smartpay.config.SmartpayClientProvider;
import org.bnplkit.smartpay.config.SmartpayNotConfiguredException;
import org.bnplkit.smartpay.config.SmartpayPaymentGatewayType;
import org.bnplkit.smartpay.money.Yen;
import org.broadleafcommerce.common.money.Money;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.broadleafcommerce.common.payment.PaymentType;
import org.broadleafcommerce.common.payment.dto.PaymentRequestDTO;
import org.broadleafcommerce.common.payment.dto.PaymentResponseDTO;
import org.broadleafcommerce.common.vendor.service.exception.PaymentException;

import java.math.BigDecimal;

/**
 * What the SPI adapters share: reading the Broadleaf order id, Smartpay ids and yen amounts from a
 * {@link PaymentRequestDTO}, building {@link PaymentResponseDTO}s and turning client failures into
 * {@link PaymentException}s whose cause is the {@link SmartpayException} (callers may check
 * {@code isRetryable()}).
 */
final class SmartpayGatewayCalls {

    static final String JPY = "JPY";

    private SmartpayGatewayCalls() {
    }

    static SmartpayClient client(SmartpayClientProvider provider) throws PaymentException {
        try {
            return provider.client();
        } catch (SmartpayNotConfiguredException e) {
            throw new PaymentException(e.getMessage(), e);
        }
    }

    static String field(PaymentRequestDTO request, String name) {
        Object value = request.getAdditionalFields() == null ? null : request.getAdditionalFields().get(name);
        return value == null ? null : StringUtils.trimToNull(value.toString());
    }

    static String required(PaymentRequestDTO request, String name, String operation) throws PaymentException {
        String value = field(request, name);
        if (value == null) {
            throw new PaymentException("Smartpay " + operation + " needs additionalFields[" + name + "] (order "
                    + request.getOrderId() + ")");
        }
        return value;
    }

    /** transactionTotal as integer yen (JPY only). */
    static long amount(PaymentRequestDTO request, String operation) throws PaymentException {
        if (request.getOrderCurrencyCode() != null && !JPY.equals(request.getOrderCurrencyCode())) {
            throw new PaymentException("Smartpay " + operation + " is only possible in JPY, not " + request.getOrderCurrencyCode());
        }
        try {
            long yen = Yen.of(new BigDecimal(request.getTransactionTotal()));
            if (yen <= 0) {
                throw new PaymentException("Smartpay " + operation + " needs a positive amount, not " + request.getTransactionTotal());
            }
            return yen;
        } catch (RuntimeException e) {
            throw new PaymentException("Smartpay " + operation + ": transactionTotal " + request.getTransactionTotal()
                    + " is not a whole number of yen", e);
        }
    }

    /** The Broadleaf order id that {@code translatePaymentTransaction} puts into {@code orderId}. */
    static long broadleafOrderId(PaymentRequestDTO request, String operation) throws PaymentException {
        String orderId = StringUtils.trimToNull(request.getOrderId());
        if (orderId == null || !StringUtils.isNumeric(orderId)) {
            throw new PaymentException("Smartpay " + operation + " needs the Broadleaf order id in orderId, not " + orderId);
        }
        try {
            return Long.parseLong(orderId);
        } catch (NumberFormatException e) {
            throw new PaymentException("Smartpay " + operation + " needs the Broadleaf order id in orderId, not " + orderId, e);
        }
    }

    static PaymentResponseDTO response(PaymentTransactionType type, PaymentRequestDTO request, long yen) {
        PaymentResponseDTO response = new PaymentResponseDTO(PaymentType.THIRD_PARTY_ACCOUNT, SmartpayPaymentGatewayType.SMARTPAY)
                .paymentTransactionType(type)
                .orderId(request == null ? null : request.getOrderId())
                .amount(new Money(Yen.toBigDecimal(yen), JPY))
                .successful(true)
                .valid(true);
        return response;
    }

    static String mode(boolean test) {
        return test ? "test" : "live";
    }

    static PaymentException failure(String what, SmartpayException e) {
        return new PaymentException(what + " failed: " + e.getMessage(), e);
    }
}
