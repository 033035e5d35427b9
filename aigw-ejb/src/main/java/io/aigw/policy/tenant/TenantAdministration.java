package io.aigw.policy.tenant;

import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.audit.AdminAudit;
import io.aigw.policy.chain.Exchange;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Tenants for the admin API; each change is audited in its own transaction. */
@Stateless
public class TenantAdministration {

    static final String ENTITY = "tenant";
    /** Tenant ids: letters, digits, {@code . _ -}, at most 100 characters (they appear in paths and audit rows). */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    @PersistenceContext(unitName = "aigw")
    EntityManager em;

    @Inject
    AdminAudit audit;

    @Inject
    io.aigw.policy.quota.ScopedPolicies policies;

    public Tenant create(Exchange exchange, String id, String name) {
        if (!ID.matcher(id).matches()) {
            throw new GatewayException(Problem.INVALID_REQUEST, "A tenant id is 1 to 100 letters, digits, '.', '_' "
                    + "or '-', starting with a letter or digit.", "id", null, null);
        }
        if (em.find(Tenant.class, id) != null) {
            throw new GatewayException(Problem.CONFLICT, "The tenant '" + id + "' exists already.", "id", null, null);
        }
        Tenant t = new Tenant(id, name == null ? id : name, now());
        em.persist(t);
        audit.record(exchange, "create", ENTITY, id, null, state(t));
        return t;
    }

    public List<Tenant> list() {
        return em.createNamedQuery("Tenant.all", Tenant.class).getResultList();
    }

    public Optional<Tenant> find(String id) {
        return Optional.ofNullable(em.find(Tenant.class, id));
    }

    public boolean exists(String id) {
        return id != null && em.find(Tenant.class, id) != null;
    }

    public Tenant rename(Exchange exchange, String id, String name) {
        Tenant t = find(id).orElseThrow(() -> notFound(id));
        JsonObject before = state(t);
        t.rename(name, now());
        audit.record(exchange, "update", ENTITY, id, before, state(t));
        return t;
    }

    /** Deletes a tenant that no active key belongs to (409 otherwise), with its limits and budget. */
    public Tenant delete(Exchange exchange, String id) {
        Tenant t = find(id).orElseThrow(() -> notFound(id));
        long keys = em.createQuery("SELECT COUNT(k) FROM ApiKey k WHERE k.tenant = :t AND k.revokedAt IS NULL",
                Long.class).setParameter("t", id).getSingleResult();
        if (keys > 0) {
            throw new GatewayException(Problem.CONFLICT, "The tenant '" + id + "' still has " + keys
                    + " active API key(s); revoke them first.");
        }
        em.createQuery("DELETE FROM ScopedPolicy p WHERE p.scopeType = 'tenant' AND p.scopeId = :t")
                .setParameter("t", id).executeUpdate();
        JsonObject before = state(t);
        em.remove(t);
        audit.record(exchange, "delete", ENTITY, id, before, null);
        audit.afterCommit(policies::invalidate);
        return t;
    }

    static JsonObject state(Tenant t) {
        return AdminAudit.state().add("id", t.getId()).add("name", t.getName()).build();
    }

    public static GatewayException notFound(String id) {
        return new GatewayException(Problem.NOT_FOUND, "There is no tenant '" + id + "'.");
    }

    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }
}
