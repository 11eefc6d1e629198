package org.bnplkit.smartpay.admin;

import java.util.Date;
import java.util.concurrent.Callable;

import javax.annotation.Resource;

import org.bnplkit.smartpay.admin.AttentionItem.Action;
import org.bnplkit.smartpay.admin.AttentionItem.Source;
import org.bnplkit.smartpay.admin.SmartpayAdminCalls.Waited;
import org.bnplkit.smartpay.journal.AdminActionJournal;
import org.bnplkit.smartpay.journal.OperationJournal;
import org.bnplkit.smartpay.journal.OwnPersistenceContext;
import org.bnplkit.smartpay.journal.SmartpayAdminAction;
import org.bnplkit.smartpay.journal.SmartpayNotice;
import org.bnplkit.smartpay.journal.SmartpayNotices;
import org.bnplkit.smartpay.journal.SmartpayWebhookEvent;
import org.bnplkit.smartpay.journal.WebhookEventStatus;
import org.bnplkit.smartpay.journal.WebhookInbox;
import org.bnplkit.smartpay.operations.OperationOutcome;
import org.bnplkit.smartpay.operations.SmartpayOperationException;
import org.bnplkit.smartpay.operations.SmartpayOrderOperations;
import org.bnplkit.smartpay.webhooks.SmartpayWebhookProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The actions of the Smartpay section's "Needs attention" list: Retry, Capture now, Release, Reprocess, Mark resolved.
 * Every one is checked before anything changes — the admin's permission for it, the form's request id (issued by this
 * server for this admin, this item as it was when the page showed it, and this action), the item still needing
 * attention and belonging to the order the form names — then written to SMARTPAY_ADMIN_ACTION (its unique request id:
 * the same form submitted twice acts once) and run; money moves only through the operations. The controller has
 * checked the CSRF token and the section's permission. Bean {@code blSmartpayAttentionActions}.
 */
public class AttentionActions {

    private static final Logger LOG = LoggerFactory.getLogger(AttentionActions.class);
    public static final int NOTE_MAX = 500;

    @Resource(name = "blSmartpayAttention")
    protected AttentionList list;

    @Resource(name = "blSmartpayAdminActionJournal")
    protected AdminActionJournal adminActions;

    @Resource(name = "blSmartpayAdminRequestIds")
    protected AdminRequestIds requestIds;

    @Resource(name = "blSmartpayAdminSettings")
    protected SmartpayAdminSettings settings;

    @Resource(name = "blSmartpayAdminCalls")
    protected SmartpayAdminCalls calls;

    @Resource(name = "blSmartpayOrderOperations")
    protected SmartpayOrderOperations operations;

    @Resource(name = "blSmartpayOperationJournal")
    protected OperationJournal journal;

    @Resource(name = "blSmartpayNotices")
    protected SmartpayNotices notices;

    @Resource(name = "blSmartpayWebhookInbox")
    protected WebhookInbox inbox;

    @Resource(name = "blSmartpayWebhookProcessor")
    protected SmartpayWebhookProcessor processor;

    @Resource(name = "blSmartpayOwnPersistenceContext")
    protected OwnPersistenceContext persistenceContexts;

    /** What the admin is answered: an HTTP status, whether it worked, and the message. */
    public static final class Answer {
        private final int status;
        private final boolean ok;
        private final AdminMessage message;

        Answer(int status, boolean ok, AdminMessage message) {
            this.status = status;
            this.ok = ok;
            this.message = message;
        }

        public int status() { return status; }
        public boolean ok() { return ok; }
        public AdminMessage message() { return message; }
    }

    /**
     * Acts on item {@code itemKey} (as the form named it, for order {@code postedOrderId}, 0 for none) with
     * {@code actionName}, on behalf of {@code user}. Refusals change nothing.
     */
    public Answer act(final String itemKey, final String actionName, final long postedOrderId, final String requestId,
            final String note, final String user, final AdminPermissions permissions) {
        // the admin request's open EntityManager would serve stale rows after the inbox's and journal's conditional
        // UPDATEs (a re-processed event would never settle): the action works on persistence contexts of its own
        return persistenceContexts.run(() -> actNow(itemKey, actionName, postedOrderId, requestId, note, user, permissions));
    }

    private Answer actNow(String itemKey, String actionName, long postedOrderId, String requestId, String note, String user,
            AdminPermissions permissions) {
        Action action = parse(actionName);
        if (action == null || itemKey == null || requestId == null || requestId.isEmpty()) {
            return refused(400, "smartpay.attention.error.badRequest");
        }
        SmartpayAdminAction earlier = adminActions.findByRequestId(requestId);
        if (earlier != null) {
            return repeated(earlier, itemKey, action);
        }
        Date now = new Date();
        AttentionItem item = list.find(itemKey, permissions, now);
        if (item == null) {
            return refused(409, "smartpay.attention.error.settled");
        }
        if (item.boundOrderId() != postedOrderId) {
            LOG.warn("Smartpay attention {} on {} by {} refused: the item belongs to order {}, the form named {}", action,
                    itemKey, user, item.boundOrderId(), postedOrderId);
            return refused(409, "smartpay.attention.error.otherOrder");
        }
        AdminRequestIds.Verdict verdict = requestIds.check(requestId, postedOrderId, item.boundAction(action), user);
        if (verdict == AdminRequestIds.Verdict.EXPIRED) {
            return refused(403, "smartpay.admin.error.requestIdExpired", settings.requestIdTtl().toHours());
        }
        if (verdict != AdminRequestIds.Verdict.VALID) {
            LOG.warn("Smartpay attention {} on {} by {} refused: request id not issued for this item as it is now", action,
                    itemKey, user);
            return refused(403, "smartpay.attention.error.staleForm");
        }
        if (!item.offers(action)) {
            return refused(403, "smartpay.admin.error.forbidden");
        }
        String trimmedNote = note == null ? "" : note.trim();
        if (action == Action.RESOLVE && trimmedNote.isEmpty()) {
            return refused(422, "smartpay.attention.error.noteRequired");
        }
        if (trimmedNote.length() > NOTE_MAX) {
            return refused(422, "smartpay.attention.error.noteTooLong", NOTE_MAX);
        }
        SmartpayAdminAction row = new SmartpayAdminAction();
        row.setRequestId(requestId);
        row.setItemKey(itemKey);
        row.setOrderId(item.getOrderId());
        row.setAction(action.name());
        row.setAdminUser(user);
        row.setNote(trimmedNote.isEmpty() ? null : trimmedNote);
        row.setCreatedAt(now);
        SmartpayAdminAction begun = adminActions.begin(row);
        if (begun == null) {
            return repeated(adminActions.findByRequestId(requestId), itemKey, action);
        }
        Answer answer;
        String result;
        try {
            Ran ran = run(item, action, trimmedNote, user);
            answer = ran.answer;
            result = ran.result;
        } catch (SmartpayOperationException e) {
            answer = refused(409, "smartpay.admin.error.refused", e.getMessage());
            result = "refused: " + e.getMessage();
        }
        adminActions.finish(begun.getId(), result);
        LOG.info("Smartpay attention: {} {} {} on {} (order {}): {}", user, action, itemKey, item.getSubject(),
                item.getOrderId(), result);
        return answer;
    }

    private static final class Ran {
        final Answer answer;
        final String result;

        Ran(Answer answer, String result) {
            this.answer = answer;
            this.result = result;
        }
    }

    private Ran run(AttentionItem item, Action action, String note, String user) {
        switch (action) {
            case RESOLVE:
                return resolve(item);
            case REPROCESS:
                return reprocess(item);
            case RETRY:
                final String key = journal.findById(item.getId()).getOperationKey();
                return money(() -> operations.retry(key), "smartpay.attention.done.retry");
            case CAPTURE:
                final long orderId = item.getOrderId();
                final long amount = item.uncapturedYen();
                final String requestKey = "attention-" + item.getKey() + "-v" + item.getVersion();
                return settlesNotice(item, money(() -> operations.capture(orderId, amount, requestKey), "smartpay.attention.done.capture"));
            case RELEASE:
                final long releaseOrder = item.getOrderId();
                return settlesNotice(item, money(() -> operations.releaseRemainder(releaseOrder), "smartpay.attention.done.release"));
            default:
                throw new IllegalStateException("no action " + action);
        }
    }

    /** The dead letter processed again now: settled (its notice resolved), postponed (waiting again) or dead again. */
    private Ran reprocess(AttentionItem item) {
        SmartpayWebhookEvent event = inbox.findById(item.getId());
        SmartpayWebhookEvent after = processor.reprocess(event.getEventId());
        WebhookEventStatus status = after == null ? null : after.getStatus();
        if (status == null || status == WebhookEventStatus.DEAD) {
            return new Ran(new Answer(200, false, AdminMessage.of("smartpay.attention.failed.reprocess", String.valueOf(status),
                    after == null ? "" : String.valueOf(after.getLastError()))), "webhook " + status);
        }
        notices.resolve("webhook-dead:" + event.getEventId());
        String outcome = after.getOutcome() == null ? "" : after.getOutcome();
        return new Ran(new Answer(200, true, AdminMessage.of("smartpay.attention.done.reprocess", status.name(), outcome)),
                "webhook " + status + ": " + outcome);
    }

    private Ran resolve(AttentionItem item) {
        if (item.getSource() == Source.NOTICE) {
            SmartpayNotice notice = notices.findById(item.getId());
            notices.resolve(notice.getNoticeKey());
        } else if (item.getSource() == Source.WEBHOOK) {
            notices.resolve("webhook-dead:" + inbox.findById(item.getId()).getEventId());
        }
        // an operation stays as it is in the journal: the action row (with its note) takes it off the list
        return new Ran(new Answer(200, true, AdminMessage.of("smartpay.attention.done.resolve")), "resolved");
    }

    /** Once nothing is left authorized, the expiring-authorization notice no longer applies: resolved with the action. */
    private Ran settlesNotice(AttentionItem item, Ran ran) {
        if (ran.answer.status() == 200 && ran.answer.ok() && item.getSource() == Source.NOTICE) {
            notices.resolve(notices.findById(item.getId()).getNoticeKey());
        }
        return ran;
    }

    /** Runs a money action on the admin's bounded threads, waiting gateway.smartpay.admin.answerWithinMillis at most. */
    private Ran money(Callable<OperationOutcome> call, String doneKey) {
        Waited<OperationOutcome> waited = calls.call(call, settings.answerWithinMillis());
        if (waited.busy()) {
            return new Ran(refused(503, "smartpay.admin.error.busy"), "busy: not started");
        }
        if (waited.stillRunning()) {
            return new Ran(new Answer(202, true, AdminMessage.of("smartpay.admin.working")), "sent; not confirmed yet");
        }
        if (waited.failure() instanceof SmartpayOperationException) {
            throw (SmartpayOperationException) waited.failure();
        }
        if (waited.failure() != null) {
            throw new IllegalStateException("Smartpay attention action failed", waited.failure());
        }
        OperationOutcome outcome = waited.value();
        String status = outcome.isNothingToDo() ? "nothing to do" : String.valueOf(outcome.overallStatus());
        if (outcome.isNothingToDo() || outcome.isSucceeded()) {
            return new Ran(new Answer(200, true, AdminMessage.of(doneKey, YenFormat.format(outcome.amount()))), status);
        }
        String error = (outcome.errorCode() == null ? "" : outcome.errorCode() + " ")
                + (outcome.errorMessage() == null ? "" : outcome.errorMessage());
        return new Ran(new Answer(200, false, AdminMessage.of("smartpay.admin.error.refused", status + " " + error)), status + " " + error);
    }

    /** The same form again: nothing runs twice; the answer says what the first submission did. */
    private static Answer repeated(SmartpayAdminAction earlier, String itemKey, Action action) {
        if (earlier == null || !earlier.getItemKey().equals(itemKey) || !earlier.getAction().equals(action.name())) {
            return refused(403, "smartpay.attention.error.staleForm");
        }
        return new Answer(200, true, AdminMessage.of("smartpay.attention.done.already",
                earlier.getResult() == null ? "…" : earlier.getResult()));
    }

    private static Answer refused(int status, String key, Object... args) {
        return new Answer(status, false, AdminMessage.of(key, args));
    }

    private static Action parse(String name) {
        if (name == null) {
            return null;
        }
        for (Action a : Action.values()) {
            if (a.name().equalsIgnoreCase(name)) {
                return a;
            }
        }
        return null;
    }
}
