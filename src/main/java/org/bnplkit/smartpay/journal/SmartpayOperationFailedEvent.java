package org.bnplkit.smartpay.journal;

/** A journaled operation became FAILED: Smartpay (or the module's own check) refused it; Retry once the cause is fixed. */
public class SmartpayOperationFailedEvent extends SmartpayOperationEvent {

    private static final long serialVersionUID = 1L;

    public SmartpayOperationFailedEvent(Object source, SmartpayOperation row) {
        super(source, row);
    }

    @Override
    public OperationStatus getStatus() {
        return OperationStatus.FAILED;
    }
}
