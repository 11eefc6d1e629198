package org.bnplkit.smartpay.operations;

import org.bnplkit.smartpay.client.Expandable;
import org.bnplkit.smartpay.client.Payment;
import org.bnplkit.smartpay.client.Refund;
import org.bnplkit.smartpay.journal.SmartpayOperation;

/**
 * Checks Smartpay's answer before it is recorded: the payment or refund must belong to the order (payment) the row
 * names and move the amount the row sent. Anything else (a proxy or a bug answering for another request) is never
 * recorded as this operation: the row is FAILED with {@link #MISMATCH} and the admin sees it.
 */
final class SmartpayAnswers {

    static final String MISMATCH = "smartpay.answer-mismatch";

    private SmartpayAnswers() {
    }

    /** Why {@code payment} is not the answer to capture row {@code row}, or null when it is. */
    static String paymentMismatch(SmartpayOperation row, Payment payment) {
        String order = idOf(payment.order());
        if (order != null && !order.equals(row.getSmartpayOrderId())) {
            return "Smartpay answered with payment " + payment.id() + " of order " + order + ", not of "
                    + row.getSmartpayOrderId() + ": not recorded";
        }
        if (payment.amount() != row.getAmount()) {
            return "Smartpay answered with payment " + payment.id() + " of " + payment.amount() + " " + payment.currency()
                    + " for a capture of " + row.getAmount() + " " + row.getCurrency() + ": not recorded";
        }
        return null;
    }

    /** Why {@code refund} is not the answer to refund row {@code row}, or null when it is. */
    static String refundMismatch(SmartpayOperation row, Refund refund) {
        String payment = idOf(refund.payment());
        if (payment != null && !payment.equals(row.getSmartpayPaymentId())) {
            return "Smartpay answered with refund " + refund.id() + " of payment " + payment + ", not of "
                    + row.getSmartpayPaymentId() + ": not recorded";
        }
        if (refund.amount() != row.getAmount()) {
            return "Smartpay answered with refund " + refund.id() + " of " + refund.amount() + " " + refund.currency()
                    + " for a refund of " + row.getAmount() + " " + row.getCurrency() + ": not recorded";
        }
        return null;
    }

    private static String idOf(Expandable<?> ref) {
        return ref == null ? null : ref.id();
    }
}
