package org.bnplkit.smartpay.admin;

import java.util.Collection;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The Smartpay permissions of the admin user making the current request, read from Spring Security's authorities
 * (Broadleaf turns every permission of the user's roles into one; see load_smartpay_admin_security.sql).
 */
public final class AdminPermissions {

    /** Friendly permission "Smartpay: refund". */
    public static final String REFUND = "PERMISSION_SMARTPAY_REFUND";
    /** Friendly permission "Smartpay: capture and cancel". */
    public static final String CAPTURE_AND_CANCEL = "PERMISSION_SMARTPAY_CAPTURE_CANCEL";

    public static final AdminPermissions NONE = new AdminPermissions(false, false);

    private final boolean refund;
    private final boolean captureAndCancel;

    public AdminPermissions(boolean refund, boolean captureAndCancel) {
        this.refund = refund;
        this.captureAndCancel = captureAndCancel;
    }

    /** The permissions of the user authenticated on this thread (none when nobody is). */
    public static AdminPermissions ofCurrentUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return NONE;
        }
        return of(authentication.getAuthorities());
    }

    public static AdminPermissions of(Collection<? extends GrantedAuthority> authorities) {
        boolean refund = false;
        boolean captureAndCancel = false;
        if (authorities != null) {
            for (GrantedAuthority authority : authorities) {
                String name = authority.getAuthority();
                refund |= REFUND.equals(name);
                captureAndCancel |= CAPTURE_AND_CANCEL.equals(name);
            }
        }
        return new AdminPermissions(refund, captureAndCancel);
    }

    public boolean mayRefund() {
        return refund;
    }

    public boolean mayCaptureAndCancel() {
        return captureAndCancel;
    }

    /** Whether the user may send this kind of journal operation again (refund slices need the refund permission). */
    public boolean mayRetry(String operationKind) {
        if (operationKind == null) {
            return false;
        }
        return operationKind.startsWith("REFUND") ? refund : captureAndCancel;
    }

    @Override
    public String toString() {
        return "AdminPermissions[refund=" + refund + ", captureAndCancel=" + captureAndCancel + "]";
    }
}
