package org.bnplkit.smartpay.operations;

/** Rolls back a settlement: the row changed since this node took it (another node settles it). */
final class RowMovedOn extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RowMovedOn() {
        super("the journal row moved on without this node", null, false, false);
    }
}
