package org.bnplkit.smartpay.sandbox;

/** What every stored Smartpay object has. Mutable fields are guarded by the owning {@link Merchant}'s lock. */
abstract class StoredObject {

    final String id;
    final boolean test;
    final long createdAt;
    long updatedAt;

    StoredObject(String prefix, boolean test, long now) {
        this.id = SmartpayIds.next(prefix, test);
        this.test = test;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** False once deleted: deleted objects stay out of lists and answer 404. */
    boolean isVisible() {
        return true;
    }
}
