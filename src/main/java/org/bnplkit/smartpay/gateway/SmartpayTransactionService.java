package org.bnplkit.smartpay.gateway;

import org.bnplkit.smartpay.checkout.SmartpayApproval;
import org.bnplkit.smartpay.client.RefundReason;
import org.bnplkit.smartpay.config.SmartpayClientProvider;
import org.bnplkit.smartpay.config.SmartpayFields;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.money.OverRefundException;
import org.bnplkit.smartpay.operations.OperationOutcome;
import org.bnplkit.smartpay.operations.SmartpayOperationException;
import org.bnplkit.smartpay.operations.SmartpayOrderOperations;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.broadleafcommerce.common.payment.dto.PaymentRequestDTO;
import org.broadleafcommerce.common.payment.dto.PaymentResponseDTO;
import org.broadleafcommerce.common.payment.service.PaymentGatewayTransactionService;
import org.broadleafcommerce.common.vendor.service.exception.PaymentException;
import org.springframework.stereotype.Component;

import javax.annotation.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Broadleaf's transaction SPI for orders that checked out with Smartpay.
 *
 * <p>{@link #authorize} and {@link #authorizeAndCapture} confirm the approval the shopper gave in Smartpay's
 * hosted checkout. {@link #capture}, {@link #refund}, {@link #reverseAuthorize} and {@link #voidPayment} move
 * money, and they do it only through {@code blSmartpayOrderOperations} ({@link SmartpayOrderOperations}), the
 * one code path the lifecycle triggers, the admin and integrators use: the journal row is committed under a
 * unique key before Smartpay is called (the key is the Idempotency-Key), Smartpay is called outside any
 * database transaction, the Broadleaf PaymentTransaction is recorded and the row marked SUCCEEDED in one
 * transaction, and the retry worker finishes what failed.
 *
 * <p><b>Requests</b> are what {@code OrderToPaymentRequestDTOService.translatePaymentTransaction} builds from a
 * parent transaction: {@code orderId} is the Broadleaf order id (it decides the order, hence the Smartpay order
 * and payment), {@code transactionTotal} the amount in whole yen, and the parent's additionalFields must carry
 * {@code smartpayOrderId}, the order's own Smartpay order (a request naming another is refused).
 * <ul>
 *   <li>capture: {@link SmartpayOrderOperations#capture(long, long, String)}, that amount on the order;</li>
 *   <li>refund: with {@code smartpayPaymentId} (the request was built from a CAPTURE or AUTHORIZE_AND_CAPTURE)
 *       that capture is refunded ({@link SmartpayOrderOperations#refundCapture}), refused when it has less left;
 *       without it the amount is spread over the order's captures newest first
 *       ({@link SmartpayOrderOperations#refund(long, long, RefundReason, String, String)});</li>
 *   <li>reverseAuthorize and voidPayment: {@link SmartpayOrderOperations#cancel(long)}, the order's one
 *       cancellation ({@code cancel:order:<id>}): what is not captured is released (a REVERSE_AUTH for both;
 *       Smartpay has no separate void). They never refund: when that cancel would also refund captured money
 *       (automatic capture, or {@code gateway.smartpay.cancel.refundCaptured=true}, the default) they are refused
 *       and nothing is sent. The request's amount is checked (whole yen) but does not limit the release.</li>
 * </ul>
 *
 * <p><b>Idempotency.</b> The same request never moves money twice. A capture is journaled under
 * {@code capture:request:<request id>}, a refund under {@code refund:<request id>}; the request id is the
 * caller's {@code smartpayIdempotencyKey} if given, else {@code spi:<order id>[:<smartpayPaymentId>]:<yen>},
 * followed by {@code :<smartpayOperationKey>} when the caller gives one (to tell apart two operations of equal
 * amount). A key field that names an existing journal row was copied from the parent transaction (the
 * operations record their journal key as smartpayOperationKey) and is ignored. Repeating a request sends nothing and
 * answers with the first outcome; a request id reused with another amount is refused.
 *
 * <p><b>Recording: do not record this response again.</b> The operations have already recorded the Broadleaf
 * PaymentTransaction(s) when this returns. The response's responseMap names them:
 * {@code smartpayOperationKey} (the journal row) and {@code smartpayPaymentTransactionId} (the recorded
 * transaction ids, comma-separated when a refund was split over several captures; absent when a cancel
 * released nothing). Callers following the usual 3.1 pattern (create a transaction from the response) must
 * skip that step for Smartpay.
 *
 * <p><b>Failures</b> throw {@link PaymentException}. A request refused before anything was journaled or sent
 * (not a Smartpay order, more than is authorized or refundable, capture after cancel, a request id of another
 * order or amount, wrong currency, not whole yen, gateway not configured): the cause is the operations'
 * exception where there is one. A journaled operation that did not succeed: RETRYING (the retry worker sends it
 * again under the same key and records the transaction then), PENDING (still being sent), FAILED (Smartpay
 * refused; nothing recorded) or DEAD (retries exhausted; an operator can retry it in the admin): the message
 * names the journal row, its status and Smartpay's error.
 */
@Component("blSmartpayTransactionService")
public class SmartpayTransactionService implements PaymentGatewayTransactionService {

    /** Description of the refunds this SPI asks for (journal row and Smartpay refund). */
    static final String REFUND_DESCRIPTION = "Refund through the Broadleaf payment gateway";

    @Resource(name = "blSmartpayClientProvider")
    protected SmartpayClientProvider clientProvider;

    @Resource(name = "blSmartpayOrderOperations")
    protected SmartpayOrderOperations operations;

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
        SmartpayGatewayCalls.required(request, SmartpayFields.ORDER_ID, "capture");
        long amount = SmartpayGatewayCalls.amount(request, "capture");
        long orderId = SmartpayGatewayCalls.broadleafOrderId(request, "capture");
        String mode = mode();
        String requestId = requestId(request, String.valueOf(orderId), String.valueOf(amount));
        String what = "Smartpay capture of ¥" + amount + " on order " + orderId;
        requireTheOrdersSmartpayOrder(what, request, orderId);
        OperationOutcome outcome;
        try {
            outcome = operations.capture(orderId, amount, requestId);
        } catch (SmartpayOperationException e) {
            throw refused(what, e);
        }
        requireSameAmount(what, requestId, outcome, amount);
        requireNewUnlessKeyed(what, request, outcome);
        requireSucceeded(what, outcome);
        return recorded(PaymentTransactionType.CAPTURE, request, amount, outcome, mode)
                .responseMap(SmartpayFields.PAYMENT_ID, outcome.smartpayPaymentId())
                .responseMap(SmartpayFields.PAYMENT_TRANSACTION_ID, String.valueOf(outcome.paymentTransactionId()));
    }

    @Override
    public PaymentResponseDTO refund(PaymentRequestDTO request) throws PaymentException {
        SmartpayGatewayCalls.required(request, SmartpayFields.ORDER_ID, "refund");
        long amount = SmartpayGatewayCalls.amount(request, "refund");
        long orderId = SmartpayGatewayCalls.broadleafOrderId(request, "refund");
        String mode = mode();
        String paymentId = SmartpayGatewayCalls.field(request, SmartpayFields.PAYMENT_ID);
        String requestId = paymentId == null
                ? requestId(request, String.valueOf(orderId), String.valueOf(amount))
                : requestId(request, String.valueOf(orderId), paymentId, String.valueOf(amount));
        String what = "Smartpay refund of ¥" + amount + " on order " + orderId + (paymentId == null ? "" : " (" + paymentId + ")");
        requireTheOrdersSmartpayOrder(what, request, orderId);
        OperationOutcome outcome;
        try {
            outcome = paymentId == null
                    ? operations.refund(orderId, amount, RefundReason.REQUESTED_BY_CUSTOMER, REFUND_DESCRIPTION, requestId)
                    : operations.refundCapture(orderId, paymentId, amount, RefundReason.REQUESTED_BY_CUSTOMER,
                            REFUND_DESCRIPTION, requestId);
        } catch (SmartpayOperationException | OverRefundException e) {
            throw refused(what, e);
        }
        requireSameAmount(what, requestId, outcome, amount);
        requireNewUnlessKeyed(what, request, outcome);
        requireSucceeded(what, outcome);
        // one slice per capture refunded
        List<String> payments = new ArrayList<>();
        List<String> refunds = new ArrayList<>();
        List<String> transactions = new ArrayList<>();
        for (OperationOutcome slice : outcome.parts()) {
            payments.add(slice.smartpayPaymentId());
            refunds.add(slice.smartpayRefundId());
            transactions.add(String.valueOf(slice.paymentTransactionId()));
        }
        return recorded(PaymentTransactionType.REFUND, request, amount, outcome, mode)
                .responseMap(SmartpayFields.PAYMENT_ID, String.join(",", payments))
                .responseMap(SmartpayFields.REFUND_ID, String.join(",", refunds))
                .responseMap(SmartpayFields.PAYMENT_TRANSACTION_ID, String.join(",", transactions));
    }

    @Override
    public PaymentResponseDTO reverseAuthorize(PaymentRequestDTO request) throws PaymentException {
        return cancel(request, "reverseAuthorize");
    }

    /** The same as {@link #reverseAuthorize}: Smartpay cancels an order; there is no separate void. */
    @Override
    public PaymentResponseDTO voidPayment(PaymentRequestDTO request) throws PaymentException {
        return cancel(request, "voidPayment");
    }

    private PaymentResponseDTO cancel(PaymentRequestDTO request, String spiMethod) throws PaymentException {
        SmartpayGatewayCalls.required(request, SmartpayFields.ORDER_ID, spiMethod);
        SmartpayGatewayCalls.amount(request, spiMethod);
        long orderId = SmartpayGatewayCalls.broadleafOrderId(request, spiMethod);
        String mode = mode();
        String what = "Smartpay cancellation of order " + orderId + " (" + spiMethod + ")";
        requireTheOrdersSmartpayOrder(what, request, orderId);
        OperationOutcome outcome;
        try {
            // reverseAuthorize and void release an authorization; they never refund what shipped
            long wouldRefund = operations.refundOnCancel(orderId);
            if (wouldRefund > 0) {
                throw new PaymentException(what + " refused, nothing was sent: the order's cancel would also refund the"
                        + " ¥" + wouldRefund + " already captured (automatic capture, or gateway.smartpay.cancel.refundCaptured"
                        + "=true). Refund with refund(), or set the order's status to CANCELLED if the whole order is"
                        + " cancelled; with refundCaptured=false " + spiMethod + " releases only what is not captured.");
            }
            outcome = operations.cancel(orderId);
        } catch (SmartpayOperationException e) {
            throw refused(what, e);
        }
        requireSucceeded(what, outcome);
        // the cancel row records a REVERSE_AUTH only when something was still authorized
        boolean released = outcome.paymentTransactionId() != null;
        PaymentResponseDTO response = recorded(PaymentTransactionType.REVERSE_AUTH, request,
                released ? outcome.amount() : 0, outcome, mode);
        if (released) {
            response.responseMap(SmartpayFields.PAYMENT_TRANSACTION_ID, String.valueOf(outcome.paymentTransactionId()));
        }
        return response;
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

    /** "test" or "live"; fails (nothing journaled) when the gateway is not configured. */
    private String mode() throws PaymentException {
        return SmartpayGatewayCalls.client(clientProvider).mode().name().toLowerCase(Locale.ROOT);
    }

    /**
     * The caller's smartpayIdempotencyKey, else {@code spi:<identity…>} plus the caller's smartpayOperationKey.
     * Either field naming an existing journal row was copied from the parent transaction, so it is not this
     * request's.
     */
    private String requestId(PaymentRequestDTO request, String... identity) {
        String explicit = callersOwn(request, SmartpayFields.IDEMPOTENCY_KEY);
        if (explicit != null) {
            return explicit;
        }
        StringBuilder id = new StringBuilder("spi");
        for (String part : identity) {
            id.append(':').append(part);
        }
        String operationKey = callersOwn(request, SmartpayFields.OPERATION_KEY);
        return operationKey == null ? id.toString() : id.append(':').append(operationKey).toString();
    }

    private String callersOwn(PaymentRequestDTO request, String field) {
        String value = SmartpayGatewayCalls.field(request, field);
        return value == null || operations.find(value) != null ? null : value;
    }

    /**
     * The Broadleaf order decides what is moved; a request whose smartpayOrderId names another Smartpay order was
     * built from another order's transaction (or by hand, wrongly) and is refused before anything is journaled.
     */
    private void requireTheOrdersSmartpayOrder(String what, PaymentRequestDTO request, long orderId) throws PaymentException {
        String given = SmartpayGatewayCalls.field(request, SmartpayFields.ORDER_ID);
        String actual;
        try {
            actual = operations.smartpayOrderId(orderId);
        } catch (SmartpayOperationException e) {
            throw refused(what, e);
        }
        if (!actual.equals(given)) {
            throw new PaymentException(what + " refused, nothing was sent: additionalFields[" + SmartpayFields.ORDER_ID
                    + "] is " + given + ", but order " + orderId + " was paid with Smartpay order " + actual);
        }
    }

    private static PaymentException refused(String what, RuntimeException e) {
        return new PaymentException(what + " refused, nothing was sent: " + e.getMessage(), e);
    }

    /**
     * A request without a key of the caller's is identified by its order and amount only: when that identity was
     * already used, this may be another genuine operation of the same amount (a second refund days later), so it
     * is refused rather than answered with the first one's outcome — success is never reported for money this
     * request did not move. With its own smartpayIdempotencyKey or smartpayOperationKey, a repeat is a retry and
     * gets the first outcome.
     */
    private void requireNewUnlessKeyed(String what, PaymentRequestDTO request, OperationOutcome outcome)
            throws PaymentException {
        boolean keyed = callersOwn(request, SmartpayFields.IDEMPOTENCY_KEY) != null
                || callersOwn(request, SmartpayFields.OPERATION_KEY) != null;
        if (!outcome.created() && !outcome.isNothingToDo() && !keyed) {
            throw new PaymentException(what + " refused, nothing was sent: an earlier request without a key of its own"
                    + " had the same order and amount (journal row " + outcome.operationKey() + ", "
                    + outcome.overallStatus() + "). To move this money again, give the request its own "
                    + SmartpayFields.IDEMPOTENCY_KEY + " or " + SmartpayFields.OPERATION_KEY + " (e.g. an RMA or shipment"
                    + " number); to retry a request, send the same key again.");
        }
    }

    /** A request id names one operation: the same id with another amount is another request. */
    private static void requireSameAmount(String what, String requestId, OperationOutcome outcome, long amount)
            throws PaymentException {
        if (!outcome.created() && outcome.amount() != amount) {
            throw new PaymentException(what + " refused, nothing was sent: request id '" + requestId
                    + "' was already used for ¥" + outcome.amount() + " (journal row " + outcome.operationKey() + ")");
        }
    }

    /** A journaled operation that did not (or not yet) succeed; the message says what happens to it next. */
    private static void requireSucceeded(String what, OperationOutcome outcome) throws PaymentException {
        if (outcome.isNothingToDo()) {
            throw new PaymentException(what + ": nothing to do (" + outcome.nothingToDoReason() + ")");
        }
        OperationStatus status = outcome.overallStatus();
        if (status == OperationStatus.SUCCEEDED) {
            return;
        }
        OperationOutcome row = rowWith(outcome, status);
        String journal = "journal row " + row.operationKey() + " is " + status;
        String error = row.errorCode() == null ? "" : ": " + row.errorCode() + " " + row.errorMessage();
        switch (status) {
            case RETRYING:
                throw new PaymentException(what + " did not complete" + error + ". The " + journal
                        + ": the retry worker sends it again with the same Idempotency-Key and records the Broadleaf"
                        + " transaction when Smartpay answers. Do not send it under another key.");
            case PENDING:
                throw new PaymentException(what + " is still being sent (" + journal
                        + "); repeat this request later for its outcome.");
            case DEAD:
                throw new PaymentException(what + " failed" + error + ". The " + journal + " after " + row.attempts()
                        + " attempts; an operator can retry it from the admin.");
            default:
                throw new PaymentException(what + " failed" + error + ". The " + journal
                        + "; nothing was recorded for it.");
        }
    }

    /** The row (the operation itself, a refund slice, a cancel's refund) whose status is the overall one. */
    private static OperationOutcome rowWith(OperationOutcome outcome, OperationStatus status) {
        if (outcome.status() == status) {
            return outcome;
        }
        for (OperationOutcome part : outcome.parts()) {
            if (part.overallStatus() == status) {
                return rowWith(part, status);
            }
        }
        return outcome;
    }

    /** The response for what the operations recorded: not to be recorded again. */
    private static PaymentResponseDTO recorded(PaymentTransactionType type, PaymentRequestDTO request, long yen,
            OperationOutcome outcome, String mode) {
        return SmartpayGatewayCalls.response(type, request, yen)
                .rawResponse("Journaled and recorded by blSmartpayOrderOperations as " + outcome.operationKey()
                        + " (do not record this response again)")
                .responseMap(SmartpayFields.ORDER_ID, outcome.smartpayOrderId())
                .responseMap(SmartpayFields.OPERATION_KEY, outcome.operationKey())
                .responseMap(SmartpayFields.MODE, mode);
    }
}
