package org.bnplkit.smartpay.admin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of the Smartpay section's "Needs attention" list: a journaled operation that FAILED, went DEAD or keeps
 * RETRYING; an open notice; a webhook event in the dead letter. Its {@link #getKey() key} names it in forms
 * ({@code op-<id>}, {@code notice-<id>}, {@code webhook-<id>}); {@link #getVersion()} is the row's optimistic-lock
 * version, which the forms' request ids are bound to, so a form issued before the item changed is refused.
 */
public final class AttentionItem {

    /** Where the item lives. */
    public enum Source { OPERATION, NOTICE, WEBHOOK }

    /** The actions that settle an item (not every one applies to every item). */
    public enum Action { RETRY, CAPTURE, RELEASE, REPROCESS, RESOLVE }

    private final Source source;
    private final long id;
    private final int version;
    private final String filterKind;
    private final String label;
    private final String subject;
    private final Long orderId;
    private final String smartpayOrderId;
    private final String detail;
    private final long amount;
    private final int attempts;
    private final Date since;
    private final String severity;
    private final List<Action> actions = new ArrayList<Action>();
    private final Map<String, String> requestIds = new LinkedHashMap<String, String>();
    private String captured;
    private String uncaptured;
    private String expiresAt;
    private long uncapturedYen;

    AttentionItem(Source source, long id, int version, String filterKind, String label, String subject, Long orderId,
            String smartpayOrderId, String detail, long amount, int attempts, Date since, String severity) {
        this.source = source;
        this.id = id;
        this.version = version;
        this.filterKind = filterKind;
        this.label = label;
        this.subject = subject;
        this.orderId = orderId;
        this.smartpayOrderId = smartpayOrderId;
        this.detail = detail;
        this.amount = amount;
        this.attempts = attempts;
        this.since = since;
        this.severity = severity;
    }

    /** {@code op-<id>}, {@code notice-<id>} or {@code webhook-<id>}. */
    public String getKey() {
        return keyOf(source, id);
    }

    static String keyOf(Source source, long id) {
        return (source == Source.OPERATION ? "op-" : source == Source.NOTICE ? "notice-" : "webhook-") + id;
    }

    public Source getSource() { return source; }
    public long getId() { return id; }
    public int getVersion() { return version; }
    /** FAILED, DEAD, RETRYING, NOTICE or WEBHOOK: the kind filter. */
    public String getFilterKind() { return filterKind; }
    /** Message key of what the item is (e.g. smartpay.attention.kind.FAILED). */
    public String getLabel() { return label; }
    /** Message key of what it is about (an operation kind, a notice kind, a webhook event). */
    public String getSubject() { return subject; }
    public Long getOrderId() { return orderId; }
    public String getSmartpayOrderId() { return smartpayOrderId; }
    /** Smartpay's error, the notice's text or the webhook's last error (plain text; the template escapes it). */
    public String getDetail() { return detail; }
    public long getAmount() { return amount; }
    public String getAmountText() { return amount > 0 ? YenFormat.format(amount) : ""; }
    public int getAttempts() { return attempts; }
    /** Since when it needs attention (the row's last change). */
    public Date getSince() { return since; }
    /** error, warning or info (the row's colour). */
    public String getSeverity() { return severity; }
    public List<Action> getActions() { return Collections.unmodifiableList(actions); }
    public boolean offers(Action action) { return actions.contains(action); }
    /** Whether Mark resolved is offered (the template shows the note field). */
    public boolean isResolvable() { return actions.contains(Action.RESOLVE); }
    /** The request id each offered action's form carries (issued by the controller for the admin viewing the page). */
    public Map<String, String> getRequestIds() { return requestIds; }
    /** What Smartpay holds for the order, when it matters for the item (an expiring authorization, a capture). */
    public String getCaptured() { return captured; }
    public String getUncaptured() { return uncaptured; }
    public String getExpiresAt() { return expiresAt; }
    long uncapturedYen() { return uncapturedYen; }

    void offer(Action action) {
        if (!actions.contains(action)) {
            actions.add(action);
        }
    }

    void restrictTo(List<Action> allowed) {
        actions.retainAll(allowed);
    }

    void amounts(SmartpayOrderPanel panel) {
        captured = panel.getCapturedText();
        uncaptured = panel.getUncapturedText();
        uncapturedYen = panel.getUncaptured();
        expiresAt = panel.getExpiresAt();
    }

    /** The form action a request id is bound to: the action, the item and the item's version as the page saw it. */
    public String boundAction(Action action) {
        return "attention-" + action.name().toLowerCase(java.util.Locale.ROOT) + "-" + getKey() + "-v" + version;
    }

    /** The order a request id is bound to (0 for items of no Broadleaf order). */
    public long boundOrderId() {
        return orderId == null ? 0L : orderId;
    }
}
