package org.bnplkit.smartpay.journal;

/** A journaled operation became DEAD: every attempt failed (Smartpay unreachable or erring); a person decides. */
public class SmartpayOperationDeadEvent extends SmartpayOperationEvent {

    private static final long serialVersionUID = 1L;

    public SmartpayOperationDeadEvent(Object source, SmartpayOperation row) {
        super(source, row);
    }

    @Override
    public OperationStatus getStatus() {
        return OperationStatus.DEAD;
    }
}
