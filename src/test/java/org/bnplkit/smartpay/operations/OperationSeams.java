package org.bnplkit.smartpay.operations;

/**
 * The operations' test seams for suites outside this package (the model-based test): a node that dies between
 * Smartpay's answer and recording it. The seam itself is package-private in {@link SmartpayOrderOperationsImpl}.
 */
public final class OperationSeams {

    private OperationSeams() {
    }

    /**
     * The next operation that gets Smartpay's answer on this node dies there (an Error, as a killed JVM would stop):
     * the money moved at Smartpay, the journal row stays PENDING under this node's lease, nothing is recorded.
     * Once only; {@link #clear} disarms it.
     */
    public static void crashOnceAfterSmartpayAnswer(SmartpayOrderOperations operations) {
        SmartpayOrderOperationsImpl impl = (SmartpayOrderOperationsImpl) operations;
        java.util.concurrent.atomic.AtomicBoolean fired = new java.util.concurrent.atomic.AtomicBoolean();
        impl.afterSmartpayAnswer(() -> {
            if (fired.compareAndSet(false, true)) {
                throw new NodeCrash();
            }
        });
    }

    public static void clear(SmartpayOrderOperations operations) {
        ((SmartpayOrderOperationsImpl) operations).afterSmartpayAnswer(null);
    }

    /** What a simulated crash throws: not a RuntimeException, so nothing on the way settles the row. */
    public static final class NodeCrash extends Error {
        private static final long serialVersionUID = 1L;

        NodeCrash() {
            super("simulated node crash after Smartpay's answer");
        }
    }
}
