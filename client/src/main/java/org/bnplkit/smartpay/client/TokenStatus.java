package org.bnplkit.smartpay.client;

/** Smartpay payment token status values ({@link Token#status()} is a String so unknown future values still parse). */
public final class TokenStatus {
    public static final String REQUIRES_AUTHORIZATION = "requires_authorization";
    public static final String ACTIVE = "active";
    public static final String REJECTED = "rejected";
    public static final String DISABLED = "disabled";
    public static final String DELETED = "deleted";

    private TokenStatus() {
    }
}
