package org.bnplkit.smartpay.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

import org.bnplkit.smartpay.admin.AdminRequestIds.Verdict;
import org.bnplkit.smartpay.config.SmartpaySettings;
import org.junit.jupiter.api.Test;

class AdminRequestIdsTest {

    private static final Instant NOW = Instant.parse("2026-04-01T03:00:00Z");
    /** The refund form's accepted characters and length (RefundRequestForm). */
    private static final Pattern FORM_FORMAT = Pattern.compile("[A-Za-z0-9:_-]{8,100}");

    private final FixedSettings settings = new FixedSettings();
    private final AdminRequestIds ids = ids(settings, "sk_test_installationA");

    @Test
    void anIssuedIdIsValidForItsOrderActionAndUserOnly() {
        String id = ids.issue(42, "capture", "alice");

        assertEquals(Verdict.VALID, ids.check(id, 42, "capture", "alice"));
        assertEquals(Verdict.NOT_ISSUED, ids.check(id, 43, "capture", "alice"), "another order");
        assertEquals(Verdict.NOT_ISSUED, ids.check(id, 42, "refund", "alice"), "another action");
        assertEquals(Verdict.NOT_ISSUED, ids.check(id, 42, "capture", "bob"), "another admin");
        assertTrue(FORM_FORMAT.matcher(id).matches(), id);
        assertFalse(id.contains(":"), "never shaped like one of the module's keys (cancel:order:…, return:fg:…)");
    }

    @Test
    void everyFormGetsItsOwnId() {
        assertNotEquals(ids.issue(42, "capture", "alice"), ids.issue(42, "capture", "alice"));
    }

    @Test
    void idsTheServerDidNotIssueAreRefused() {
        String id = ids.issue(42, "refund", "alice");
        char last = id.charAt(id.length() - 1);
        for (String forged : new String[] {null, "", "anything-goes-123", "cancel:order:42", "return:fg:7", "capture:fg:7",
                "refund:42", id + "x", id.substring(0, id.length() - 1) + (last == 'A' ? 'B' : 'A'),
                "adm-zzzzzzzzzzzz-AAAAAAAAAAAAAAAA-AAAAAAAAAAAAAAAAAAAAAA", "adm-zzzzzzzzzzzzzzzzz-AAAAAAAAAAAAAAAA-AAAAAAAAAAAAAAAAAAAAAA"}) {
            assertEquals(Verdict.NOT_ISSUED, ids.check(forged, 42, "refund", "alice"), String.valueOf(forged));
        }
    }

    @Test
    void anotherInstallationsIdsAreRefused() {
        String theirs = ids(settings, "sk_test_installationB").issue(42, "refund", "alice");
        assertEquals(Verdict.NOT_ISSUED, ids.check(theirs, 42, "refund", "alice"));

        settings.secret = "a-configured-secret-of-this-store";
        String signedWithTheConfiguredSecret = ids.issue(42, "refund", "alice");
        assertEquals(Verdict.VALID, ids(settings, "sk_test_installationB").check(signedWithTheConfiguredSecret, 42, "refund", "alice"),
                "gateway.smartpay.admin.requestIdSecret, when set, signs instead of the key");
    }

    @Test
    void anIdIsRefusedOnceItsTimeIsUp() {
        String id = ids.issue(42, "cancel", "alice");
        ids.setClock(Clock.fixed(NOW.plus(Duration.ofHours(8)).minusSeconds(1), ZoneOffset.UTC));
        assertEquals(Verdict.VALID, ids.check(id, 42, "cancel", "alice"));
        ids.setClock(Clock.fixed(NOW.plus(Duration.ofHours(8)).plusSeconds(1), ZoneOffset.UTC));
        assertEquals(Verdict.EXPIRED, ids.check(id, 42, "cancel", "alice"));
    }

    private static AdminRequestIds ids(SmartpayAdminSettings settings, String secretKey) {
        AdminRequestIds ids = new AdminRequestIds();
        ids.settings = settings;
        ids.smartpaySettings = new SmartpaySettings() {
            @Override
            public String secretKey() {
                return secretKey;
            }
        };
        ids.setClock(Clock.fixed(NOW, ZoneOffset.UTC));
        return ids;
    }

    /** The defaults, with a settable secret (no Broadleaf context in a unit test). */
    private static final class FixedSettings extends SmartpayAdminSettings {
        String secret = "";

        @Override
        public String requestIdSecret() {
            return secret;
        }
    }
}
