package io.aigw.policy.route;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.Objects;

/** One stored version of a route (never changed once written); a deleted route's last version has no spec. */
@Entity
@Table(name = "AIGW_ROUTE_VERSION")
@IdClass(RouteRevision.RevisionId.class)
@NamedQuery(name = "RouteRevision.all", query = "SELECT r FROM RouteRevision r ORDER BY r.name, r.version")
@NamedQuery(name = "RouteRevision.of", query = "SELECT r FROM RouteRevision r WHERE r.name = :name "
        + "ORDER BY r.version DESC")
public class RouteRevision {

    @Id
    @Column(name = "NAME", length = 100)
    private String name;

    @Id
    @Column(name = "VERSION")
    private int version;

    @Column(name = "SPEC", length = 16000)
    private String spec;

    @Column(name = "CHANGED_AT", nullable = false)
    private LocalDateTime changedAt;

    @Column(name = "CHANGED_BY", length = 100, nullable = false)
    private String changedBy;

    protected RouteRevision() {
    }

    RouteRevision(String name, int version, String spec, LocalDateTime changedAt, String changedBy) {
        this.name = name;
        this.version = version;
        this.spec = spec;
        this.changedAt = changedAt;
        this.changedBy = changedBy;
    }

    public String getName() { return name; }
    public int getVersion() { return version; }
    public String getSpec() { return spec; }
    public LocalDateTime getChangedAt() { return changedAt; }
    public String getChangedBy() { return changedBy; }

    /** The composite primary key. */
    public static class RevisionId implements Serializable {
        private static final long serialVersionUID = 1L;
        private String name;
        private int version;

        public RevisionId() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RevisionId r && Objects.equals(name, r.name) && version == r.version;
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, version);
        }
    }
}
