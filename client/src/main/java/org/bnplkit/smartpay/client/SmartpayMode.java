package org.bnplkit.smartpay.client;

/** Test or live mode, decided by the secret key's prefix ({@code sk_test_} / {@code sk_live_}). */
public enum SmartpayMode {
    TEST,
    LIVE
}
