package io.aigw.policy.alert;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * An alert as stored: its spec (the JSON the admin API accepted, without URL and secret), its webhook URL and its
 * sealed signing secret ({@link WebhookSecrets}). Times are UTC.
 */
@Entity
@Table(name = "AIGW_ALERT")
@NamedQuery(name = "AlertDefinition.all", query = "SELECT a FROM AlertDefinition a ORDER BY a.name")
public class AlertDefinition {

    @Id
    @Column(name = "NAME", length = 64)
    private String name;

    @Column(name = "KIND", length = 20, nullable = false)
    private String kind;

    @Column(name = "SPEC", length = 4000, nullable = false)
    private String spec;

    @Column(name = "WEBHOOK_URL", length = 2000, nullable = false)
    private String webhookUrl;

    @Column(name = "SEALED_SECRET", length = 200, nullable = false)
    private String sealedSecret;

    @Column(name = "CREATED_AT", nullable = false)
    private LocalDateTime createdAt;

    @Column(name = "CHANGED_AT", nullable = false)
    private LocalDateTime changedAt;

    @Column(name = "CHANGED_BY", length = 100, nullable = false)
    private String changedBy;

    protected AlertDefinition() {
    }

    AlertDefinition(String name, LocalDateTime at, String by) {
        this.name = name;
        this.createdAt = at;
        this.changedAt = at;
        this.changedBy = by;
    }

    void define(String newKind, String newSpec, String url, LocalDateTime at, String by) {
        kind = newKind;
        spec = newSpec;
        webhookUrl = url;
        changedAt = at;
        changedBy = by;
    }

    void sealedSecret(String sealed, LocalDateTime at, String by) {
        sealedSecret = sealed;
        changedAt = at;
        changedBy = by;
    }

    public String getName() { return name; }
    public String getKind() { return kind; }
    public String getSpec() { return spec; }
    public String getWebhookUrl() { return webhookUrl; }
    String getSealedSecret() { return sealedSecret; }
    public LocalDateTime getCreatedAt() { return createdAt; }
    public LocalDateTime getChangedAt() { return changedAt; }
    public String getChangedBy() { return changedBy; }
}
