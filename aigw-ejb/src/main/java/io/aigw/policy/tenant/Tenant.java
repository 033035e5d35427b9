package io.aigw.policy.tenant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** A tenant as stored; times in UTC. */
@Entity
@Table(name = "AIGW_TENANT")
@NamedQuery(name = "Tenant.all", query = "SELECT t FROM Tenant t ORDER BY t.id")
public class Tenant {

    @Id
    @Column(name = "ID", length = 100)
    private String id;

    @Column(name = "NAME", length = 200, nullable = false)
    private String name;

    @Column(name = "CREATED_AT", nullable = false)
    private LocalDateTime createdAt;

    @Column(name = "UPDATED_AT", nullable = false)
    private LocalDateTime updatedAt;

    protected Tenant() {
    }

    public Tenant(String id, String name, LocalDateTime at) {
        this.id = id;
        this.name = name;
        this.createdAt = at;
        this.updatedAt = at;
    }

    void rename(String newName, LocalDateTime at) {
        this.name = newName;
        this.updatedAt = at;
    }

    public String getId() { return id; }
    public String getName() { return name; }
    public LocalDateTime getCreatedAt() { return createdAt; }
    public LocalDateTime getUpdatedAt() { return updatedAt; }
}
