package org.bnplkit.smartpay.admin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.annotation.Resource;

import org.bnplkit.smartpay.admin.AttentionItem.Action;
import org.bnplkit.smartpay.admin.AttentionItem.Source;
import org.bnplkit.smartpay.journal.AdminActionJournal;
import org.bnplkit.smartpay.journal.NoticeKind;
import org.bnplkit.smartpay.journal.OperationJournal;
import org.bnplkit.smartpay.journal.OperationKind;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.SmartpayAdminAction;
import org.bnplkit.smartpay.journal.SmartpayNotice;
import org.bnplkit.smartpay.journal.SmartpayNotices;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.journal.SmartpayWebhookEvent;
import org.bnplkit.smartpay.journal.WebhookEventStatus;
import org.bnplkit.smartpay.journal.WebhookInbox;

/**
 * What the Smartpay section's "Needs attention" lists, across all orders: FAILED and DEAD operations, operations
 * RETRYING for longer than gateway.smartpay.admin.attention.retryingMinutes, open notices, webhook events in the dead
 * letter; less what an admin marked resolved after its last change. Each source is read up to {@link #MAX_PER_SOURCE}
 * rows (a backlog larger than that is itself the problem; the header says so). Bean {@code blSmartpayAttention}.
 */
public class AttentionList {

    public static final int MAX_PER_SOURCE = 500;
    public static final int PAGE_SIZE = 20;
    /** The kind filter's values ("" = everything). */
    public static final List<String> KINDS = Collections.unmodifiableList(Arrays.asList("FAILED", "DEAD", "RETRYING", "NOTICE", "WEBHOOK"));
    /** The age filter's values ("" = any age): newer than a day, newer than a week, older than a week. */
    public static final List<String> AGES = Collections.unmodifiableList(Arrays.asList("1d", "7d", "older"));
    private static final long DAY = 86_400_000L;

    @Resource(name = "blSmartpayOperationJournal")
    protected OperationJournal journal;

    @Resource(name = "blSmartpayNotices")
    protected SmartpayNotices notices;

    @Resource(name = "blSmartpayWebhookInbox")
    protected WebhookInbox inbox;

    @Resource(name = "blSmartpayAdminActionJournal")
    protected AdminActionJournal adminActions;

    @Resource(name = "blSmartpayAdminSettings")
    protected SmartpayAdminSettings settings;

    @Resource(name = "blSmartpayOrderPanels")
    protected SmartpayOrderPanels panels;

    /** One page of the list. */
    public static final class Page {
        private final List<AttentionItem> items;
        private final Map<String, Integer> counts;
        private final int total;
        private final int matching;
        private final int page;
        private final int pages;
        private final boolean truncated;

        Page(List<AttentionItem> items, Map<String, Integer> counts, int total, int matching, int page, int pages, boolean truncated) {
            this.items = items;
            this.counts = counts;
            this.total = total;
            this.matching = matching;
            this.page = page;
            this.pages = pages;
            this.truncated = truncated;
        }

        public List<AttentionItem> getItems() { return items; }
        /** Everything needing attention per kind filter value (whatever the filters): the header's counts. */
        public Map<String, Integer> getCounts() { return counts; }
        public int getTotal() { return total; }
        /** How many items the filters let through. */
        public int getMatching() { return matching; }
        public int getPage() { return page; }
        public int getPages() { return pages; }
        /** A source had more than {@link #MAX_PER_SOURCE} rows: the list shows the first ones. */
        public boolean isTruncated() { return truncated; }
    }

    /** The page {@code page} (1-based) of items matching {@code kind} and {@code age} (blank: any). */
    public Page page(String kind, String age, int page, AdminPermissions permissions, Date now) {
        boolean[] truncated = new boolean[1];
        List<AttentionItem> all = collect(now, truncated);
        Map<String, Integer> counts = new LinkedHashMap<String, Integer>();
        for (String k : KINDS) {
            counts.put(k, 0);
        }
        List<AttentionItem> matching = new ArrayList<AttentionItem>();
        for (AttentionItem item : all) {
            counts.put(item.getFilterKind(), counts.get(item.getFilterKind()) + 1);
            if ((kind == null || kind.isEmpty() || kind.equals(item.getFilterKind())) && ageMatches(age, item.getSince(), now)) {
                matching.add(item);
            }
        }
        int pages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.min(Math.max(1, page), pages);
        List<AttentionItem> shown = new ArrayList<AttentionItem>(
                matching.subList((current - 1) * PAGE_SIZE, Math.min(matching.size(), current * PAGE_SIZE)));
        for (AttentionItem item : shown) {
            completeForPage(item, permissions);
        }
        return new Page(shown, counts, all.size(), matching.size(), current, pages, truncated[0]);
    }

    /**
     * The item {@code key} as it is now, with the actions {@code permissions} allow, or null when there is no such item
     * or it no longer needs attention (settled, resolved, retried and now fine).
     */
    public AttentionItem find(String key, AdminPermissions permissions, Date now) {
        int dash = key == null ? -1 : key.indexOf('-');
        if (dash < 0) {
            return null;
        }
        long id;
        try {
            id = Long.parseLong(key.substring(dash + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        String prefix = key.substring(0, dash + 1);
        Map<String, Date> resolved = resolvedAt();
        AttentionItem item = null;
        if ("op-".equals(prefix)) {
            SmartpayOperation row = journal.findById(id);
            item = row == null ? null : operation(row, now, resolved);
        } else if ("notice-".equals(prefix)) {
            SmartpayNotice notice = notices.findById(id);
            item = notice == null ? null : notice(notice);
        } else if ("webhook-".equals(prefix)) {
            SmartpayWebhookEvent event = inbox.findById(id);
            item = event == null ? null : webhook(event, resolved);
        }
        if (item != null) {
            completeForPage(item, permissions);
        }
        return item;
    }

    private List<AttentionItem> collect(Date now, boolean[] truncated) {
        Map<String, Date> resolved = resolvedAt();
        List<AttentionItem> all = new ArrayList<AttentionItem>();
        List<SmartpayOperation> rows = journal.findByStatus(
                Arrays.asList(OperationStatus.FAILED, OperationStatus.DEAD, OperationStatus.RETRYING), MAX_PER_SOURCE);
        truncated[0] |= rows.size() >= MAX_PER_SOURCE;
        for (SmartpayOperation row : rows) {
            AttentionItem item = operation(row, now, resolved);
            if (item != null) {
                all.add(item);
            }
        }
        List<SmartpayNotice> open = notices.open(MAX_PER_SOURCE);
        truncated[0] |= open.size() >= MAX_PER_SOURCE;
        for (SmartpayNotice notice : open) {
            AttentionItem item = notice(notice);
            if (item != null) {
                all.add(item);
            }
        }
        List<SmartpayWebhookEvent> dead = inbox.list(WebhookEventStatus.DEAD, MAX_PER_SOURCE);
        truncated[0] |= dead.size() >= MAX_PER_SOURCE;
        for (SmartpayWebhookEvent event : dead) {
            AttentionItem item = webhook(event, resolved);
            if (item != null) {
                all.add(item);
            }
        }
        Collections.sort(all, new Comparator<AttentionItem>() {
            @Override
            public int compare(AttentionItem a, AttentionItem b) {
                return b.getSince().compareTo(a.getSince()); // newest first
            }
        });
        return all;
    }

    static boolean ageMatches(String age, Date since, Date now) {
        long ageMs = now.getTime() - since.getTime();
        if ("1d".equals(age)) {
            return ageMs <= DAY;
        }
        if ("7d".equals(age)) {
            return ageMs <= 7 * DAY;
        }
        if ("older".equals(age)) {
            return ageMs > 7 * DAY;
        }
        return true;
    }

    /** Item key -> when it was last marked resolved. */
    private Map<String, Date> resolvedAt() {
        Map<String, Date> out = new HashMap<String, Date>();
        for (SmartpayAdminAction a : adminActions.resolutions(MAX_PER_SOURCE * 3)) {
            if (!out.containsKey(a.getItemKey())) {
                out.put(a.getItemKey(), a.getCreatedAt());
            }
        }
        return out;
    }

    private static boolean resolvedAfter(Map<String, Date> resolved, String key, Date changedAt) {
        Date at = resolved.get(key);
        return at != null && changedAt != null && !at.before(changedAt);
    }

    private AttentionItem operation(SmartpayOperation row, Date now, Map<String, Date> resolved) {
        OperationStatus status = row.getStatus();
        if (status != OperationStatus.FAILED && status != OperationStatus.DEAD && status != OperationStatus.RETRYING) {
            return null;
        }
        if (status == OperationStatus.RETRYING && row.getCreatedAt().getTime() > now.getTime() - settings.retryingNeedsAttentionMillis()) {
            return null; // still within its normal retries
        }
        if (resolvedAfter(resolved, AttentionItem.keyOf(Source.OPERATION, row.getId()), row.getUpdatedAt())) {
            return null;
        }
        String error = row.getLastErrorCode() == null ? row.getLastErrorMessage()
                : row.getLastErrorCode() + (row.getLastErrorMessage() == null ? "" : " " + row.getLastErrorMessage());
        AttentionItem item = new AttentionItem(Source.OPERATION, row.getId(), row.getVersion(), status.name(),
                "smartpay.attention.kind." + status.name(), "smartpay.admin.kind." + row.getKind().name(), row.getOrderId(),
                row.getSmartpayOrderId(), error, row.getAmount(), row.getAttempts(), row.getUpdatedAt(),
                status == OperationStatus.RETRYING ? "warning" : "error");
        if (row.getKind() != OperationKind.REFUND_REQUEST) {
            item.offer(Action.RETRY); // the request row has no call of its own: its slices are retried
        }
        item.offer(Action.RESOLVE);
        return item;
    }

    private AttentionItem notice(SmartpayNotice notice) {
        if (!notice.isOpen() || notice.getKind() == NoticeKind.WEBHOOK_DEAD) {
            return null; // a dead letter is listed as its webhook event, which can be re-processed
        }
        AttentionItem item = new AttentionItem(Source.NOTICE, notice.getId(), notice.getVersion(), "NOTICE",
                "smartpay.attention.kind.NOTICE", "smartpay.attention.notice." + notice.getKind().name(), notice.getOrderId(),
                notice.getSmartpayOrderId(), notice.getMessage(), 0, notice.getOccurrences(), notice.getUpdatedAt(),
                notice.getSeverity().name().toLowerCase(java.util.Locale.ROOT));
        if (notice.getKind() == NoticeKind.AUTHORIZATION_EXPIRING && notice.getOrderId() != null) {
            item.offer(Action.CAPTURE);
            item.offer(Action.RELEASE);
        }
        item.offer(Action.RESOLVE);
        return item;
    }

    private AttentionItem webhook(SmartpayWebhookEvent event, Map<String, Date> resolved) {
        if (event.getStatus() != WebhookEventStatus.DEAD
                || resolvedAfter(resolved, AttentionItem.keyOf(Source.WEBHOOK, event.getId()), event.getUpdatedAt())) {
            return null;
        }
        AttentionItem item = new AttentionItem(Source.WEBHOOK, event.getId(), event.getVersion(), "WEBHOOK",
                "smartpay.attention.kind.WEBHOOK", "smartpay.attention.webhook", journal.orderIdOfSmartpayOrder(event.getSmartpayOrderId()),
                event.getSmartpayOrderId(),
                event.getEventType() + " " + event.getEventId() + ": " + event.getLastError(), 0, event.getAttempts(),
                event.getUpdatedAt(), "error");
        item.offer(Action.REPROCESS);
        item.offer(Action.RESOLVE);
        return item;
    }

    /**
     * The order's amounts where they decide what to do (an expiring authorization, a capture), and the actions the
     * admin may take: money actions need the Smartpay money permissions, Capture now something left to capture.
     */
    private void completeForPage(AttentionItem item, AdminPermissions permissions) {
        boolean moneyMatters = item.offers(Action.CAPTURE) || "smartpay.admin.kind.CAPTURE".equals(item.getSubject());
        SmartpayOrderPanel panel = moneyMatters && item.getOrderId() != null
                ? panels.panel(item.getOrderId(), permissions, false) : null;
        if (panel != null) {
            item.amounts(panel);
        }
        List<Action> allowed = new ArrayList<Action>();
        for (Action action : item.getActions()) {
            if (allowed(item, action, permissions, panel)) {
                allowed.add(action);
            }
        }
        item.restrictTo(allowed);
    }

    private static boolean allowed(AttentionItem item, Action action, AdminPermissions permissions, SmartpayOrderPanel panel) {
        switch (action) {
            case RETRY:
                return permissions.mayRetry(item.getSubject().substring("smartpay.admin.kind.".length()));
            case CAPTURE:
                return permissions.mayCaptureAndCancel() && panel != null && panel.isCapturePossible();
            case RELEASE:
                return permissions.mayCaptureAndCancel() && panel != null && panel.getUncaptured() > 0 && panel.isCancelPossible();
            default:
                return true; // reprocess and resolve: the section's own permission, checked by the controller
        }
    }
}
