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
    /** Friendly permission "Smartpay: needs attention and health" (the admin menu's Smartpay section). */
    public static final String SECTION = "PERMISSION_SMARTPAY_SECTION";

    public static final AdminPermissions NONE = new AdminPermissions(false, false);

    private final boolean refund;
    private final boolean captureAndCancel;
    private final boolean section;

    public AdminPermissions(boolean refund, boolean captureAndCancel) {
        this(refund, captureAndCancel, false);
    }

    public AdminPermissions(boolean refund, boolean captureAndCancel, boolean section) {
        this.refund = refund;
        this.captureAndCancel = captureAndCancel;
        this.section = section;
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
        boolean section = false;
        if (authorities != null) {
            for (GrantedAuthority authority : authorities) {
                String name = authority.getAuthority();
                refund |= REFUND.equals(name);
                captureAndCancel |= CAPTURE_AND_CANCEL.equals(name);
                section |= SECTION.equals(name);
            }
        }
        return new AdminPermissions(refund, captureAndCancel, section);
    }

    public boolean mayRefund() {
        return refund;
    }

    public boolean mayCaptureAndCancel() {
        return captureAndCancel;
    }

    /** May open the Smartpay section (Needs attention, Health) and take its non-money actions. */
    public boolean mayUseSection() {
        return section;
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
        return "AdminPermissions[refund=" + refund + ", captureAndCancel=" + captureAndCancel + ", section=" + section + "]";
    }
}
