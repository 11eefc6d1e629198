package org.bnplkit.smartpay.admin.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.bnplkit.smartpay.admin.AdminMessage;
import org.bnplkit.smartpay.admin.FormErrors;
import org.bnplkit.smartpay.admin.SmartpayAdminCalls;
import org.bnplkit.smartpay.admin.SmartpayAdminCalls.Waited;
import org.bnplkit.smartpay.admin.SmartpayAdminSettings;
import org.bnplkit.smartpay.admin.YenFormat;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.operations.OperationOutcome;
import org.bnplkit.smartpay.operations.SmartpayOperationException;
import org.bnplkit.smartpay.operations.SmartpayOrderOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one admin action through the operations and answers the person within gateway.smartpay.admin.answerWithinMillis
 * of the request's arrival (its checks included), whatever Smartpay does: the action runs on {@link SmartpayAdminCalls}' threads; if it has not finished in time the
 * answer is the journal row of its key as it is now (PENDING: "sent; Smartpay has not confirmed it yet",
 * {@code "settling":true}) and the panel shows the result when it settles. Every answer is the outcome of this
 * request's own key, never another one's.
 */
final class AdminActionRunner {

    private static final Logger LOG = LoggerFactory.getLogger(AdminActionRunner.class);
    private static final String ARRIVED_AT = AdminActionRunner.class.getName() + ".arrivedAt";

    private final SmartpayAdminCalls calls;
    private final SmartpayAdminSettings settings;
    private final SmartpayOrderOperations operations;
    private final AdminAnswers answers;

    AdminActionRunner(SmartpayAdminCalls calls, SmartpayAdminSettings settings, SmartpayOrderOperations operations,
            AdminAnswers answers) {
        this.calls = calls;
        this.settings = settings;
        this.operations = operations;
        this.answers = answers;
    }

    /** How to word the answer of one kind of action. */
    static final class Wording {
        static final Wording REFUND = new Wording("smartpay.admin.refund.done", "smartpay.admin.refund.pending");
        static final Wording CAPTURE = new Wording("smartpay.admin.capture.done", "smartpay.admin.capture.pending");
        static final Wording RELEASE = new Wording("smartpay.admin.release.done", "smartpay.admin.release.pending");
        static final Wording CANCEL = new Wording("smartpay.admin.cancel.done", "smartpay.admin.cancel.pending");
        static final Wording RETRY = new Wording("smartpay.admin.retry.done", "smartpay.admin.retry.pending");

        final String done;
        final String pending;

        Wording(String done, String pending) {
            this.done = done;
            this.pending = pending;
        }
    }

    /**
     * Runs {@code action}, whose journal key is {@code key}, and answers. Returns what the operations threw when the
     * caller words it itself (an over-refund: a form error); a refusal of the operations (409) and a busy pool (503)
     * are answered here, anything else is rethrown (a JSON 500).
     */
    <E extends Exception> E runAndAnswer(HttpServletRequest request, HttpServletResponse response, String what,
            Callable<OperationOutcome> action, String key, Wording wording, Class<E> callerHandles) throws IOException {
        Waited<OperationOutcome> waited = calls.call(action, remainingMillis(request));
        if (waited.busy()) {
            LOG.warn("Admin {} refused: every Smartpay admin thread is busy (gateway.smartpay.admin.threads)", what);
            answers.refuse(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, AdminMessage.of("smartpay.admin.error.busy"));
            return null;
        }
        if (waited.stillRunning()) {
            OperationOutcome journaled = operations.find(key);
            LOG.info("Admin {}: Smartpay has not answered within {} ms; answering with the journal ({})", what,
                    settings.answerWithinMillis(), journaled == null ? "not journaled yet" : journaled.overallStatus());
            if (journaled == null) {
                Map<String, Object> body = new LinkedHashMap<String, Object>();
                body.put("ok", true);
                body.put("status", "WORKING");
                body.put("operationKey", key);
                body.put("settling", true);
                body.put("message", answers.message(request, AdminMessage.of("smartpay.admin.working")));
                AdminAnswers.write(response, HttpServletResponse.SC_ACCEPTED, body);
            } else {
                answer(request, response, journaled, wording);
            }
            return null;
        }
        Exception failure = waited.failure();
        if (failure == null) {
            OperationOutcome outcome = waited.value();
            LOG.info("Admin {}: {} ({})", what, outcome.operationKey(), outcome.overallStatus());
            answer(request, response, outcome, wording);
            return null;
        }
        if (callerHandles.isInstance(failure)) {
            return callerHandles.cast(failure);
        }
        if (failure instanceof SmartpayOperationException) {
            LOG.info("Admin {} refused by the operations: {}", what, failure.getMessage());
            answers.refuse(request, response, HttpServletResponse.SC_CONFLICT,
                    AdminMessage.of("smartpay.admin.error.refused", failure.getMessage()));
            return null;
        }
        throw new IllegalStateException("admin " + what + " failed", failure);
    }

    /**
     * The part of the admin's wait a request has left for its action: gateway.smartpay.admin.answerWithinMillis from
     * when it arrived, less what its checks took (Smartpay's live status), at least a quarter of it.
     */
    long remainingMillis(HttpServletRequest request) {
        long budget = settings.answerWithinMillis();
        Object arrived = request.getAttribute(ARRIVED_AT);
        long spent = arrived instanceof Long ? (System.nanoTime() - (Long) arrived) / 1_000_000L : 0;
        return Math.max(budget / 4, budget - spent);
    }

    /** Marks when the request arrived; the admin's wait counts from here. */
    static void arrived(HttpServletRequest request) {
        request.setAttribute(ARRIVED_AT, System.nanoTime());
    }

    /** The wait for Smartpay's live status in an action's checks: a third of the admin's wait. */
    long liveStatusMillis() {
        return settings.answerWithinMillis() / 3;
    }

    private void answer(HttpServletRequest request, HttpServletResponse response, OperationOutcome outcome, Wording wording)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<String, Object>();
        OperationStatus status = outcome.isNothingToDo() ? OperationStatus.SUCCEEDED : outcome.overallStatus();
        body.put("status", String.valueOf(status));
        body.put("operationKey", outcome.operationKey());
        if (status == OperationStatus.FAILED || status == OperationStatus.DEAD) {
            body.put("ok", false);
            body.put("errors", answers.errorMap(request, new FormErrors().reject(FormErrors.FORM,
                    AdminMessage.of("smartpay.admin.error.refused", firstError(outcome)))));
        } else {
            body.put("ok", true);
            body.put("settling", status != OperationStatus.SUCCEEDED);
            String amount = YenFormat.format(outcome.amount());
            body.put("message", answers.message(request,
                    AdminMessage.of(status == OperationStatus.SUCCEEDED ? wording.done : wording.pending, amount)));
        }
        AdminAnswers.write(response, HttpServletResponse.SC_OK, body);
    }

    private static String firstError(OperationOutcome outcome) {
        if (outcome.errorCode() != null || outcome.errorMessage() != null) {
            return (outcome.errorCode() == null ? "" : outcome.errorCode() + " ") + (outcome.errorMessage() == null ? "" : outcome.errorMessage());
        }
        for (OperationOutcome part : outcome.parts()) {
            String inPart = firstError(part);
            if (!inPart.isEmpty()) {
                return inPart;
            }
        }
        return "";
    }
}
