package org.bnplkit.smartpay.operations;

import java.util.List;
import java.util.Map;

import org.bnplkit.smartpay.client.RefundReason;

/**
 * Capture, cancel and refund of Smartpay-paid Broadleaf orders: THE one code path used by the lifecycle
 * triggers, the admin buttons, the retry worker and integrator code (a WMS/ERP driving shipping and returns).
 * Bean name {@code blSmartpayOrderOperations}.
 *
 * <p>Every method:
 * <ol>
 *   <li>computes integer-yen amounts (org.bnplkit.smartpay.money) and refuses what cannot be right
 *       (over-refund, capture after cancel) before anything is written;</li>
 *   <li>commits a journal row whose unique key is the Smartpay Idempotency-Key — if the key exists (a second
 *       node, a repeated call) it sends nothing and returns the existing row's outcome;</li>
 *   <li>calls Smartpay outside any database transaction;</li>
 *   <li>records the Broadleaf PaymentTransaction (CAPTURE under the AUTHORIZE, REFUND under its CAPTURE,
 *       REVERSE_AUTH under the AUTHORIZE) and marks the row SUCCEEDED in one transaction;</li>
 *   <li>on failure leaves the row RETRYING (the retry worker sends it again with the same key), FAILED
 *       (Smartpay refused: errorCode and message kept) or, after the maximum attempts, DEAD.</li>
 * </ol>
 * A Smartpay failure is reported in the outcome, never thrown: the caller's own work (a status change) is not
 * affected. Exceptions mean the request itself was refused ({@link SmartpayOperationException},
 * org.bnplkit.smartpay.money.OverRefundException) and nothing was journaled.
 *
 * <p>Any thread may call these methods, also a web request whose OpenEntityManagerInView EntityManager is bound: the
 * operations set it aside and work on persistence contexts of their own. Avoid calling them inside a database
 * transaction of your own: it would hold its connection during the HTTP call.
 * See docs/lifecycle.md.
 */
public interface SmartpayOrderOperations {

    /**
     * Captures one fulfillment group's share of the authorization (its items, shipping and tax, plus its pro-rata
     * part of order-level discounts; integer yen). The last group to be captured takes the residual so the
     * captures add up to the authorization exactly. Key {@code capture:fg:<id>}.
     */
    default OperationOutcome capture(long fulfillmentGroupId) {
        return capture(fulfillmentGroupId, Send.NOW);
    }

    /**
     * Captures an explicit amount (admin button, integrator). Key {@code capture:order:<id>:<n>}, n = this
     * order's explicit captures so far + 1. Refused when it exceeds what is still authorized.
     */
    OperationOutcome capture(long orderId, long amount);

    /**
     * Captures an explicit amount for the caller's request {@code requestId} (the payment gateway's capture
     * request, an ERP's capture id). Key {@code capture:request:<requestId>}: the same request id never captures
     * twice — a repeated call sends nothing and returns the first call's outcome. Same checks as
     * {@link #capture(long, long)}; refused when the request id was already used for another order.
     */
    OperationOutcome capture(long orderId, long amount, String requestId);

    /**
     * Cancels the order at Smartpay: releases whatever is still authorized (manual capture) and, when
     * gateway.smartpay.cancel.refundCaptured=true (default) or capture was automatic, refunds what was
     * captured. Key {@code cancel:order:<id>}; a second call does nothing. Never deletes the Broadleaf order.
     */
    default OperationOutcome cancel(long orderId) {
        return cancel(orderId, Send.NOW);
    }

    /**
     * Releases what is still authorized at Smartpay and keeps what was captured (nothing is refunded, whatever
     * gateway.smartpay.cancel.refundCaptured says): what did not ship and never will, e.g. before the authorization
     * expires. Recorded as a REVERSE_AUTH; captures are refused afterwards. Key {@code release:order:<id>}; a later
     * cancel of the order releases nothing twice and refunds as configured.
     */
    OperationOutcome releaseRemainder(long orderId);

    /**
     * Refunds {@code amount} yen, split over the order's captures newest first (one Smartpay refund per
     * capture). {@code requestId} is the caller's id of this refund (an RMA number, a credit-memo id): the same
     * request id never refunds twice. Keys {@code refund:<requestId>} and {@code refund:<requestId>:<paymentId>}.
     */
    OperationOutcome refund(long orderId, long amount, RefundReason reason, String description, String requestId);

    /**
     * Refunds {@code amount} yen from one capture, the Smartpay payment {@code smartpayPaymentId} (the payment
     * gateway's refund of one CAPTURE transaction). Refused (OverRefundException) when that capture has less
     * left, even if other captures could cover it, and when the payment is not a recorded capture of the order.
     * Same request ids and keys as {@link #refund}.
     */
    OperationOutcome refundCapture(long orderId, String smartpayPaymentId, long amount, RefundReason reason,
            String description, String requestId);

    /**
     * Refunds returned items: the amount owed for {@code quantities} (order item id → quantity returned now),
     * each line's net paid price shared per unit, the last units taking the line's residual. Same keys and
     * allocation as {@link #refund}.
     */
    OperationOutcome refundItems(long orderId, Map<Long, Integer> quantities, RefundReason reason, String description,
            String requestId);

    /**
     * Refund for a fulfillment group that came back whole: its captured share minus what its items already
     * refunded. Request id {@code return:fg:<id>}.
     */
    default OperationOutcome refundReturnedGroup(long fulfillmentGroupId) {
        return refundReturnedGroup(fulfillmentGroupId, Send.NOW);
    }

    /**
     * Refund for the items of a fulfillment group whose item status is RETURNED (their whole quantity), one
     * request per item ({@code return:fgi:<fulfillmentGroupItemId>}), so items returned later are refunded then.
     */
    default List<OperationOutcome> refundReturnedItems(long fulfillmentGroupId) {
        return refundReturnedItems(fulfillmentGroupId, Send.NOW);
    }

    /**
     * The Smartpay order of a Broadleaf order paid with Smartpay (the one its successful authorization names);
     * refuses other orders with {@link SmartpayOperationException}.
     */
    String smartpayOrderId(long orderId);

    /**
     * What {@link #cancel(long)} would refund if called now: the captured money not yet refunded when the cancel
     * refunds captures (automatic capture, or gateway.smartpay.cancel.refundCaptured=true), else 0; also 0 once the
     * order's cancel is journaled (a second cancel does nothing). Refuses orders not paid with Smartpay.
     */
    long refundOnCancel(long orderId);

    /** The journal row with that key (and its parts), or null. */
    OperationOutcome find(String operationKey);

    /** Every journal row of an order, oldest first (refund slices appear as rows of their own). */
    List<OperationOutcome> history(long orderId);

    /**
     * Sends a RETRYING, FAILED or DEAD row again now, with the same key and body (admin "retry"). A FAILED row is
     * only worth retrying when what made Smartpay refuse it has changed.
     */
    OperationOutcome retry(String operationKey);

    /**
     * Sends every journal row that is due now — RETRYING rows whose next attempt has come, PENDING rows whose
     * node died (lease expired) — each claimed by a conditional UPDATE, so of several nodes running this at once
     * exactly one sends a given row. A resumed row first looks for what Smartpay already made under its key, so
     * a call that reached Smartpay before a crash is recorded, not repeated. Returns how many rows were sent.
     * Called by the retry worker (org.bnplkit.smartpay.reconcile).
     */
    int sendDueOperations(int max);

    // ---- variants used by the lifecycle triggers -------------------------------------------------------------

    /**
     * When to call Smartpay. {@link #IN_BACKGROUND}: the journal row is committed on the calling thread (the intent
     * is never lost) and the HTTP call runs on the operations' own threads, so the thread that changed a status
     * (an admin save, a batch job) never waits for Smartpay; the outcome returned is then PENDING.
     */
    enum Send { NOW, IN_BACKGROUND }

    OperationOutcome capture(long fulfillmentGroupId, Send send);

    OperationOutcome cancel(long orderId, Send send);

    OperationOutcome refundReturnedGroup(long fulfillmentGroupId, Send send);

    List<OperationOutcome> refundReturnedItems(long fulfillmentGroupId, Send send);
}
