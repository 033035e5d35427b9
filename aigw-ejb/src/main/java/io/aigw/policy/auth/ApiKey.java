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
@NamedQuery(name = "ApiKey.byHash",
        query = "SELECT k FROM ApiKey k WHERE k.keyHash = :hash OR k.previousKeyHash = :hash")
@NamedQuery(name = "ApiKey.all", query = "SELECT k FROM ApiKey k ORDER BY k.createdAt")
@NamedQuery(name = "ApiKey.activeHashes", query = "SELECT k.keyHash FROM ApiKey k WHERE k.revokedAt IS NULL")
@NamedQuery(name = "ApiKey.graceHashes", query = "SELECT k.previousKeyHash FROM ApiKey k WHERE k.revokedAt IS NULL "
        + "AND k.previousValidUntil > :now")
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

    @Column(name = "EXPIRES_AT")
    private LocalDateTime expiresAt;

    @Column(name = "PREVIOUS_KEY_HASH", length = 64)
    private String previousKeyHash;

    @Column(name = "PREVIOUS_VALID_UNTIL")
    private LocalDateTime previousValidUntil;

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

    /**
     * Until when the secret whose hash is {@code hash} authenticates (UTC), or {@code null} for as long as the key
     * is not revoked: the key's expiry, and for the secret a rotation replaced, the end of its grace period.
     */
    public LocalDateTime validUntil(String hash) {
        LocalDateTime until = expiresAt;
        if (!hash.equals(keyHash) && hash.equals(previousKeyHash)) {
            until = until == null || previousValidUntil.isBefore(until) ? previousValidUntil : until;
        }
        return until;
    }

    /** Changes what an administrator may change (a {@code null} argument leaves that property as it is). */
    public void update(String newName, Set<GatewayRole> newRoles, List<String> newModels) {
        if (newName != null) {
            name = newName;
        }
        if (newRoles != null) {
            roles = newRoles.stream().map(GatewayRole::wireName).sorted().collect(Collectors.joining(","));
        }
        if (newModels != null) {
            allowedModels = newModels.isEmpty() ? null : String.join(",", newModels);
        }
    }

    /** Sets or (with {@code null}) clears the expiry (UTC). */
    public void expiresAt(LocalDateTime at) {
        expiresAt = at;
    }

    /** Replaces the secret; the previous one stays valid until {@code graceUntil} (UTC). */
    void rotate(String newHash, String newPrefix, LocalDateTime graceUntil) {
        previousKeyHash = keyHash;
        previousValidUntil = graceUntil;
        keyHash = newHash;
        keyPrefix = newPrefix;
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
    public LocalDateTime getExpiresAt() { return expiresAt; }
    public LocalDateTime getPreviousValidUntil() { return previousValidUntil; }
    String previousKeyHash() { return previousKeyHash; }
}
