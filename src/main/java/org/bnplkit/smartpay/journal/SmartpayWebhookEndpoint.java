package org.bnplkit.smartpay.journal;

import java.io.Serializable;
import java.util.Date;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Temporal;
import javax.persistence.TemporalType;
import javax.persistence.UniqueConstraint;

/**
 * A webhook endpoint this store registered at Smartpay (SMARTPAY_WEBHOOK_ENDPOINT): its id (sent back on every
 * delivery as Smartpay-Subscription-Id), URL and signing secret. SIGNING_SECRET holds what Broadleaf's
 * {@code blEncryptionModule} made of the secret (pass-through unless the store configures a real module); only
 * org.bnplkit.smartpay.webhooks.SmartpayWebhookSecrets reads it. Inactive rows stay for the record.
 */
@Entity
@Table(name = "SMARTPAY_WEBHOOK_ENDPOINT",
        uniqueConstraints = @UniqueConstraint(name = "UK_SMARTPAY_WH_ENDPOINT_ID", columnNames = "ENDPOINT_ID"))
public class SmartpayWebhookEndpoint implements Serializable {

    private static final long serialVersionUID = 1L;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "ID")
    private Long id;

    @Column(name = "ENDPOINT_ID", nullable = false, length = 128)
    private String endpointId;

    @Column(name = "URL", nullable = false, length = 1000)
    private String url;

    @Column(name = "SIGNING_SECRET", nullable = false, length = 1000)
    private String encryptedSigningSecret;

    /** "test" or "live": the key mode it was registered with. */
    @Column(name = "KEY_MODE", nullable = false, length = 8)
    private String mode;

    @Column(name = "ACTIVE", nullable = false)
    private boolean active;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "CREATED_AT", nullable = false)
    private Date createdAt;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "DEACTIVATED_AT")
    private Date deactivatedAt;

    public Long getId() { return id; }

    public String getEndpointId() { return endpointId; }

    public void setEndpointId(String endpointId) { this.endpointId = endpointId; }

    public String getUrl() { return url; }

    public void setUrl(String url) { this.url = url; }

    public String getEncryptedSigningSecret() { return encryptedSigningSecret; }

    public void setEncryptedSigningSecret(String encryptedSigningSecret) { this.encryptedSigningSecret = encryptedSigningSecret; }

    public String getMode() { return mode; }

    public void setMode(String mode) { this.mode = mode; }

    public boolean isActive() { return active; }

    public void setActive(boolean active) { this.active = active; }

    public Date getCreatedAt() { return createdAt; }

    public void setCreatedAt(Date createdAt) { this.createdAt = createdAt; }

    public Date getDeactivatedAt() { return deactivatedAt; }

    public void setDeactivatedAt(Date deactivatedAt) { this.deactivatedAt = deactivatedAt; }

    /** Never the secret. */
    @Override
    public String toString() {
        return "SmartpayWebhookEndpoint{" + endpointId + ", " + url + ", " + mode + (active ? ", active" : ", inactive")
                + ", signingSecret=****}";
    }
}
