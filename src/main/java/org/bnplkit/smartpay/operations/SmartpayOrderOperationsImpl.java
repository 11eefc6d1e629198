package org.bnplkit.smartpay.operations;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import javax.annotation.PreDestroy;
import javax.annotation.Resource;

import org.bnplkit.smartpay.client.CancelRemainder;
import org.bnplkit.smartpay.client.Expand;
import org.bnplkit.smartpay.client.Expandable;
import org.bnplkit.smartpay.client.Order;
import org.bnplkit.smartpay.client.OrderStatus;
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
import org.bnplkit.smartpay.journal.OperationJournal;
import org.bnplkit.smartpay.journal.OperationKind;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.OwnPersistenceContext;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.money.CaptureBalance;
import org.bnplkit.smartpay.money.FulfillmentShares;
import org.bnplkit.smartpay.money.ItemRefunds;
import org.bnplkit.smartpay.money.OverRefundException;
import org.bnplkit.smartpay.money.RefundAllocation;
import org.bnplkit.smartpay.money.RefundSlice;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The operations: journal first, Smartpay second (outside any transaction), Broadleaf transaction and journal
 * status last (one transaction). See {@link SmartpayOrderOperations} for the contract and docs/lifecycle.md for
 * every edge case.
 *
 * <p>Who works on a row: the node that inserted it (its claim is set on insert, for one lease), or the node
 * whose conditional UPDATE claimed it after the lease ran out ({@link #sendDueOperations}). Recording is guarded
 * by the row's version, so even two nodes that both received Smartpay's (replayed) answer record it once.
 */
@Service("blSmartpayOrderOperations")
public class SmartpayOrderOperationsImpl implements SmartpayOrderOperations {

    private static final Logger LOG = LoggerFactory.getLogger(SmartpayOrderOperationsImpl.class);

    /** Metadata key on Smartpay payments and refunds: finds what a crashed node sent. */
    static final String METADATA_OPERATION_KEY = SmartpayFields.OPERATION_KEY;
    static final int MAX_REQUEST_ID_LENGTH = 120;

    @Resource(name = "blSmartpayOperationJournal")
    protected OperationJournal journal;

    @Resource(name = "blSmartpayPaymentLedger")
    protected SmartpayPaymentLedger ledger;

    @Resource(name = "blSmartpayClientProvider")
    protected SmartpayClientProvider clientProvider;

    @Resource(name = "blSmartpayOperationsSettings")
    protected SmartpayOperationsSettings settings;

    /** Public methods run their transactions on persistence contexts of their own, whatever the caller has bound. */
    @Resource(name = "blSmartpayOwnPersistenceContext")
    protected OwnPersistenceContext persistenceContexts;

    private volatile Clock clock = Clock.systemUTC();
    /** Test seam: runs between Smartpay's answer and recording it (a crash there is what the worker recovers). */
    volatile Runnable afterSmartpayAnswer;
    /** Test seam: runs in the decide transaction between reading the order and reading its journal rows. */
    volatile Runnable afterOrderRead;
    private final String defaultNodeId = defaultNodeId();
    private final ThreadPoolExecutor background = newBackgroundExecutor();

    // ---- captures -----------------------------------------------------------------------------------------------

    @Override
    public OperationOutcome capture(final long fulfillmentGroupId, Send send) {
        return persistenceContexts.run(() -> {
            final String key = OperationKeys.captureGroup(fulfillmentGroupId);
            return decideAndInsert(key, fulfillmentGroupId, null, false, send, false, prepared -> {
                PaidOrder order = prepared.order;
                if (order.automaticCapture) {
                    return Decision.nothing(OperationOutcome.nothingToDo("captured in full at checkout (automatic capture)"));
                }
                List<SmartpayOperation> rows = prepared.rows;
                if (cancelOf(rows) != null) {
                    return Decision.nothing(OperationOutcome.nothingToDo("order " + order.orderId
                            + " was cancelled: nothing is captured any more"));
                }
                long remaining = order.authorized - capturedOrInFlight(order, rows);
                if (remaining <= 0) {
                    return Decision.nothing(OperationOutcome.nothingToDo("nothing left to capture on order " + order.orderId));
                }
                List<Long> gross = new ArrayList<>();
                int index = -1;
                boolean otherGroupStillToCapture = false;
                for (int i = 0; i < order.groups.size(); i++) {
                    PaidOrder.Group g = order.groups.get(i);
                    gross.add(g.gross);
                    if (g.id == fulfillmentGroupId) {
                        index = i;
                    } else if (!hasLiveRow(rows, OperationKeys.captureGroup(g.id))) {
                        otherGroupStillToCapture = true;
                    }
                }
                if (index < 0) {
                    throw new SmartpayOperationException("Fulfillment group " + fulfillmentGroupId + " is not on order " + order.orderId);
                }
                long share = FulfillmentShares.allocate(order.authorized, gross).get(index);
                // the last group to be captured takes the residual, so the captures add up to the authorization
                long amount = otherGroupStillToCapture ? Math.min(share, remaining) : remaining;
                if (amount <= 0) {
                    return Decision.nothing(OperationOutcome.nothingToDo("fulfillment group " + fulfillmentGroupId + " has a share of 0"));
                }
                SmartpayOperation row = newRow(key, OperationKind.CAPTURE, order, amount);
                row.setFulfillmentGroupId(fulfillmentGroupId);
                row.setParentTransactionId(order.authorizeTransactionId);
                row.setCancelRemainder(CANCEL_REMAINDER);
                row.setDescription("Shipment " + fulfillmentGroupId);
                return Decision.insert(Collections.singletonList(row));
            });
        });
    }

    @Override
    public OperationOutcome capture(long orderId, long amount) {
        return persistenceContexts.run(() -> {
            return captureAmount(orderId, amount, null);
        });
    }

    @Override
    public OperationOutcome capture(long orderId, long amount, String requestId) {
        return persistenceContexts.run(() -> {
            if (requestId == null || requestId.trim().isEmpty() || requestId.length() > MAX_REQUEST_ID_LENGTH) {
                throw new SmartpayOperationException("A capture request needs a request id of 1 to " + MAX_REQUEST_ID_LENGTH
                        + " characters (the caller's id of this capture: it makes the capture happen once)");
            }
            return captureAmount(orderId, amount, OperationKeys.captureRequest(requestId));
        });
    }

    @Override
    public OperationOutcome refundCapture(final long orderId, final String smartpayPaymentId, final long amount,
            final RefundReason reason, final String description, final String requestId) {
        return persistenceContexts.run(() -> {
            SmartpayOperation existing = existingRequest(orderId, requestId);
            if (existing != null) {
                return outcome(existing, false);
            }
            if (amount <= 0) {
                throw new SmartpayOperationException("A refund must be a positive amount of yen, not " + amount);
            }
            return decideAndInsert(OperationKeys.refundRequest(requestId), null, orderId, true, Send.NOW, true, prepared -> {
                PaidOrder.Capture capture = smartpayPaymentId == null ? null : prepared.order.captureByPaymentId(smartpayPaymentId);
                if (capture == null) {
                    throw new SmartpayOperationException("Smartpay payment " + smartpayPaymentId
                            + " is not a recorded capture of order " + orderId);
                }
                return Decision.insert(prepareRefund(prepared.order.withOnlyCapture(capture), prepared.rows, amount,
                        reason == null ? RefundReason.REQUESTED_BY_CUSTOMER : reason, description, requestId, null));
            });
        });
    }

    /**
     * An explicit capture: refused beyond what is still authorized. {@code requestKey} null: the order's next
     * {@code capture:order:<id>:<n>}.
     */
    private OperationOutcome captureAmount(final long orderId, final long amount, final String requestKey) {
        return decideAndInsert(requestKey, null, orderId, false, Send.NOW, true, prepared -> {
            PaidOrder order = prepared.order;
            if (order.automaticCapture) {
                throw new SmartpayOperationException("Order " + orderId + " was captured in full at checkout (automatic capture)");
            }
            List<SmartpayOperation> rows = prepared.rows;
            if (cancelOf(rows) != null) {
                throw new SmartpayOperationException("Order " + orderId + " was cancelled: nothing can be captured");
            }
            long remaining = order.authorized - capturedOrInFlight(order, rows);
            if (amount <= 0 || amount > remaining) {
                throw new SmartpayOperationException("Cannot capture " + amount + " " + order.currency + " on order " + orderId
                        + ": " + remaining + " " + order.currency + " is still authorized");
            }
            int n = 1;
            for (SmartpayOperation r : rows) {
                if (r.getOperationKey().startsWith(OperationKeys.captureOrderPrefix(orderId))) {
                    n++;
                }
            }
            SmartpayOperation row = newRow(requestKey != null ? requestKey : OperationKeys.captureOrder(orderId, n),
                    OperationKind.CAPTURE, order, amount);
            row.setParentTransactionId(order.authorizeTransactionId);
            row.setCancelRemainder(CANCEL_REMAINDER);
            return Decision.insert(Collections.singletonList(row));
        });
    }

    /**
     * Always "manual" (Smartpay's default "automatic" would cancel what stays authorized). Even the capture that
     * takes exactly what remains is sent as "manual": Smartpay closes the order as succeeded once nothing remains
     * either way, and "automatic" would be unsafe while another capture of the same order is still in flight
     * (reaching Smartpay first, it would cancel that capture's part of the authorization).
     */
    private static final String CANCEL_REMAINDER = CancelRemainder.MANUAL.wireValue();

    // ---- cancel ---------------------------------------------------------------------------------------------------

    @Override
    public OperationOutcome cancel(final long orderId, Send send) {
        return persistenceContexts.run(() -> {
            final String key = OperationKeys.cancelOrder(orderId);
            return decideAndInsert(key, null, orderId, false, send, false, prepared -> {
                PaidOrder order = prepared.order;
                SmartpayOperation row = newRow(key, OperationKind.CANCEL, order,
                        Math.max(0, order.authorized - order.capturedRecorded()));
                row.setParentTransactionId(order.authorizeTransactionId);
                row.setDescription("Order cancelled");
                return Decision.insert(Collections.singletonList(row));
            });
        });
    }

    // ---- refunds --------------------------------------------------------------------------------------------------

    @Override
    public OperationOutcome refund(long orderId, long amount, RefundReason reason, String description, String requestId) {
        return persistenceContexts.run(() -> {
            return refund(orderId, amount, reason, description, requestId, null, Send.NOW);
        });
    }

    @Override
    public OperationOutcome refundItems(long orderId, Map<Long, Integer> quantities, RefundReason reason,
            String description, String requestId) {
        return persistenceContexts.run(() -> {
            return refundItems(orderId, quantities, reason, description, requestId, Send.NOW);
        });
    }

    private OperationOutcome refundItems(long orderId, Map<Long, Integer> quantities, RefundReason reason,
            String description, String requestId, Send send) {
        SmartpayOperation existing = existingRequest(orderId, requestId);
        if (existing != null) {
            return outcome(existing, false);
        }
        if (quantities == null || quantities.isEmpty()) {
            throw new SmartpayOperationException("No items to refund");
        }
        PaidOrder order = ledger.load(orderId);
        Map<Long, Integer> alreadyReturned = returnedQuantities(journal.findByOrder(orderId));
        long amount = 0;
        StringBuilder items = new StringBuilder();
        for (Map.Entry<Long, Integer> e : new TreeMap<>(quantities).entrySet()) {
            PaidOrder.Line line = order.lines.get(e.getKey());
            if (line == null) {
                throw new SmartpayOperationException("Order item " + e.getKey() + " is not on order " + orderId);
            }
            int returned = alreadyReturned.getOrDefault(e.getKey(), 0);
            int quantity = e.getValue() == null ? 0 : e.getValue();
            if (quantity <= 0 || returned + quantity > line.quantity) {
                throw new SmartpayOperationException("Cannot return " + quantity + " of order item " + e.getKey() + ": "
                        + line.quantity + " bought, " + returned + " already returned");
            }
            amount += ItemRefunds.amountFor(line.netPaid, line.quantity, returned, quantity);
            items.append(items.length() == 0 ? "" : ",").append(e.getKey()).append(':').append(quantity);
        }
        return refund(orderId, amount, reason, description, requestId, items.toString(), send);
    }

    private OperationOutcome refund(long orderId, long amount, RefundReason reason, String description,
            String requestId, String itemQuantities, Send send) {
        SmartpayOperation existing = existingRequest(orderId, requestId);
        if (existing != null) {
            return outcome(existing, false);
        }
        if (amount <= 0) {
            throw new SmartpayOperationException("A refund must be a positive amount of yen, not " + amount);
        }
        final RefundReason why = reason == null ? RefundReason.REQUESTED_BY_CUSTOMER : reason;
        return decideAndInsert(OperationKeys.refundRequest(requestId), null, orderId, true, send, true,
                prepared -> Decision.insert(prepareRefund(prepared.order, prepared.rows, amount, why, description,
                        requestId, itemQuantities)));
    }

    /**
     * Splits a refund over the order's captures, newest first, each within what it still has (recorded refunds
     * and refunds still in flight both count), and builds the request row plus one row per slice. Throws
     * OverRefundException (nothing journaled) when the order does not have that much left.
     */
    private List<SmartpayOperation> prepareRefund(PaidOrder order, List<SmartpayOperation> rows, long amount,
            RefundReason reason, String description, String requestId, String itemQuantities) {
        // a refund counts against its capture until the order read shows its transaction: still in flight, or
        // settled after the order was read (its transaction then missing from order.captures' refunded sums)
        Map<String, Long> inFlight = new HashMap<>();
        for (SmartpayOperation r : rows) {
            boolean notYetInOrder = !r.getStatus().isFinal() || (r.getStatus() == OperationStatus.SUCCEEDED
                    && !order.refundTransactionIds.contains(r.getPaymentTransactionId()));
            if (r.getKind() == OperationKind.REFUND && notYetInOrder) {
                inFlight.merge(r.getSmartpayPaymentId(), r.getAmount(), Long::sum);
            }
        }
        List<CaptureBalance> balances = new ArrayList<>();
        for (PaidOrder.Capture c : order.captures) {
            balances.add(CaptureBalance.of(c.smartpayPaymentId, c.amount,
                    Math.min(c.amount, c.refunded + inFlight.getOrDefault(c.smartpayPaymentId, 0L)), c.transactionId));
        }
        List<RefundSlice> slices = RefundAllocation.allocate(amount, balances);

        SmartpayOperation request = newRow(OperationKeys.refundRequest(requestId), OperationKind.REFUND_REQUEST, order, amount);
        request.setStatus(OperationStatus.SUCCEEDED); // nothing of its own to send: its slices carry the status
        request.setClaimedBy(null);
        request.setClaimedUntil(null);
        request.setRefundReason(reason.wireValue());
        request.setDescription(truncate(description, 255));
        request.setItemQuantities(itemQuantities);
        List<SmartpayOperation> all = new ArrayList<>();
        all.add(request);
        for (RefundSlice slice : slices) {
            PaidOrder.Capture capture = order.captureByPaymentId(slice.captureId());
            SmartpayOperation row = newRow(OperationKeys.refundSlice(requestId, slice.captureId()), OperationKind.REFUND,
                    order, slice.amount());
            row.setParentKey(request.getOperationKey());
            row.setSmartpayPaymentId(slice.captureId());
            row.setParentTransactionId(capture.transactionId);
            row.setRefundReason(reason.wireValue());
            row.setDescription(truncate(description, 80));
            all.add(row);
        }
        return all;
    }

    private SmartpayOperation existingRequest(long orderId, String requestId) {
        if (requestId == null || requestId.trim().isEmpty() || requestId.length() > MAX_REQUEST_ID_LENGTH) {
            throw new SmartpayOperationException("A refund needs a request id of 1 to " + MAX_REQUEST_ID_LENGTH
                    + " characters (the caller's id of this refund: it makes the refund happen once)");
        }
        SmartpayOperation existing = journal.find(OperationKeys.refundRequest(requestId));
        if (existing != null && existing.getOrderId() != orderId) {
            throw new SmartpayOperationException("Refund request id '" + requestId + "' was already used for order "
                    + existing.getOrderId());
        }
        return existing;
    }

    private static Map<Long, Integer> returnedQuantities(List<SmartpayOperation> rows) {
        Map<Long, Integer> returned = new HashMap<>();
        for (SmartpayOperation r : rows) {
            if (r.getKind() == OperationKind.REFUND_REQUEST && r.getItemQuantities() != null) {
                for (String pair : r.getItemQuantities().split(",")) {
                    String[] kv = pair.split(":");
                    returned.merge(Long.valueOf(kv[0]), Integer.valueOf(kv[1]), Integer::sum);
                }
            }
        }
        return returned;
    }

    @Override
    public OperationOutcome refundReturnedGroup(long fulfillmentGroupId, Send send) {
        return persistenceContexts.run(() -> {
            long orderId = ledger.orderIdOfGroup(fulfillmentGroupId);
            String requestId = OperationKeys.groupReturnRequestId(fulfillmentGroupId);
            SmartpayOperation existing = existingRequest(orderId, requestId);
            if (existing != null) {
                return outcome(existing, false);
            }
            PaidOrder order = ledger.load(orderId);
            PaidOrder.Group group = order.group(fulfillmentGroupId);
            long captured;
            if (order.automaticCapture) {
                List<Long> gross = new ArrayList<>();
                for (PaidOrder.Group g : order.groups) {
                    gross.add(g.gross);
                }
                captured = FulfillmentShares.allocate(order.authorized, gross).get(order.groups.indexOf(group));
            } else {
                SmartpayOperation capture = journal.find(OperationKeys.captureGroup(fulfillmentGroupId));
                if (capture == null || capture.getStatus() != OperationStatus.SUCCEEDED) {
                    return OperationOutcome.nothingToDo("fulfillment group " + fulfillmentGroupId
                            + " has no completed capture: nothing to refund" + (capture == null ? "" : " (capture is " + capture.getStatus() + ")"));
                }
                captured = capture.getAmount();
            }
            long itemsRefunded = 0;
            for (PaidOrder.GroupItem item : group.items) {
                SmartpayOperation itemRequest = journal.find(OperationKeys.refundRequest(OperationKeys.itemReturnRequestId(item.id)));
                if (itemRequest != null) {
                    itemsRefunded += itemRequest.getAmount();
                }
            }
            long amount = captured - itemsRefunded;
            if (amount <= 0) {
                return OperationOutcome.nothingToDo("fulfillment group " + fulfillmentGroupId + " was already refunded item by item");
            }
            return refund(orderId, amount, RefundReason.REQUESTED_BY_CUSTOMER, "Returned shipment " + fulfillmentGroupId,
                    requestId, null, send);
        });
    }

    @Override
    public List<OperationOutcome> refundReturnedItems(long fulfillmentGroupId, Send send) {
        return persistenceContexts.run(() -> {
            long orderId = ledger.orderIdOfGroup(fulfillmentGroupId);
            PaidOrder order = ledger.load(orderId);
            List<OperationOutcome> out = new ArrayList<>();
            for (PaidOrder.GroupItem item : order.group(fulfillmentGroupId).items) {
                if (!"RETURNED".equals(item.status)) {
                    continue;
                }
                Map<Long, Integer> quantities = new LinkedHashMap<>();
                quantities.put(item.orderItemId, item.quantity);
                out.add(refundItems(orderId, quantities, RefundReason.REQUESTED_BY_CUSTOMER,
                        "Returned item " + item.id + " of shipment " + fulfillmentGroupId,
                        OperationKeys.itemReturnRequestId(item.id), send));
            }
            return out;
        });
    }

    // ---- reading and retrying -----------------------------------------------------------------------------------

    @Override
    public long refundOnCancel(final long orderId) {
        return persistenceContexts.run(() -> {
            PaidOrder order = ledger.load(orderId);
            if (journal.find(OperationKeys.cancelOrder(orderId)) != null
                    || !(order.automaticCapture || settings.refundCapturedOnCancel())) {
                return 0L;
            }
            long refundable = 0;
            for (PaidOrder.Capture c : order.captures) {
                refundable += c.amount - c.refunded;
            }
            return refundable;
        });
    }

    @Override
    public String smartpayOrderId(final long orderId) {
        return persistenceContexts.run(() -> ledger.load(orderId).smartpayOrderId);
    }

    @Override
    public OperationOutcome find(String operationKey) {
        return persistenceContexts.run(() -> {
            SmartpayOperation row = journal.find(operationKey);
            return row == null ? null : outcome(row, false);
        });
    }

    @Override
    public List<OperationOutcome> history(long orderId) {
        return persistenceContexts.run(() -> {
            List<OperationOutcome> out = new ArrayList<>();
            for (SmartpayOperation row : journal.findByOrder(orderId)) {
                out.add(OperationOutcome.of(row, false));
            }
            return out;
        });
    }

    @Override
    public OperationOutcome retry(String operationKey) {
        return persistenceContexts.run(() -> {
            SmartpayOperation row = journal.find(operationKey);
            if (row == null) {
                throw new SmartpayOperationException("No Smartpay operation " + operationKey);
            }
            if (row.getStatus() == OperationStatus.SUCCEEDED || row.getKind() == OperationKind.REFUND_REQUEST) {
                return outcome(row, false);
            }
            row.setStatus(OperationStatus.RETRYING);
            row.setNextAttemptAt(now());
            if (row.getAttempts() >= settings.maxAttempts()) {
                row.setAttempts(settings.maxAttempts() - 1); // one more attempt; DEAD again if it fails
            }
            journal.save(row);
            SmartpayOperation claimed = claim(row.getId());
            if (claimed != null) {
                execute(claimed, true);
            }
            return outcome(journal.find(operationKey), false);
        });
    }

    @Override
    public int sendDueOperations(int max) {
        return persistenceContexts.run(() -> {
            int sent = 0;
            for (Long id : journal.findDueIds(now(), max)) {
                SmartpayOperation row = claim(id);
                if (row != null) {
                    execute(row, true);
                    sent++;
                }
            }
            return sent;
        });
    }

    private SmartpayOperation claim(Long id) {
        Date now = now();
        if (!journal.claim(id, nodeId(), now, new Date(now.getTime() + settings.leaseMs()))) {
            return null;
        }
        return journal.findById(id);
    }

    // ---- sending --------------------------------------------------------------------------------------------------

    /**
     * One read-write transaction reads what the operation needs ({@link Prepared}: the row already under
     * {@code key} if any, else the order's Smartpay snapshot and journal rows), lets {@code decide} compute the
     * rows, and commits them; then they are sent now or on the operations' threads. Reading and inserting in one
     * transaction saves a round of transaction overhead per operation; the unique key still decides races: the
     * loser's insert fails and it returns the winner's row. {@code decide} refuses a request by throwing
     * (nothing is written). {@code captureDetails}: load each capture's Smartpay payment id (refunds need them).
     * {@code multipart}: the outcome lists the parts (a refund request and its slices).
     */
    private OperationOutcome decideAndInsert(final String key, final Long fulfillmentGroupId, final Long orderId,
            final boolean captureDetails, Send send, boolean multipart, final Function<Prepared, Decision> decide) {
        final List<List<SmartpayOperation>> decided = new ArrayList<>(1);
        Decision decision;
        try {
            decision = journal.inNewTransaction(status -> {
                SmartpayOperation existing = key == null ? null : journal.findInCurrentTransaction(key);
                if (existing != null && orderId != null && existing.getOrderId() != orderId.longValue()) {
                    throw new SmartpayOperationException(existing.getOperationKey() + " was already used for order "
                            + existing.getOrderId());
                }
                if (existing != null) {
                    return Decision.existing(existing);
                }
                long id = orderId != null ? orderId : ledger.orderIdOfGroupInCurrentTransaction(fulfillmentGroupId);
                // the order first, its journal rows second: a settling operation commits its Broadleaf transaction
                // and its row's SUCCEEDED together, so a transaction seen in the order is also seen as journaled in
                // the rows read after it (read the other way round, it could be counted twice)
                PaidOrder order = ledger.loadInCurrentTransaction(id, captureDetails);
                Runnable seam = afterOrderRead;
                if (seam != null) {
                    seam.run();
                }
                Decision d = decide.apply(new Prepared(order, journal.findByOrderInCurrentTransaction(id)));
                if (d.rows != null) {
                    decided.add(d.rows);
                    journal.insertInCurrentTransaction(d.rows);
                }
                return d;
            });
        } catch (SmartpayOperationException | OverRefundException refused) {
            throw refused;
        } catch (RuntimeException e) {
            // another node (or thread) inserted the same key after our read: its row is the operation
            String guardKey = key != null ? key : decided.isEmpty() ? null : decided.get(0).get(0).getOperationKey();
            SmartpayOperation winner = guardKey == null ? null : journal.find(guardKey);
            if (winner == null) {
                throw e;
            }
            return outcome(winner, false);
        }
        if (decision.existing != null) {
            return outcome(decision.existing, false);
        }
        if (decision.rows == null) {
            return decision.nothing;
        }
        return send(decision.rows, send, multipart);
    }

    /** What {@code decide} concluded: rows to insert, nothing to do, or the row that already exists. */
    private static final class Decision {
        final List<SmartpayOperation> rows;
        final OperationOutcome nothing;
        final SmartpayOperation existing;

        private Decision(List<SmartpayOperation> rows, OperationOutcome nothing, SmartpayOperation existing) {
            this.rows = rows;
            this.nothing = nothing;
            this.existing = existing;
        }

        static Decision insert(List<SmartpayOperation> rows) {
            return new Decision(rows, null, null);
        }

        static Decision nothing(OperationOutcome outcome) {
            return new Decision(null, outcome, null);
        }

        static Decision existing(SmartpayOperation row) {
            return new Decision(null, null, row);
        }
    }

    /** Sends committed rows now or on the operations' threads (a refund request row has nothing of its own). */
    private OperationOutcome send(List<SmartpayOperation> rows, Send send, boolean multipart) {
        final List<SmartpayOperation> toSend = new ArrayList<>();
        for (SmartpayOperation row : rows) {
            if (row.getKind() != OperationKind.REFUND_REQUEST) {
                toSend.add(row);
            }
        }
        if (send == Send.IN_BACKGROUND) {
            background.execute(() -> {
                for (SmartpayOperation row : toSend) {
                    execute(row, false);
                }
            });
            return outcome(rows.get(0), true);
        }
        SmartpayOperation last = null;
        for (SmartpayOperation row : toSend) {
            last = execute(row, false);
        }
        if (!multipart && last != null) {
            return OperationOutcome.of(last, true); // the settled row itself: no need to read it again
        }
        return outcome(journal.find(rows.get(0).getOperationKey()), true);
    }

    /** What an operation reads before it decides: the order's Smartpay snapshot and its journal rows. */
    private static final class Prepared {
        final PaidOrder order;
        final List<SmartpayOperation> rows;

        Prepared(PaidOrder order, List<SmartpayOperation> rows) {
            this.order = order;
            this.rows = rows;
        }
    }

    /**
     * Sends one claimed row and settles it. {@code resumed}: the row may have been sent before (a retry, or a
     * PENDING row of a node that died), so first look for what Smartpay already has under its key.
     */
    SmartpayOperation execute(SmartpayOperation row, boolean resumed) {
        try {
            switch (row.getKind()) {
                case CAPTURE:
                    return executeCapture(row, resumed);
                case REFUND:
                    return executeRefund(row, resumed);
                case CANCEL:
                    return executeCancel(row);
                default:
                    return row;
            }
        } catch (SmartpayException e) {
            return settleFailure(row, e.isRetryable(), errorCode(e), e.getMessage());
        } catch (RuntimeException e) {
            // our side failed (database, configuration): counts as an attempt, retried after backoff
            LOG.warn("Smartpay operation {} could not be completed: {}", row.getOperationKey(), e.toString());
            try {
                return settleFailure(row, true, "local." + e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
            } catch (RuntimeException again) {
                LOG.warn("Smartpay operation {} left for the retry worker after the lease: {}", row.getOperationKey(), again.toString());
                return row;
            }
        }
    }

    private SmartpayOperation executeCapture(SmartpayOperation row, boolean resumed) {
        SmartpayClient client = clientProvider.client();
        Payment payment = resumed ? findSentPayment(client, row) : null;
        if (payment == null) {
            // a fresh row was checked against cancels when it was written (and a cancel waits for captures in
            // flight); a resumed one may have waited through a cancel
            if (resumed && cancelOf(journal.findByOrder(row.getOrderId())) != null) {
                return settleFailure(row, false, "order.cancelled",
                        "The order was cancelled before this capture was sent to Smartpay");
            }
            payment = client.createPayment(PaymentCreateParams.builder()
                    .order(row.getSmartpayOrderId())
                    .amount(row.getAmount())
                    .currency(row.getCurrency())
                    .cancelRemainder(CancelRemainder.fromWireValue(row.getCancelRemainder()))
                    .description(row.getDescription())
                    .metadata(operationMetadata(row))
                    .build(), RequestOptions.idempotencyKey(row.getOperationKey()));
        }
        row.setSmartpayPaymentId(payment.id());
        reachedSmartpayAnswer();
        Map<String, String> fields = fields(row);
        fields.put(SmartpayFields.PAYMENT_ID, payment.id());
        return settleSuccess(row, PaymentTransactionType.CAPTURE, row.getAmount(), fields);
    }

    private SmartpayOperation executeRefund(SmartpayOperation row, boolean resumed) {
        SmartpayClient client = clientProvider.client();
        Refund refund = resumed ? findSentRefund(client, row) : null;
        if (refund == null) {
            refund = client.createRefund(RefundCreateParams.builder()
                    .payment(row.getSmartpayPaymentId())
                    .amount(row.getAmount())
                    .currency(row.getCurrency())
                    .reason(reason(row.getRefundReason()))
                    .description(row.getDescription())
                    .metadata(operationMetadata(row))
                    .build(), RequestOptions.idempotencyKey(row.getOperationKey()));
        }
        row.setSmartpayRefundId(refund.id());
        reachedSmartpayAnswer();
        Map<String, String> fields = fields(row);
        fields.put(SmartpayFields.PAYMENT_ID, row.getSmartpayPaymentId());
        fields.put(SmartpayFields.REFUND_ID, refund.id());
        return settleSuccess(row, PaymentTransactionType.REFUND, row.getAmount(), fields);
    }

    /**
     * Cancel: waits for captures still in flight (so it knows what was captured), releases what is still
     * authorized, journals the refund of what was captured when configured (or when capture was automatic), then
     * marks itself SUCCEEDED with a REVERSE_AUTH for the released amount, and sends the refunds.
     */
    private SmartpayOperation executeCancel(SmartpayOperation row) {
        List<SmartpayOperation> rows = journal.findByOrder(row.getOrderId());
        for (SmartpayOperation r : rows) {
            if (r.getKind() == OperationKind.CAPTURE && !r.getStatus().isFinal()) {
                return postpone(row, "capture.in-flight", "Waiting for capture " + r.getOperationKey() + " to settle");
            }
        }
        SmartpayClient client = clientProvider.client();
        PaidOrder order = ledger.load(row.getOrderId());
        Order smartpayOrder = client.getOrder(row.getSmartpayOrderId(), Expand.NO);
        boolean cancelSent = false;
        if (OrderStatus.REQUIRES_CAPTURE.equals(smartpayOrder.status())) {
            smartpayOrder = client.cancelOrder(row.getSmartpayOrderId(), RequestOptions.idempotencyKey(row.getOperationKey()));
            cancelSent = true;
        }
        // a capture decided just before this cancel was journaled may have committed after the check above, and
        // reached Smartpay before the cancellation: look again once it has settled (this run changes nothing more)
        Set<Long> seen = new HashSet<>();
        for (SmartpayOperation r : rows) {
            seen.add(r.getId());
        }
        for (SmartpayOperation r : journal.findByOrder(row.getOrderId())) {
            if (r.getKind() == OperationKind.CAPTURE && !seen.contains(r.getId())) {
                return postpone(row, "capture.raced", "Capture " + r.getOperationKey()
                        + " was journaled while the order was being cancelled; looking again once it has settled");
            }
        }
        long released = OrderStatus.CANCELED.equals(smartpayOrder.status())
                ? Math.max(0, order.authorized - order.capturedRecorded())
                : OrderStatus.SUCCEEDED.equals(smartpayOrder.status()) ? releasedWithCaptures(client, row, cancelSent) : 0;

        List<SmartpayOperation> refundRows = Collections.emptyList();
        String requestId = OperationKeys.cancelRefundRequestId(row.getOrderId());
        long refundable = 0;
        for (PaidOrder.Capture c : order.captures) {
            refundable += c.amount - c.refunded;
        }
        if ((order.automaticCapture || settings.refundCapturedOnCancel()) && refundable > 0
                && journal.find(OperationKeys.refundRequest(requestId)) == null) {
            List<SmartpayOperation> prepared = prepareRefund(order, rows, refundable, RefundReason.REQUESTED_BY_CUSTOMER,
                    "Order cancelled", requestId, null);
            if (journal.insertIfAbsent(prepared).created()) {
                refundRows = prepared;
            }
        }
        Map<String, String> fields = fields(row);
        SmartpayOperation settled = released > 0
                ? settleSuccess(row, PaymentTransactionType.REVERSE_AUTH, released, fields)
                : settleSuccess(row, null, 0, fields);
        for (SmartpayOperation refundRow : refundRows) {
            if (refundRow.getKind() == OperationKind.REFUND) {
                execute(refundRow, false);
            }
        }
        return settled;
    }

    /**
     * What a cancellation released from an order that has captures: Smartpay answers it with {@code succeeded}, not
     * {@code canceled}, and the rest of the authorization is gone. A succeeded order this run found already closed
     * may have been closed by this cancel's earlier attempt (its answer lost), or by a capture that released the rest
     * (the order sync then records that under its own key): counted here only when nobody recorded it.
     */
    private long releasedWithCaptures(SmartpayClient client, SmartpayOperation row, boolean cancelSent) {
        if (!cancelSent && journal.find(SmartpayExternalChanges.releaseKey(row.getSmartpayOrderId())) != null) {
            return 0;
        }
        Order expanded = client.getOrder(row.getSmartpayOrderId(), Expand.ALL);
        long captured = 0;
        if (expanded.payments() != null) {
            for (Expandable<Payment> p : expanded.payments()) {
                captured += (p.isExpanded() ? p.expanded() : client.getPayment(p.id(), Expand.NO)).amount();
            }
        }
        return Math.max(0, expanded.amount() - captured);
    }

    /** A payment Smartpay already made under this row's key (found through its metadata), or null. */
    private Payment findSentPayment(SmartpayClient client, SmartpayOperation row) {
        Order order = client.getOrder(row.getSmartpayOrderId(), Expand.ALL);
        if (order.payments() == null) {
            return null;
        }
        for (Expandable<Payment> p : order.payments()) {
            Payment payment = p.isExpanded() ? p.expanded() : client.getPayment(p.id(), Expand.NO);
            if (payment != null && payment.metadata() != null
                    && row.getOperationKey().equals(payment.metadata().get(METADATA_OPERATION_KEY))) {
                return payment;
            }
        }
        return null;
    }

    private Refund findSentRefund(SmartpayClient client, SmartpayOperation row) {
        Payment payment = client.getPayment(row.getSmartpayPaymentId(), Expand.ALL);
        if (payment.refunds() == null) {
            return null;
        }
        for (Expandable<Refund> r : payment.refunds()) {
            Refund refund = r.isExpanded() ? r.expanded() : client.getRefund(r.id(), Expand.NO);
            if (refund != null && refund.metadata() != null
                    && row.getOperationKey().equals(refund.metadata().get(METADATA_OPERATION_KEY))) {
                return refund;
            }
        }
        return null;
    }

    /**
     * Records the Broadleaf transaction (none when {@code type} is null) and marks the row SUCCEEDED, in one
     * transaction. When the row changed since this node took it (another node claimed it after our lease ran
     * out, and is recording the same answer) nothing is recorded here.
     */
    private SmartpayOperation settleSuccess(final SmartpayOperation row, final PaymentTransactionType type,
            final long amount, final Map<String, String> fields) {
        Boolean settled;
        try {
            settled = journal.inNewTransaction(status -> {
                Long transactionId = type == null ? null : ledger.recordTransaction(row.getOrderPaymentId(),
                        row.getParentTransactionId(), type, amount, row.getCurrency(), fields);
                if (!journal.markSucceeded(row, transactionId, amount, now())) {
                    status.setRollbackOnly(); // the row moved on without us: record nothing
                    return Boolean.FALSE;
                }
                return Boolean.TRUE;
            });
        } catch (RuntimeException concurrentRecord) {
            SmartpayOperation now = journal.findById(row.getId());
            if (now != null && now.getStatus() == OperationStatus.SUCCEEDED) {
                return now; // another node recorded the same Smartpay answer first
            }
            throw concurrentRecord;
        }
        return Boolean.TRUE.equals(settled) ? row : journal.findById(row.getId());
    }

    private SmartpayOperation settleFailure(SmartpayOperation row, boolean retryable, String code, String message) {
        SmartpayOperation current = journal.findById(row.getId());
        if (current == null || current.getStatus() == OperationStatus.SUCCEEDED || current.getVersion() != row.getVersion()) {
            return current;
        }
        int attempts = current.getAttempts() + 1;
        Date now = now();
        if (!retryable) {
            current.setStatus(OperationStatus.FAILED);
            current.setNextAttemptAt(null);
        } else if (attempts >= settings.maxAttempts()) {
            current.setStatus(OperationStatus.DEAD);
            current.setNextAttemptAt(null);
        } else {
            current.setStatus(OperationStatus.RETRYING);
            current.setNextAttemptAt(new Date(now.getTime() + settings.backoffMs(attempts)));
        }
        current.setAttempts(attempts);
        current.setLastErrorCode(truncate(code, 64));
        current.setLastErrorMessage(message);
        current.setClaimedBy(null);
        current.setClaimedUntil(null);
        current.setUpdatedAt(now);
        SmartpayOperation saved = journal.save(current);
        LOG.warn("Smartpay operation {} {} after attempt {}: {}", saved.getOperationKey(), saved.getStatus(), attempts, message);
        return saved;
    }

    /** Not an attempt: try again soon without counting towards DEAD. */
    private SmartpayOperation postpone(SmartpayOperation row, String code, String message) {
        SmartpayOperation current = journal.findById(row.getId());
        current.setStatus(OperationStatus.RETRYING);
        current.setNextAttemptAt(new Date(now().getTime() + Math.min(settings.initialBackoffMs(), 5_000L)));
        current.setLastErrorCode(code);
        current.setLastErrorMessage(message);
        current.setClaimedBy(null);
        current.setClaimedUntil(null);
        current.setUpdatedAt(now());
        return journal.save(current);
    }

    private void reachedSmartpayAnswer() {
        Runnable hook = afterSmartpayAnswer;
        if (hook != null) {
            hook.run();
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private SmartpayOperation newRow(String key, OperationKind kind, PaidOrder order, long amount) {
        if (key.length() > SmartpayOperation.KEY_LENGTH) {
            throw new SmartpayOperationException("Operation key longer than " + SmartpayOperation.KEY_LENGTH + ": " + key);
        }
        Date now = now();
        SmartpayOperation row = new SmartpayOperation();
        row.setOperationKey(key);
        row.setKind(kind);
        row.setOrderId(order.orderId);
        row.setOrderPaymentId(order.orderPaymentId);
        row.setSmartpayOrderId(order.smartpayOrderId);
        row.setAmount(amount);
        row.setCurrency(order.currency);
        row.setStatus(OperationStatus.PENDING);
        row.setAttempts(0);
        // the inserting node owns the row for one lease; after that the worker may resume it
        row.setClaimedBy(nodeId());
        row.setClaimedUntil(new Date(now.getTime() + settings.leaseMs()));
        row.setCreatedAt(now);
        row.setUpdatedAt(now);
        return row;
    }

    /** Captured (recorded) plus captures journaled and not failed: what can no longer be captured. */
    private static long capturedOrInFlight(PaidOrder order, List<SmartpayOperation> rows) {
        long sum = 0;
        for (SmartpayOperation r : rows) {
            if (r.getKind() == OperationKind.CAPTURE && r.getStatus().isLive()) {
                sum += r.getAmount();
            }
        }
        Set<Long> journaledTransactions = new HashSet<>();
        for (SmartpayOperation r : rows) {
            if (r.getPaymentTransactionId() != null) {
                journaledTransactions.add(r.getPaymentTransactionId());
            }
        }
        for (PaidOrder.Capture c : order.captures) {
            if (!journaledTransactions.contains(c.transactionId)) {
                sum += c.amount; // made outside the journal (webhook import of a dashboard capture)
            }
        }
        return sum;
    }

    private static boolean hasLiveRow(List<SmartpayOperation> rows, String key) {
        for (SmartpayOperation r : rows) {
            if (r.getOperationKey().equals(key) && r.getStatus().isLive()) {
                return true;
            }
        }
        return false;
    }

    private static SmartpayOperation cancelOf(List<SmartpayOperation> rows) {
        for (SmartpayOperation r : rows) {
            if (r.getKind() == OperationKind.CANCEL && r.getStatus() != OperationStatus.FAILED) {
                return r;
            }
        }
        return null;
    }

    private OperationOutcome outcome(SmartpayOperation row, boolean created) {
        if (row.getKind() == OperationKind.REFUND_REQUEST) {
            List<OperationOutcome> parts = new ArrayList<>();
            for (SmartpayOperation slice : journal.findByParentKey(row.getOperationKey())) {
                parts.add(OperationOutcome.of(slice, created));
            }
            return OperationOutcome.of(row, created, parts);
        }
        if (row.getKind() == OperationKind.CANCEL) {
            SmartpayOperation refund = journal.find(OperationKeys.refundRequest(OperationKeys.cancelRefundRequestId(row.getOrderId())));
            if (refund != null) {
                return OperationOutcome.of(row, created, Collections.singletonList(outcome(refund, created)));
            }
        }
        return OperationOutcome.of(row, created);
    }

    private static Map<String, String> operationMetadata(SmartpayOperation row) {
        Map<String, String> metadata = new HashMap<>();
        metadata.put(METADATA_OPERATION_KEY, row.getOperationKey());
        metadata.put("broadleafOrderId", String.valueOf(row.getOrderId()));
        return metadata;
    }

    /**
     * The additional fields of a recorded transaction. Each is a CLOB row in Broadleaf, so only what is read
     * back: the Smartpay order (Broadleaf copies it into SPI requests made from this transaction) and the
     * journal key. Not the Idempotency-Key (Broadleaf would copy it into a child's request, which would then
     * reuse this operation's key) and not the mode (the authorization has it).
     */
    private static Map<String, String> fields(SmartpayOperation row) {
        Map<String, String> fields = new HashMap<>();
        fields.put(SmartpayFields.ORDER_ID, row.getSmartpayOrderId());
        fields.put(SmartpayFields.OPERATION_KEY, row.getOperationKey());
        return fields;
    }

    private static RefundReason reason(String wireValue) {
        for (RefundReason r : RefundReason.values()) {
            if (r.wireValue().equals(wireValue)) {
                return r;
            }
        }
        return RefundReason.REQUESTED_BY_CUSTOMER;
    }

    private static String errorCode(SmartpayException e) {
        if (e.errorCode() != null) {
            return e.errorCode();
        }
        return e.httpStatus() < 0 ? "connection" : "http." + e.httpStatus();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private Date now() {
        return new Date(clock.millis());
    }

    /** Tests move time (backoff, leases) with a fixed or offset clock. */
    public void setClock(Clock clock) {
        this.clock = clock;
    }

    public String nodeId() {
        String configured = settings.nodeId();
        return configured.isEmpty() ? defaultNodeId : configured;
    }

    /** Waits until background sends queued so far are done (tests, shutdown). */
    public boolean awaitBackground(long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            if (background.getActiveCount() == 0 && background.getQueue().isEmpty()) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    @PreDestroy
    public void shutdown() {
        background.shutdown();
    }

    private static String defaultNodeId() {
        return ManagementFactory.getRuntimeMXBean().getName() + "#" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static ThreadPoolExecutor newBackgroundExecutor() {
        final AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(4, 4, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<Runnable>(),
                r -> {
                    Thread t = new Thread(r, "smartpay-operations-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
