package io.aigw.policy.guardrail;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** A stored guardrail set: its name and the document the admin API accepted. */
@Entity
@Table(name = "AIGW_GUARDRAIL_SET")
@NamedQuery(name = "GuardrailSetRow.all", query = "SELECT g FROM GuardrailSetRow g ORDER BY g.name")
public class GuardrailSetRow {

    @Id
    @Column(name = "NAME", length = 64)
    private String name;

    @Column(name = "SPEC", length = 16000, nullable = false)
    private String spec;

    @Column(name = "CHANGED_AT", nullable = false)
    private LocalDateTime changedAt;

    @Column(name = "CHANGED_BY", length = 100, nullable = false)
    private String changedBy;

    protected GuardrailSetRow() {
    }

    GuardrailSetRow(String name, String spec, LocalDateTime changedAt, String changedBy) {
        this.name = name;
        this.spec = spec;
        this.changedAt = changedAt;
        this.changedBy = changedBy;
    }

    void replace(String newSpec, LocalDateTime at, String by) {
        this.spec = newSpec;
        this.changedAt = at;
        this.changedBy = by;
    }

    public String getName() { return name; }
    public String getSpec() { return spec; }
    public LocalDateTime getChangedAt() { return changedAt; }
    public String getChangedBy() { return changedBy; }
}
