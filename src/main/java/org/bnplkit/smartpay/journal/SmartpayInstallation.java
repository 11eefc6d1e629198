package org.bnplkit.smartpay.journal;

import java.io.Serializable;
import java.util.Date;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Temporal;
import javax.persistence.TemporalType;

/**
 * This store's installation of the module (table SMARTPAY_INSTALLATION, one row): the id that tells its Smartpay
 * orders and Idempotency-Keys apart from those of another store sharing the same Smartpay account.
 */
@Entity
@Table(name = "SMARTPAY_INSTALLATION")
public class SmartpayInstallation implements Serializable {

    private static final long serialVersionUID = 1L;

    @Id
    @Column(name = "INSTALLATION_ID", length = 32)
    private String installationId;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "CREATED_AT", nullable = false)
    private Date createdAt;

    public String getInstallationId() { return installationId; }
    public void setInstallationId(String installationId) { this.installationId = installationId; }
    public Date getCreatedAt() { return createdAt; }
    public void setCreatedAt(Date createdAt) { this.createdAt = createdAt; }
}
