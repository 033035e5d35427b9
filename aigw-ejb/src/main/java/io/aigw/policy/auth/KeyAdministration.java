package io.aigw.policy.auth;

import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.audit.AdminAudit;
import io.aigw.policy.tenant.TenantAdministration;
import io.aigw.policy.chain.Exchange;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Key management for the admin API. Each change is audited in its own transaction (no change without its event) and
 * takes effect on this server when it commits.
 */
@Stateless
public class KeyAdministration {

    static final String ENTITY = "api_key";

    @EJB
    ApiKeyStore store;

    @Inject
    Authenticator authenticator;

    @Inject
    AdminAudit audit;

    @EJB
    TenantAdministration tenants;

    public IssuedKey create(Exchange exchange, String name, String tenant, Set<GatewayRole> roles,
                            List<String> allowedModels, java.time.LocalDateTime expiresAt) {
        if (!tenants.exists(tenant)) {
            throw new GatewayException(Problem.INVALID_REQUEST, "There is no tenant '" + tenant + "'. Create it first "
                    + "(POST /admin/tenants).", "tenant", null, null);
        }
        IssuedKey issued = store.create(name, tenant, roles, allowedModels);
        issued.key().expiresAt(expiresAt);
        audit.record(exchange, "create", ENTITY, issued.key().getId(), null, state(issued.key()));
        audit.afterCommit(authenticator::invalidate);
        return issued;
    }

    /**
     * Changes a key's name, roles, allowed models and expiry ({@code null}: unchanged; {@code clearExpiry} removes
     * the expiry). Takes effect on this server when it commits.
     */
    public Optional<ApiKey> update(Exchange exchange, String id, String name, Set<GatewayRole> roles,
                                   List<String> allowedModels, java.time.LocalDateTime expiresAt,
                                   boolean clearExpiry) {
        Optional<ApiKey> key = store.find(id);
        if (key.isEmpty()) {
            return key;
        }
        JsonObject before = state(key.get());
        key.get().update(name, roles, allowedModels);
        if (expiresAt != null || clearExpiry) {
            key.get().expiresAt(expiresAt);
        }
        audit.record(exchange, "update", ENTITY, id, before, state(key.get()));
        audit.afterCommit(authenticator::invalidate);
        return key;
    }

    /** Gives the key a new secret; the old one authenticates for {@code grace} more. */
    public Optional<IssuedKey> rotate(Exchange exchange, String id, java.time.Duration grace) {
        Optional<ApiKey> key = store.find(id);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        JsonObject before = state(key.get());
        Optional<IssuedKey> rotated = store.rotate(id, grace);
        rotated.ifPresent(r -> {
            audit.record(exchange, "rotate", ENTITY, id, before, state(r.key()));
            audit.afterCommit(authenticator::invalidate);
        });
        return rotated;
    }

    public List<ApiKey> list() {
        return store.list();
    }

    public Optional<ApiKey> find(String id) {
        return store.find(id);
    }

    /** Revokes the key: no request authenticates with it on this server once this returns. */
    public Optional<ApiKey> revoke(Exchange exchange, String id) {
        Optional<ApiKey> key = store.find(id);
        if (key.isEmpty()) {
            return key;
        }
        JsonObject before = state(key.get());
        store.revoke(id);
        audit.record(exchange, "revoke", ENTITY, id, before, state(key.get()));
        audit.afterCommit(authenticator::invalidate);
        return key;
    }

    /** What the audit keeps of a key: never its secret or hash. */
    static JsonObject state(ApiKey k) {
        JsonObjectBuilder b = AdminAudit.state().add("id", k.getId()).add("name", k.getName())
                .add("tenant", k.getTenant()).add("key_prefix", k.getKeyPrefix())
                .add("roles", String.join(",", k.roleSet().stream().map(GatewayRole::wireName).sorted().toList()))
                .add("allowed_models", String.join(",", k.allowedModelList()))
                .add("created_at", k.getCreatedAt().toString() + "Z");
        if (k.getRevokedAt() == null) {
            b.addNull("revoked_at");
        } else {
            b.add("revoked_at", k.getRevokedAt().toString() + "Z");
        }
        if (k.getExpiresAt() != null) {
            b.add("expires_at", k.getExpiresAt().toString() + "Z");
        }
        if (k.getPreviousValidUntil() != null) {
            b.add("previous_secret_valid_until", k.getPreviousValidUntil().toString() + "Z");
        }
        return b.build();
    }
}
