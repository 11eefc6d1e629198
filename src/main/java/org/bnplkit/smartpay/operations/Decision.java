package org.bnplkit.smartpay.operations;

import java.util.Collections;
import java.util.List;

import org.bnplkit.smartpay.journal.SmartpayOperation;

/** What a decision concluded: rows to insert, nothing to do, or the row that already exists. */
final class Decision {
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

    static Decision insert(SmartpayOperation row) {
        return insert(Collections.singletonList(row));
    }

    static Decision nothing(OperationOutcome outcome) {
        return new Decision(null, outcome, null);
    }

    static Decision existing(SmartpayOperation row) {
        return new Decision(null, null, row);
    }
}
