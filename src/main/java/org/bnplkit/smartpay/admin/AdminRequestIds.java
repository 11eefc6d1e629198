package org.bnplkit.smartpay.admin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.annotation.Resource;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.bnplkit.smartpay.config.SmartpaySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request ids of the admin's money forms (refund, capture, cancel, retry). The server issues one with each form,
 * signed with the installation's secret and bound to the order, the action, the admin user and an expiry; the form
 * posts it back and the operations use it as the request's own key ({@code refund:<id>}, {@code capture:request:<id>}),
 * so the same form posted twice moves money once while two people (or two forms) are two requests.
 *
 * <p>Shape: {@code adm-<expiry, epoch seconds in base 36>-<16 random characters>-<HMAC-SHA256, 128 bits, base64url>},
 * about 50 characters of [A-Za-z0-9_-]: never one of the module's own keys ({@code cancel:order:…}, {@code return:fg:…}
 * all contain a colon). An id the server did not issue, or issued for another order, action or user, is
 * {@link Verdict#NOT_ISSUED}; an old one {@link Verdict#EXPIRED}.
 *
 * <p>The secret: gateway.smartpay.admin.requestIdSecret when set, else derived from gateway.smartpay.secretKey (HMAC
 * under a fixed label, so the key itself never signs anything), so every node of the store accepts every node's
 * forms. Changing either invalidates the forms open at that moment (they are refused; reloading the page helps).
 * Without any, a random secret of this JVM (one node only) and a WARN.
 */
public class AdminRequestIds {

    private static final Logger LOG = LoggerFactory.getLogger(AdminRequestIds.class);
    private static final String PREFIX = "adm-";
    private static final Pattern SHAPE = Pattern.compile("adm-([0-9a-z]{1,12})-([A-Za-z0-9]{16})-([A-Za-z0-9_-]{22})");
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final byte[] DERIVATION_LABEL = "broadleaf-smartpay admin request ids v1".getBytes(StandardCharsets.UTF_8);

    /** What a submitted request id is. */
    public enum Verdict { VALID, EXPIRED, NOT_ISSUED }

    @Resource(name = "blSmartpayAdminSettings")
    protected SmartpayAdminSettings settings;

    @Resource(name = "blSmartpaySettings")
    protected SmartpaySettings smartpaySettings;

    private final SecureRandom random = new SecureRandom();
    private final byte[] jvmSecret = new byte[32];
    private final AtomicBoolean warnedAboutJvmSecret = new AtomicBoolean();
    private Clock clock = Clock.systemUTC();

    public AdminRequestIds() {
        random.nextBytes(jvmSecret);
    }

    /** Tests move time. */
    public void setClock(Clock clock) {
        this.clock = clock;
    }

    /** A new id for one form of {@code action} on order {@code orderId}, opened by {@code user}. */
    public String issue(long orderId, String action, String user) {
        long expiry = clock.millis() / 1000 + settings.requestIdTtl().getSeconds();
        String expiryText = Long.toString(expiry, 36);
        StringBuilder nonce = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            nonce.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return PREFIX + expiryText + "-" + nonce + "-" + mac(orderId, action, user, expiryText, nonce.toString());
    }

    /** Whether {@code requestId} was issued by this installation for this order, action and user, and is not too old. */
    public Verdict check(String requestId, long orderId, String action, String user) {
        Matcher m = requestId == null ? null : SHAPE.matcher(requestId);
        if (m == null || !m.matches()) {
            return Verdict.NOT_ISSUED;
        }
        String expected = mac(orderId, action, user, m.group(1), m.group(2));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), m.group(3).getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.NOT_ISSUED;
        }
        long expiry = Long.parseLong(m.group(1), 36);
        return clock.millis() / 1000 > expiry ? Verdict.EXPIRED : Verdict.VALID;
    }

    private String mac(long orderId, String action, String user, String expiry, String nonce) {
        String signed = "v1|" + orderId + "|" + action + "|" + user + "|" + expiry + "|" + nonce;
        byte[] full = hmac(secret(), signed.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, 16));
    }

    private byte[] secret() {
        String configured = settings.requestIdSecret();
        if (!configured.isEmpty()) {
            return configured.getBytes(StandardCharsets.UTF_8);
        }
        String secretKey = smartpaySettings.secretKey();
        if (!secretKey.isEmpty()) {
            return hmac(secretKey.getBytes(StandardCharsets.UTF_8), DERIVATION_LABEL);
        }
        if (warnedAboutJvmSecret.compareAndSet(false, true)) {
            LOG.warn("Neither {} nor {} is set: the admin's form request ids are signed with a secret of this JVM only"
                    + " (forms opened on another node, or before a restart, are refused)", SmartpayAdminSettings.REQUEST_ID_SECRET,
                    SmartpaySettings.SECRET_KEY);
        }
        return jvmSecret;
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
