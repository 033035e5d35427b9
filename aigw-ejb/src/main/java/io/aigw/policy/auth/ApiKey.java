package io.aigw.policy.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** A gateway API key as stored: the keyed hash of its secret, never the secret. */
@Entity
@Table(name = "AIGW_API_KEY", indexes = @Index(name = "AIGW_API_KEY_HASH", columnList = "KEY_HASH", unique = true))
@NamedQuery(name = "ApiKey.byHash", query = "SELECT k FROM ApiKey k WHERE k.keyHash = :hash")
@NamedQuery(name = "ApiKey.all", query = "SELECT k FROM ApiKey k ORDER BY k.createdAt")
@NamedQuery(name = "ApiKey.activeHashes", query = "SELECT k.keyHash FROM ApiKey k WHERE k.revokedAt IS NULL")
@NamedQuery(name = "ApiKey.activeAdmins", query = "SELECT COUNT(k) FROM ApiKey k WHERE k.revokedAt IS NULL AND k.roles LIKE '%admin%'")
public class ApiKey {

    @Id
    @Column(name = "ID", length = 32)
    private String id;

    @Column(name = "NAME", length = 200, nullable = false)
    private String name;

    @Column(name = "KEY_HASH", length = 64, nullable = false)
    private String keyHash;

    @Column(name = "KEY_PREFIX", length = 16, nullable = false)
    private String keyPrefix;

    @Column(name = "TENANT", length = 100, nullable = false)
    private String tenant;

    @Column(name = "ROLES", length = 100, nullable = false)
    private String roles;

    @Column(name = "ALLOWED_MODELS", length = 2000)
    private String allowedModels;

    @Column(name = "CREATED_AT", nullable = false)
    private LocalDateTime createdAt;

    @Column(name = "REVOKED_AT")
    private LocalDateTime revokedAt;

    protected ApiKey() {
    }

    public ApiKey(String id, String name, String keyHash, String keyPrefix, String tenant, Set<GatewayRole> roles,
                  List<String> allowedModels, LocalDateTime createdAt) {
        this.id = id;
        this.name = name;
        this.keyHash = keyHash;
        this.keyPrefix = keyPrefix;
        this.tenant = tenant;
        this.roles = roles.stream().map(GatewayRole::wireName).sorted().collect(Collectors.joining(","));
        this.allowedModels = allowedModels.isEmpty() ? null : String.join(",", allowedModels);
        this.createdAt = createdAt;
    }

    /** The caller this key authenticates as. */
    public Caller toCaller() {
        return new Caller(id, name, tenant, roleSet(), allowedModelList());
    }

    public Set<GatewayRole> roleSet() {
        return Arrays.stream(roles.split(",")).filter(s -> !s.isBlank()).map(GatewayRole::of).collect(Collectors.toSet());
    }

    public List<String> allowedModelList() {
        return allowedModels == null ? List.of() : List.of(allowedModels.split(","));
    }

    public void revoke(LocalDateTime at) {
        if (revokedAt == null) {
            revokedAt = at;
        }
    }

    public String getId() { return id; }
    public String getName() { return name; }
    public String getKeyHash() { return keyHash; }
    public String getKeyPrefix() { return keyPrefix; }
    public String getTenant() { return tenant; }
    public LocalDateTime getCreatedAt() { return createdAt; }
    public LocalDateTime getRevokedAt() { return revokedAt; }
}
