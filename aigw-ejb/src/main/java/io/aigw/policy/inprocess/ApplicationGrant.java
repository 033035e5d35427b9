package io.aigw.policy.inprocess;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * What an application calling in process gets: the key whose tenant, allowed models, limits, budgets and guardrails
 * apply to it. The application {@link #DEFAULT} stands for every application without a grant of its own.
 */
@Entity
@Table(name = "AIGW_APP_GRANT")
@NamedQuery(name = "ApplicationGrant.all", query = "SELECT g FROM ApplicationGrant g ORDER BY g.application")
@NamedQuery(name = "ApplicationGrant.byKey", query = "SELECT g FROM ApplicationGrant g WHERE g.keyId = :keyId")
public class ApplicationGrant {

    /** The grant of applications that have none of their own. */
    public static final String DEFAULT = "*";

    @Id
    @Column(name = "APP_NAME", length = 200)
    private String application;

    @Column(name = "KEY_ID", length = 32, nullable = false)
    private String keyId;

    @Column(name = "CHANGED_AT", nullable = false)
    private LocalDateTime changedAt;

    @Column(name = "CHANGED_BY", length = 100, nullable = false)
    private String changedBy;

    protected ApplicationGrant() {
    }

    ApplicationGrant(String application, String keyId, LocalDateTime changedAt, String changedBy) {
        this.application = application;
        this.keyId = keyId;
        this.changedAt = changedAt;
        this.changedBy = changedBy;
    }

    void rebind(String newKeyId, LocalDateTime at, String by) {
        keyId = newKeyId;
        changedAt = at;
        changedBy = by;
    }

    public String getApplication() { return application; }
    public String getKeyId() { return keyId; }
    public LocalDateTime getChangedAt() { return changedAt; }
    public String getChangedBy() { return changedBy; }
}
