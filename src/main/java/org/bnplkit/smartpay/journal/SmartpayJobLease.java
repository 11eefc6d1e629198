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
 * One row per scheduled job (SMARTPAY_JOB_LEASE): which node runs the current pass and until when. A node runs a
 * pass only when its conditional UPDATE of this row succeeds ({@link JobLeases#tryClaim}), so of several nodes
 * scheduled at the same moment exactly one does the work. LAST_* columns are the job's health for the runbook.
 */
@Entity
@Table(name = "SMARTPAY_JOB_LEASE")
public class SmartpayJobLease implements Serializable {

    private static final long serialVersionUID = 1L;

    @Id
    @Column(name = "JOB_NAME", length = 64)
    private String jobName;

    @Column(name = "CLAIMED_BY", length = 128)
    private String claimedBy;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "CLAIMED_UNTIL")
    private Date claimedUntil;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "LAST_STARTED_AT")
    private Date lastStartedAt;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "LAST_FINISHED_AT")
    private Date lastFinishedAt;

    @Column(name = "LAST_RESULT", length = 1000)
    private String lastResult;

    public String getJobName() { return jobName; }

    public void setJobName(String jobName) { this.jobName = jobName; }

    public String getClaimedBy() { return claimedBy; }

    public Date getClaimedUntil() { return claimedUntil; }

    public Date getLastStartedAt() { return lastStartedAt; }

    public Date getLastFinishedAt() { return lastFinishedAt; }

    public String getLastResult() { return lastResult; }

    @Override
    public String toString() {
        return "SmartpayJobLease{" + jobName + ", by=" + claimedBy + ", until=" + claimedUntil + ", lastFinished="
                + lastFinishedAt + ": " + lastResult + "}";
    }
}
