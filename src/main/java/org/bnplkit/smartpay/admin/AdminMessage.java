package org.bnplkit.smartpay.admin;

import java.util.Arrays;

/**
 * A message for the admin, as a key of SmartpayAdminMessages plus its arguments; the controller resolves it in the
 * admin's locale. Arguments are plain values (amounts already formatted); the templates escape the result.
 */
public final class AdminMessage {

    private final String key;
    private final Object[] args;

    private AdminMessage(String key, Object[] args) {
        this.key = key;
        this.args = args;
    }

    public static AdminMessage of(String key, Object... args) {
        return new AdminMessage(key, args == null ? new Object[0] : args.clone());
    }

    public String key() {
        return key;
    }

    public Object[] args() {
        return args.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AdminMessage)) {
            return false;
        }
        AdminMessage other = (AdminMessage) o;
        return key.equals(other.key) && Arrays.equals(args, other.args);
    }

    @Override
    public int hashCode() {
        return key.hashCode() * 31 + Arrays.hashCode(args);
    }

    @Override
    public String toString() {
        return args.length == 0 ? key : key + Arrays.toString(args);
    }
}
