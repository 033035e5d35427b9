package io.aigw.policy.quota;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.Objects;

/** A tenant's or key's limits or budget, stored as the JSON document the admin API accepted. */
@Entity
@Table(name = "AIGW_SCOPED_POLICY")
@IdClass(ScopedPolicy.PolicyId.class)
@NamedQuery(name = "ScopedPolicy.ofKind", query = "SELECT p FROM ScopedPolicy p WHERE p.kind = :kind")
public class ScopedPolicy {

    public static final String LIMITS = "limits";
    public static final String BUDGET = "budget";

    @Id
    @Column(name = "KIND", length = 10)
    private String kind;

    @Id
    @Column(name = "SCOPE_TYPE", length = 10)
    private String scopeType;

    @Id
    @Column(name = "SCOPE_ID", length = 100)
    private String scopeId;

    @Column(name = "SPEC", length = 8000, nullable = false)
    private String spec;

    @Column(name = "UPDATED_AT", nullable = false)
    private LocalDateTime updatedAt;

    protected ScopedPolicy() {
    }

    public ScopedPolicy(String kind, Scope scope, String spec, LocalDateTime at) {
        this.kind = kind;
        this.scopeType = scope.type();
        this.scopeId = scope.id();
        this.spec = spec;
        this.updatedAt = at;
    }

    void replace(String newSpec, LocalDateTime at) {
        this.spec = newSpec;
        this.updatedAt = at;
    }

    public Scope scope() {
        return new Scope(scopeType, scopeId);
    }

    public String getKind() { return kind; }
    public String getSpec() { return spec; }
    public LocalDateTime getUpdatedAt() { return updatedAt; }

    /** The composite primary key. */
    public static class PolicyId implements Serializable {
        private static final long serialVersionUID = 1L;
        private String kind;
        private String scopeType;
        private String scopeId;

        public PolicyId() {
        }

        public PolicyId(String kind, Scope scope) {
            this.kind = kind;
            this.scopeType = scope.type();
            this.scopeId = scope.id();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PolicyId p && Objects.equals(kind, p.kind) && Objects.equals(scopeType, p.scopeType)
                    && Objects.equals(scopeId, p.scopeId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(kind, scopeType, scopeId);
        }
    }
}
