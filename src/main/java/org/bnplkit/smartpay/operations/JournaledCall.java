package org.bnplkit.smartpay.operations;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.bnplkit.smartpay.client.RequestOptions;
import org.bnplkit.smartpay.client.SmartpayException;
import org.bnplkit.smartpay.journal.DatabaseClock;
import org.bnplkit.smartpay.journal.InstallationIds;
import org.bnplkit.smartpay.journal.OperationJournal;
import org.bnplkit.smartpay.journal.OperationKind;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.SmartpayOperation;
import org.bnplkit.smartpay.money.OverRefundException;
import org.bnplkit.smartpay.operations.SmartpayOrderOperations.Send;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one journaled-call step every operation kind goes through: decide and journal in one transaction, send
 * outside any transaction (now or on the operations' threads), settle (Broadleaf transaction and row status in one
 * transaction) or record the failure ({@link RowSettlement}). The kinds ({@link CaptureOperation},
 * {@link RefundOperation}, {@link CancelOperation}) decide what to journal and how one row is sent; this class owns when and by whom.
 *
 * <p>Who works on a row: the node that inserted it (its claim is set on insert, for one lease), or the node whose
 * conditional UPDATE claimed it after the lease ran out. Recording is guarded by the row's version, so even two
 * nodes that both received Smartpay's (replayed) answer record it once.
 */
final class JournaledCall {

    private static final Logger LOG = LoggerFactory.getLogger(JournaledCall.class);

    /** How one kind of row is sent to Smartpay and settled. */
    interface Sender {
        /**
         * {@code resumed}: the row may have been sent before (a retry, or a PENDING row of a node that died), so
         * first look for what Smartpay already has under its key. Smartpay failures are thrown.
         */
        SmartpayOperation send(SmartpayOperation row, boolean resumed);
    }

    final OperationJournal journal;
    final SmartpayPaymentLedger ledger;
    final SmartpayOperationsSettings settings;
    private final Map<OperationKind, Sender> senders = new EnumMap<>(OperationKind.class);
    private final JournalClock clock;
    /** Test seam: runs between Smartpay's answer and recording it (a crash there is what the worker recovers). */
    volatile Runnable afterSmartpayAnswer;
    /** Test seam: runs in the decide transaction between reading the order and reading its journal rows. */
    volatile Runnable afterOrderRead;
    private final String defaultNodeId = defaultNodeId();
    private final BackgroundSends background = new BackgroundSends();
    /** How a sent row's answer is recorded (success, failure, postponement). */
    final RowSettlement settlement;

    private final InstallationIds installationIds;

    JournaledCall(OperationJournal journal, SmartpayPaymentLedger ledger, SmartpayOperationsSettings settings,
            InstallationIds installationIds, DatabaseClock databaseClock) {
        this.clock = new JournalClock(databaseClock);
        this.journal = journal;
        this.ledger = ledger;
        this.settings = settings;
        this.installationIds = installationIds;
        this.settlement = new RowSettlement(journal, ledger, settings, this::now);
    }

    /**
     * The Idempotency-Key a row is sent with: the installation id and the journal key. Journal keys name Broadleaf
     * ids, which repeat across stores sharing a Smartpay account; Smartpay would answer one store's capture with
     * another's within its 6-hour window.
     */
    RequestOptions idempotencyKey(SmartpayOperation row) {
        return RequestOptions.idempotencyKey(installationIds.id() + ":" + row.getOperationKey());
    }

    void register(OperationKind kind, Sender sender) {
        senders.put(kind, sender);
    }

    // ---- deciding ---------------------------------------------------------------------------------------------

    /**
     * One read-write transaction reads what the operation needs (the row already under the key if any, else the
     * order's Smartpay snapshot and journal rows), lets {@code decide} compute the rows, and commits them; then
     * they are sent now or on the operations' threads. The order's row is locked for the transaction, so two
     * operations of one order decide one after the other (each sees what the other journaled); the unique key
     * still decides races between nodes: the loser's insert fails and it returns the winner's row. {@code decide}
     * refuses a request by throwing (nothing is written).
     */
    OperationOutcome decideAndInsert(final OperationRequest request, final Function<Prepared, Decision> decide) {
        followDatabaseClock();
        final List<List<SmartpayOperation>> decided = new ArrayList<>(1);
        final long orderId = request.orderId != null ? request.orderId
                : ledger.orderIdOfGroup(request.fulfillmentGroupId);
        Decision decision;
        try {
            decision = journal.inNewTransaction(status -> {
                // the lock first: under REPEATABLE READ (MySQL/MariaDB) the transaction's snapshot is taken at its
                // first plain read, which must come after the lock to see what the previous decision committed
                ledger.lockOrderInCurrentTransaction(orderId);
                SmartpayOperation existing = request.key == null ? null : journal.findInCurrentTransaction(request.key);
                if (existing != null && request.orderId != null && existing.getOrderId() != request.orderId.longValue()) {
                    throw new SmartpayOperationException(existing.getOperationKey() + " was already used for order "
                            + existing.getOrderId());
                }
                if (existing != null) {
                    return Decision.existing(existing);
                }
                long id = orderId;
                // the order first, its journal rows second: a settling operation commits its Broadleaf transaction
                // and its row's SUCCEEDED together, so a transaction seen in the order is also seen as journaled in
                // the rows read after it (read the other way round, it could be counted twice)
                PaidOrder order = ledger.loadInCurrentTransaction(id, request.captureDetails);
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
            String guardKey = request.key != null ? request.key
                    : decided.isEmpty() ? null : decided.get(0).get(0).getOperationKey();
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
        return send(decision.rows, request.send, request.multipart);
    }

    /**
     * Runs {@code decide} on the order's snapshot and journal rows in one new transaction holding the order's lock
     * (see {@link #decideAndInsert}); what it writes commits with it.
     */
    <T> T underOrderLock(final long orderId, final boolean captureDetails, final Function<Prepared, T> decide) {
        return journal.inNewTransaction(status -> {
            ledger.lockOrderInCurrentTransaction(orderId);
            PaidOrder order = ledger.loadInCurrentTransaction(orderId, captureDetails);
            return decide.apply(new Prepared(order, journal.findByOrderInCurrentTransaction(orderId)));
        });
    }

    /** Sends committed rows now or on the operations' threads (a refund request row has nothing of its own). */
    OperationOutcome send(List<SmartpayOperation> rows, Send send, boolean multipart) {
        final List<SmartpayOperation> toSend = new ArrayList<>();
        for (SmartpayOperation row : rows) {
            if (row.getStatus() == OperationStatus.PENDING && senders.containsKey(row.getKind())) {
                toSend.add(row);
            }
        }
        if (send == Send.IN_BACKGROUND) {
            if (!background.offer(() -> {
                for (SmartpayOperation row : toSend) {
                    execute(row, false);
                }
            })) {
                // journaled and claimed for one lease: the retry worker sends it once the lease has run out
                LOG.warn("Smartpay operations queue is full ({}); {} is left for the retry worker",
                        BackgroundSends.QUEUE, rows.get(0).getOperationKey());
            }
            return outcome(rows.get(0), true);
        }
        SmartpayOperation last = null;
        for (SmartpayOperation row : toSend) {
            last = execute(row, false);
        }
        if (!multipart && last != null && rows.size() == 1) {
            return OperationOutcome.of(last, true); // the settled row itself: no need to read it again
        }
        return outcome(journal.find(rows.get(0).getOperationKey()), true);
    }

    // ---- sending and settling ---------------------------------------------------------------------------------

    /** Sends one claimed row and settles it; Smartpay's refusals and our own failures become the row's status. */
    SmartpayOperation execute(SmartpayOperation row, boolean resumed) {
        Sender sender = senders.get(row.getKind());
        if (sender == null) {
            return row;
        }
        if (!stillOurs(row)) {
            return journal.findById(row.getId()); // our lease ran out while we were held up: another node has it
        }
        try {
            return sender.send(row, resumed);
        } catch (SmartpayException e) {
            return settlement.failure(row, isRetryable(e), RowFields.errorCode(e), e.getMessage());
        } catch (RuntimeException e) {
            // our side failed (database, configuration): counts as an attempt, retried after backoff
            LOG.warn("Smartpay operation {} could not be completed: {}", row.getOperationKey(), e.toString());
            try {
                return settlement.failure(row, true, "local." + e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
            } catch (RuntimeException again) {
                LOG.warn("Smartpay operation {} left for the retry worker after the lease: {}", row.getOperationKey(), again.toString());
                return row;
            }
        }
    }

    /**
     * Whether this node may still send {@code row}. A row whose claim has more than half its lease left is ours
     * (another node takes it only after the lease, and nodes' clocks agree far better than that); past that — the
     * node was held up between claiming and sending — the database says.
     */
    private boolean stillOurs(SmartpayOperation row) {
        Date until = row.getClaimedUntil();
        if (until == null) {
            return true;
        }
        Date now = now();
        if (until.getTime() - now.getTime() > settings.leaseMs() / 2) {
            return true;
        }
        return journal.stillClaimed(row, nodeId(), now);
    }

    /** A key still in use at Smartpay means our first request is still running there: try again later. */
    static boolean isRetryable(SmartpayException e) {
        return e.isRetryable() || "idempotency-key.in-use".equals(e.errorCode());
    }

    /** Claims a row for this node by a conditional UPDATE; null when another node has it. */
    SmartpayOperation claim(Long id) {
        Date now = now();
        if (!journal.claim(id, nodeId(), now, new Date(now.getTime() + settings.leaseMs()))) {
            return null;
        }
        return journal.findById(id);
    }

    /**
     * Settles {@code row} from the order as it is now, under the order's lock: {@code decide} computes what to
     * record (it sees every transaction recorded before, e.g. a release imported from Smartpay), and the
     * transaction, the row's SUCCEEDED and the follow-up rows commit together. Returns the follow-ups to send
     * (empty when another node settled the row first).
     */
    List<SmartpayOperation> settleUnderLock(final SmartpayOperation row, final Function<Prepared, Settlement> decide) {
        return underOrderLock(row.getOrderId(), true, prepared -> {
            Settlement s = decide.apply(prepared);
            Long transactionId = s.type == null ? null : ledger.recordTransaction(row.getOrderPaymentId(),
                    row.getParentTransactionId(), s.type, s.amount, row.getCurrency(), RowFields.fields(row));
            if (!journal.markSucceeded(row, transactionId, s.amount, now())) {
                throw new RowMovedOn();
            }
            if (!s.followUps.isEmpty()) {
                journal.insertInCurrentTransaction(s.followUps);
            }
            return s.followUps;
        });
    }

    void reachedSmartpayAnswer() {
        Runnable hook = afterSmartpayAnswer;
        if (hook != null) {
            hook.run();
        }
    }

    // ---- rows and outcomes ------------------------------------------------------------------------------------

    SmartpayOperation newRow(String key, OperationKind kind, PaidOrder order, long amount) {
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

    OperationOutcome outcome(SmartpayOperation row, boolean created) {
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

    // ---- clock, node, threads ---------------------------------------------------------------------------------

    /** Now on the database's clock: see {@link JournalClock}. */
    Date now() {
        return clock.now();
    }

    void followDatabaseClock() {
        clock.followDatabase();
    }

    void setClock(Clock passingTime) {
        clock.setPassingTime(passingTime);
    }

    void setNodeClock(Clock nodeClock) {
        clock.setNodeClock(nodeClock);
    }

    String nodeId() {
        String configured = settings.nodeId();
        return configured.isEmpty() ? defaultNodeId : configured;
    }

    boolean awaitBackground(long timeoutMs) throws InterruptedException {
        return background.awaitIdle(timeoutMs);
    }

    void shutdown() {
        background.shutdown();
    }

    private static String defaultNodeId() {
        return ManagementFactory.getRuntimeMXBean().getName() + "#" + UUID.randomUUID().toString().substring(0, 8);
    }
}
