package org.bnplkit.smartpay.webhooks;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.annotation.Resource;

import org.bnplkit.smartpay.client.WebhookEndpoint;
import org.bnplkit.smartpay.client.webhook.WebhookSignatureException;
import org.bnplkit.smartpay.client.webhook.WebhookSignatureVerifier;
import org.bnplkit.smartpay.journal.SmartpayWebhookEndpoint;
import org.bnplkit.smartpay.journal.WebhookEndpoints;
import org.broadleafcommerce.common.encryption.EncryptionModule;
import org.springframework.stereotype.Component;

/**
 * The one place signing secrets are stored and read. A registered endpoint's secret is kept in
 * SMARTPAY_WEBHOOK_ENDPOINT through Broadleaf's {@code blEncryptionModule} (pass-through unless the store plugs in
 * a real one); gateway.smartpay.webhook.signingSecret adds a secret set by hand. Secrets never leave this class
 * except inside a {@link WebhookSignatureVerifier} (whose toString hides them): not in logs, exceptions or answers.
 */
@Component("blSmartpayWebhookSecrets")
public class SmartpayWebhookSecrets {

    @Resource(name = "blSmartpayWebhookEndpoints")
    protected WebhookEndpoints endpoints;

    @Resource(name = "blEncryptionModule")
    protected EncryptionModule encryption;

    @Resource(name = "blSmartpayWebhookSettings")
    protected SmartpayWebhookSettings settings;

    private volatile Clock clock = Clock.systemUTC();

    /**
     * Verifies a delivery against the secret of the endpoint it names ({@code subscriptionId}), falling back to
     * every active endpoint and the configured secret (rotation, or an endpoint registered by hand).
     *
     * @throws WebhookSignatureException MISSING / MALFORMED / MISMATCH / STALE (the most telling reason among the
     *                                   secrets tried: STALE means a secret matched but the timestamp is too old)
     * @return the mode ("test" or "live") of the registered endpoint whose secret matched; null for the secret
     *         configured by hand (its mode is not known)
     * @throws NoSigningSecretException  when no secret is configured at all
     */
    public String verify(byte[] body, String signature, String timestamp, String subscriptionId) {
        Map<String, String> secrets = secretsFor(subscriptionId);
        if (secrets.isEmpty()) {
            throw new NoSigningSecretException();
        }
        WebhookSignatureException telling = null;
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            try {
                new WebhookSignatureVerifier(secret.getKey(), settings.tolerance(), clock).verify(body, signature, timestamp);
                return secret.getValue();
            } catch (WebhookSignatureException e) {
                if (telling == null || e.reason() == WebhookSignatureException.Reason.STALE) {
                    telling = e;
                }
            } catch (IllegalArgumentException unusableSecret) {
                // a stored secret Smartpay's Base62 cannot decode: try the others
            }
        }
        throw telling != null ? telling
                : new WebhookSignatureException(WebhookSignatureException.Reason.MISMATCH, "no usable signing secret matched");
    }

    /** True when at least one secret is available (registered endpoint or configured). */
    public boolean hasSecret() {
        return !secretsFor(null).isEmpty();
    }

    /** Stores a freshly registered endpoint (its secret encrypted) as the active one for its mode. */
    public SmartpayWebhookEndpoint store(WebhookEndpoint registered, String mode) {
        if (registered.signingSecret() == null || registered.signingSecret().isEmpty()) {
            throw new IllegalStateException("Smartpay returned webhook endpoint " + registered.id() + " without a signing secret");
        }
        SmartpayWebhookEndpoint row = new SmartpayWebhookEndpoint();
        row.setEndpointId(registered.id());
        row.setUrl(registered.url());
        row.setMode(mode);
        row.setEncryptedSigningSecret(encryption.encrypt(registered.signingSecret()));
        return endpoints.saveActive(row);
    }

    /** A signature for {@code body} made with the active endpoint's secret (the connection test signs its ping). */
    String signWithActiveSecret(String timestamp, byte[] body) {
        Map<String, String> secrets = secretsFor(null);
        if (secrets.isEmpty()) {
            throw new NoSigningSecretException();
        }
        return org.bnplkit.smartpay.client.webhook.WebhookSignature.compute(secrets.keySet().iterator().next(), timestamp, body);
    }

    /** Secret → mode of its endpoint (null: configured by hand), the endpoint a delivery names first. */
    private Map<String, String> secretsFor(String subscriptionId) {
        Map<String, String> secrets = new LinkedHashMap<>();
        if (subscriptionId != null && !subscriptionId.trim().isEmpty()) {
            SmartpayWebhookEndpoint named = endpoints.findByEndpointId(subscriptionId.trim());
            if (named != null && named.isActive()) {
                secrets.put(encryption.decrypt(named.getEncryptedSigningSecret()), named.getMode());
            }
        }
        for (SmartpayWebhookEndpoint active : endpoints.active()) {
            secrets.putIfAbsent(encryption.decrypt(active.getEncryptedSigningSecret()), active.getMode());
        }
        String configured = settings.configuredSigningSecret();
        if (!configured.isEmpty()) {
            secrets.putIfAbsent(configured, null);
        }
        return secrets;
    }

    /** Tests move the verification clock (stale timestamps). */
    public void setClock(Clock clock) {
        this.clock = clock;
    }

    /** Neither a registered endpoint nor gateway.smartpay.webhook.signingSecret: deliveries cannot be verified. */
    public static final class NoSigningSecretException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoSigningSecretException() {
            super("No Smartpay webhook signing secret: register the endpoint (docs/webhooks.md) or set "
                    + SmartpayWebhookSettings.SIGNING_SECRET);
        }
    }
}
