package org.bnplkit.smartpay.sandbox;

/**
 * What cancelling (or the expiry of) an order that has captures leaves. Smartpay's PHP SDK asserts
 * {@link #SUCCEEDED}, the default; {@link #CANCELED} lets a store's tests (and this project's) check that their
 * code also handles the other answer a payment API could give.
 */
public enum CapturedOrderCancellation {

    /** Status succeeded, the rest released, no event (default). */
    SUCCEEDED,

    /** Status canceled, the rest released, {@code order.canceled}. */
    CANCELED
}
