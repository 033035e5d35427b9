package io.aigw.policy.quota;

import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.audit.AdminAudit;
import io.aigw.policy.auth.ApiKey;
import io.aigw.policy.chain.Exchange;
import io.aigw.policy.tenant.Tenant;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Stores tenants' and keys' limits and budgets. Each change is audited in its transaction (state before and after)
 * and takes effect on this server when it commits, on other servers within {@code aigw.quotas.refresh}.
 */
@Stateless
public class ScopedPolicyStore {

    private static final JsonProvider JSON = JsonProvider.provider();

    @PersistenceContext(unitName = "aigw")
    EntityManager em;

    @Inject
    AdminAudit audit;

    @Inject
    ScopedPolicies cache;

    /** Every stored document of one kind (a read for the caches: no transaction of its own). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<ScopedPolicy> all(String kind) {
        return em.createNamedQuery("ScopedPolicy.ofKind", ScopedPolicy.class).setParameter("kind", kind)
                .getResultList();
    }

    public Optional<JsonObject> find(String kind, Scope scope) {
        requireScope(scope);
        return Optional.ofNullable(em.find(ScopedPolicy.class, new ScopedPolicy.PolicyId(kind, scope)))
                .map(p -> parse(p.getSpec()));
    }

    /** Sets the document (already checked and normalised) of a scope that must exist. */
    public JsonObject put(Exchange exchange, String kind, Scope scope, JsonObject spec) {
        requireScope(scope);
        ScopedPolicy p = em.find(ScopedPolicy.class, new ScopedPolicy.PolicyId(kind, scope));
        JsonObject before = p == null ? null : state(scope, parse(p.getSpec()));
        if (p == null) {
            em.persist(new ScopedPolicy(kind, scope, spec.toString(), now()));
        } else {
            p.replace(spec.toString(), now());
        }
        audit.record(exchange, p == null ? "create" : "update", kind, scope.toString(), before, state(scope, spec));
        audit.afterCommit(cache::invalidate);
        return spec;
    }

    /** Removes the document; 404 if there was none. */
    public JsonObject delete(Exchange exchange, String kind, Scope scope) {
        requireScope(scope);
        ScopedPolicy p = em.find(ScopedPolicy.class, new ScopedPolicy.PolicyId(kind, scope));
        if (p == null) {
            throw new GatewayException(Problem.NOT_FOUND, "The " + scope.type() + " '" + scope.id() + "' has no "
                    + kind + ".");
        }
        JsonObject before = parse(p.getSpec());
        em.remove(p);
        audit.record(exchange, "delete", kind, scope.toString(), state(scope, before), null);
        audit.afterCommit(cache::invalidate);
        return before;
    }

    private void requireScope(Scope scope) {
        boolean exists = Scope.TENANT.equals(scope.type()) ? em.find(Tenant.class, scope.id()) != null
                : em.find(ApiKey.class, scope.id()) != null;
        if (!exists) {
            throw new GatewayException(Problem.NOT_FOUND, "There is no " + (Scope.TENANT.equals(scope.type())
                    ? "tenant" : "API key") + " '" + scope.id() + "'.");
        }
    }

    private static JsonObject state(Scope scope, JsonObject spec) {
        return AdminAudit.state().add("scope", scope.toString()).add("spec", spec).build();
    }

    /** A stored document read back. */
    public static JsonObject parse(String spec) {
        try (var r = JSON.createReader(new StringReader(spec))) {
            return r.readObject();
        }
    }

    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }
}
