package org.bnplkit.smartpay.sandbox;

import java.util.concurrent.ThreadLocalRandom;

/** Ids in Smartpay's shape: {@code <prefix>_test_<22 base62>} or {@code <prefix>_live_<22 base62>}. */
final class SmartpayIds {

    private static final int RANDOM_CHARS = 22;

    private SmartpayIds() {
    }

    static String next(String prefix, boolean test) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder id = new StringBuilder(prefix.length() + 6 + RANDOM_CHARS);
        id.append(prefix).append(test ? "_test_" : "_live_");
        for (int i = 0; i < RANDOM_CHARS; i++) {
            id.append(SmartpayBase62.ALPHABET.charAt(random.nextInt(62)));
        }
        return id.toString();
    }
}
