package io.aigw.policy.route;

import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.audit.AdminAudit;
import io.aigw.policy.chain.Exchange;
import io.aigw.policy.quota.ScopedPolicyStore;
import io.aigw.policy.quota.SpecFields;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The routes' versions. A change never rewrites a version: it adds one (a delete adds one without a definition;
 * a rollback adds a copy of an earlier one), so the history says who routed what where and when.
 */
@Stateless
public class RouteStore {

    static final String ENTITY = "route";

    @PersistenceContext(unitName = "aigw")
    EntityManager em;

    @Inject
    AdminAudit audit;

    @Inject
    RouteTable table;

    @Inject
    io.aigw.policy.guardrail.GuardrailSets guardrails;

    /** Stores a new version of a route from a {@code PUT /admin/routes/{name}} document. */
    public Route put(Exchange exchange, String name, JsonObject body) {
        requireChangeable(name);
        for (Route r : table.routes().values()) {
            if (!r.name().equals(name) && r.spec().targets().stream().anyMatch(t -> t.model().equals(name))) {
                throw SpecFields.invalid("name", "The route '" + r.name() + "' has the model '" + name
                        + "' as a target, so '" + name + "' cannot be a route.");
            }
        }
        RouteSpec spec = RouteSpec.parse(body, m -> !m.equals(name) && table.isRoute(m));
        guardrails.requireExisting(spec.guardrails(), "guardrails");
        Route before = current(name);
        return add(exchange, name, spec, before == null ? "create" : "update", before);
    }

    /** Deletes a route (a version without a definition); 404 if there is none. */
    public Route delete(Exchange exchange, String name) {
        requireChangeable(name);
        Route before = current(name);
        if (before == null) {
            throw notFound(name);
        }
        return add(exchange, name, null, "delete", before);
    }

    /**
     * Makes an earlier version current again (as a new version): {@code toVersion}, or the last one before the
     * current that had a definition.
     */
    public Route rollback(Exchange exchange, String name, Integer toVersion) {
        requireChangeable(name);
        List<Route> versions = versions(name);
        if (versions.isEmpty()) {
            throw notFound(name);
        }
        Route target = null;
        for (Route r : versions.subList(1, versions.size())) {
            if (toVersion == null ? !r.deleted() : r.version() == toVersion) {
                target = r;
                break;
            }
        }
        if (target == null || target.deleted()) {
            throw new GatewayException(Problem.CONFLICT, toVersion == null
                    ? "The route '" + name + "' has no earlier version to roll back to."
                    : "The route '" + name + "' has no earlier version " + toVersion + " with a definition.");
        }
        Route before = versions.get(0).deleted() ? null : versions.get(0);
        Route made = add(exchange, name, target.spec(), "rollback", before);
        return made;
    }

    /** Every version of a route, newest first (empty if it never existed). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Route> versions(String name) {
        return em.createNamedQuery("RouteRevision.of", RouteRevision.class).setParameter("name", name)
                .getResultList().stream().map(RouteStore::route).toList();
    }

    /** Every route in force (its latest version has a definition), for the table's cache. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Route> current() {
        List<RouteRevision> all = em.createNamedQuery("RouteRevision.all", RouteRevision.class).getResultList();
        java.util.Map<String, RouteRevision> latest = new java.util.LinkedHashMap<>();
        all.forEach(r -> latest.put(r.getName(), r));
        return latest.values().stream().filter(r -> r.getSpec() != null).map(RouteStore::route).toList();
    }

    private Route current(String name) {
        List<Route> versions = versions(name);
        return versions.isEmpty() || versions.get(0).deleted() ? null : versions.get(0);
    }

    private Route add(Exchange exchange, String name, RouteSpec spec, String action, Route before) {
        List<Route> versions = versions(name);
        int version = versions.isEmpty() ? 1 : versions.get(0).version() + 1;
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        RouteRevision row = new RouteRevision(name, version, spec == null ? null : spec.toJson().toString(), now,
                exchange.caller().keyId());
        em.persist(row);
        try {
            em.flush();
        } catch (jakarta.persistence.PersistenceException e) {
            throw new GatewayException(Problem.CONFLICT, "Another change of the route '" + name + "' was made at the "
                    + "same time; send it again.");
        }
        Route made = route(row);
        audit.record(exchange, action, ENTITY, name, before == null ? null : before.toJson(),
                spec == null ? null : made.toJson());
        audit.afterCommit(table::invalidate);
        return made;
    }

    private void requireChangeable(String name) {
        if (name == null || !name.matches(Route.NAME_PATTERN)) {
            throw SpecFields.invalid("name", "A route name is 1 to 100 letters, digits, '.', '_', ':' or '-', "
                    + "starting with a letter or digit (no '/').");
        }
        if (table.fileManaged(name)) {
            throw new GatewayException(Problem.CONFLICT, "The route '" + name + "' is managed in the routes file "
                    + "(aigw.routes.file); change it there.");
        }
    }

    static GatewayException notFound(String name) {
        return new GatewayException(Problem.NOT_FOUND, "There is no route '" + name + "'.", "name", null, null);
    }

    private static Route route(RouteRevision r) {
        RouteSpec spec = r.getSpec() == null ? null : RouteSpec.parse(ScopedPolicyStore.parse(r.getSpec()), m -> false);
        return new Route(r.getName(), r.getVersion(), spec, "api", r.getChangedAt().toInstant(ZoneOffset.UTC),
                r.getChangedBy());
    }
}
