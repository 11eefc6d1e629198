package org.bnplkit.smartpay.operations;

import java.util.List;

import org.bnplkit.smartpay.journal.SmartpayOperation;

/** What an operation reads before it decides: the order's Smartpay snapshot and its journal rows. */
final class Prepared {
    final PaidOrder order;
    final List<SmartpayOperation> rows;

    Prepared(PaidOrder order, List<SmartpayOperation> rows) {
        this.order = order;
        this.rows = rows;
    }
}
