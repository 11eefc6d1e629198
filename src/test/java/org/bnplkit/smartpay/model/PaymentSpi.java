package org.bnplkit.smartpay.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.bnplkit.smartpay.config.SmartpayFields;
import org.bnplkit.smartpay.config.SmartpayPaymentGatewayType;
import org.bnplkit.smartpay.money.Yen;
import org.bnplkit.smartpay.testing.BroadleafTestContext;
import org.broadleafcommerce.common.money.Money;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.broadleafcommerce.common.payment.dto.PaymentRequestDTO;
import org.broadleafcommerce.common.payment.service.PaymentGatewayTransactionService;
import org.broadleafcommerce.common.vendor.service.exception.PaymentException;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.service.OrderService;
import org.broadleafcommerce.core.payment.domain.OrderPayment;
import org.broadleafcommerce.core.payment.domain.PaymentTransaction;
import org.broadleafcommerce.core.payment.service.OrderToPaymentRequestDTOService;

/**
 * Broadleaf's payment SPI as a store's order-management code calls it: a request translated by Broadleaf from a
 * recorded transaction (the AUTHORIZE for a capture or a release, a CAPTURE for the refund of that capture), sent to
 * the gateway's transaction service. The answer is what the caller sees: "ok", or the PaymentException's message.
 */
final class PaymentSpi {

    /** How a call ended, as its caller sees it; {@code refused}: the request was refused before anything was journaled. */
    record Answer(String text, boolean refused) {
        @Override
        public String toString() {
            return text;
        }
    }


    private final BroadleafTestContext ctx;

    PaymentSpi(BroadleafTestContext ctx) {
        this.ctx = ctx;
    }

    Answer capture(long orderId, long amount) {
        return send(() -> spi().capture(translate(authorization(orderId), amount)));
    }

    Answer refund(long orderId, long amount, boolean fromNewestCapture) {
        Long parent = fromNewestCapture ? newestCapture(orderId) : authorization(orderId);
        return send(() -> spi().refund(translate(parent, amount)));
    }

    Answer reverseAuthorize(long orderId, long authorized) {
        return send(() -> spi().reverseAuthorize(translate(authorization(orderId), authorized)));
    }

    /** What the newest recorded capture still has (captured − its recorded refunds); 0 when there is none. */
    long newestCaptureRefundable(long orderId) {
        Long capture = newestCapture(orderId);
        if (capture == null) {
            return 0;
        }
        return ctx.inTransaction(() -> {
            long left = 0;
            for (PaymentTransaction tx : smartpayTransactions(orderId)) {
                if (tx.getId().equals(capture)) {
                    left += Yen.of(tx.getAmount().getAmount());
                } else if (PaymentTransactionType.REFUND.equals(tx.getType()) && tx.getParentTransaction() != null
                        && capture.equals(tx.getParentTransaction().getId())) {
                    left -= Yen.of(tx.getAmount().getAmount());
                }
            }
            return left;
        });
    }

    private Answer send(PaymentCall call) {
        try {
            call.run();
            return new Answer("ok", false);
        } catch (org.bnplkit.smartpay.operations.OperationSeams.NodeCrash crash) {
            return new Answer("node-1 crashed after Smartpay's answer", false);
        } catch (PaymentException e) {
            String message = String.valueOf(e.getMessage());
            return new Answer("PaymentException: " + message, message.contains("nothing was sent")
                    || message.contains("refused"));
        } catch (RuntimeException e) {
            return new Answer("refused: " + e, true);
        }
    }

    private interface PaymentCall {
        void run() throws PaymentException;
    }

    private PaymentGatewayTransactionService spi() {
        return ctx.bean("blSmartpayTransactionService", PaymentGatewayTransactionService.class);
    }

    private PaymentRequestDTO translate(Long parentTransactionId, long yen) {
        return ctx.inTransaction(() -> {
            PaymentTransaction parent = ctx.bean("blOrderPaymentService", org.broadleafcommerce.core.payment.service.OrderPaymentService.class)
                    .readTransactionById(parentTransactionId);
            return ctx.bean("blOrderToPaymentRequestDTOService", OrderToPaymentRequestDTOService.class)
                    .translatePaymentTransaction(new Money(BigDecimal.valueOf(yen), "JPY"), parent);
        });
    }

    private Long authorization(long orderId) {
        return ctx.inTransaction(() -> {
            for (PaymentTransaction tx : smartpayTransactions(orderId)) {
                if ((PaymentTransactionType.AUTHORIZE.equals(tx.getType()) || PaymentTransactionType.AUTHORIZE_AND_CAPTURE.equals(tx.getType()))
                        && tx.getAdditionalFields().containsKey(SmartpayFields.ORDER_ID)) {
                    return tx.getId();
                }
            }
            throw new IllegalStateException("order " + orderId + " has no Smartpay authorization");
        });
    }

    /** The newest successful CAPTURE (or the AUTHORIZE_AND_CAPTURE of automatic capture); null when none. */
    private Long newestCapture(long orderId) {
        return ctx.inTransaction(() -> {
            Long newest = null;
            for (PaymentTransaction tx : smartpayTransactions(orderId)) {
                if ((PaymentTransactionType.CAPTURE.equals(tx.getType()) || PaymentTransactionType.AUTHORIZE_AND_CAPTURE.equals(tx.getType()))
                        && tx.getAdditionalFields().containsKey(SmartpayFields.PAYMENT_ID)
                        && (newest == null || tx.getId() > newest)) {
                    newest = tx.getId();
                }
            }
            return newest;
        });
    }

    /** Successful transactions of the order's active Smartpay payments, in id order (inside a transaction). */
    private List<PaymentTransaction> smartpayTransactions(long orderId) {
        Order order = ctx.bean("blOrderService", OrderService.class).findOrderById(orderId);
        List<PaymentTransaction> out = new ArrayList<>();
        for (OrderPayment payment : order.getPayments()) {
            if (payment.isActive() && SmartpayPaymentGatewayType.SMARTPAY.equals(payment.getGatewayType())) {
                for (PaymentTransaction tx : payment.getTransactions()) {
                    if (Boolean.TRUE.equals(tx.getSuccess())) {
                        out.add(tx);
                    }
                }
            }
        }
        out.sort((a, b) -> a.getId().compareTo(b.getId()));
        return out;
    }
}
