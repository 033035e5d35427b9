package io.aigw.policy.guardrail;

import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.audit.AdminAudit;
import io.aigw.policy.chain.Exchange;
import io.aigw.policy.quota.SpecFields;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Stores guardrail sets. Each change is audited in its transaction (state before and after) and takes effect on this
 * server when it commits, on other servers within {@code aigw.quotas.refresh}. A set that a tenant, key or route
 * uses cannot be deleted (409), so that no request meets a name without rules.
 */
@Stateless
public class GuardrailStore {

    static final String ENTITY = "guardrails";

    @PersistenceContext(unitName = "aigw")
    EntityManager em;

    @Inject
    AdminAudit audit;

    @Inject
    GuardrailSets sets;

    /** Creates or replaces a set from a {@code PUT /admin/guardrails/{name}} document; whether it was new. */
    public Stored put(Exchange exchange, String name, JsonObject body) {
        requireName(name);
        GuardrailSpec spec = GuardrailSpec.parse(body);
        GuardrailSetRow row = em.find(GuardrailSetRow.class, name);
        JsonObject before = row == null ? null : set(row).toJson();
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        String by = exchange.caller().keyId();
        if (row == null) {
            row = new GuardrailSetRow(name, spec.toJson().toString(), now, by);
            em.persist(row);
            try {
                em.flush();
            } catch (jakarta.persistence.PersistenceException e) {
                throw new GatewayException(Problem.CONFLICT, "The guardrail set '" + name + "' was created by "
                        + "another request at the same time; send it again.");
            }
        } else {
            row.replace(spec.toJson().toString(), now, by);
        }
        GuardrailSet made = set(row);
        audit.record(exchange, before == null ? "create" : "update", ENTITY, name, before, made.toJson());
        audit.afterCommit(sets::invalidate);
        return new Stored(made, before == null);
    }

    /** Deletes a set; 404 if there is none, 409 if something uses it. */
    public GuardrailSet delete(Exchange exchange, String name) {
        GuardrailSetRow row = em.find(GuardrailSetRow.class, name);
        if (row == null) {
            throw notFound(name);
        }
        List<String> users = sets.usersOf(name);
        if (!users.isEmpty()) {
            throw new GatewayException(Problem.CONFLICT, "The guardrail set '" + name + "' is attached to "
                    + String.join(", ", users) + "; detach it first.");
        }
        GuardrailSet before = set(row);
        em.remove(row);
        audit.record(exchange, "delete", ENTITY, name, before.toJson(), null);
        audit.afterCommit(sets::invalidate);
        return before;
    }

    /** One stored set. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<GuardrailSet> find(String name) {
        return Optional.ofNullable(em.find(GuardrailSetRow.class, name)).map(GuardrailStore::set);
    }

    /** Every stored set by name (a read for the cache: no transaction of its own). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<GuardrailSet> all() {
        return em.createNamedQuery("GuardrailSetRow.all", GuardrailSetRow.class).getResultList().stream()
                .map(GuardrailStore::set).toList();
    }

    /** The outcome of a put. */
    public record Stored(GuardrailSet set, boolean created) {
    }

    static GatewayException notFound(String name) {
        return new GatewayException(Problem.NOT_FOUND, "There is no guardrail set '" + name + "'.");
    }

    private static void requireName(String name) {
        if (name == null || !name.matches(GuardrailSet.NAME_PATTERN)) {
            throw SpecFields.invalid("name", "A guardrail set name is 1 to 64 lowercase letters, digits, '.', '_' "
                    + "or '-', starting with a letter or digit.");
        }
    }

    private static GuardrailSet set(GuardrailSetRow row) {
        JsonObject json;
        try (var r = jakarta.json.Json.createReader(new StringReader(row.getSpec()))) {
            json = r.readObject();
        }
        return new GuardrailSet(row.getName(), GuardrailSpec.parse(json), row.getChangedAt().toInstant(ZoneOffset.UTC),
                row.getChangedBy());
    }
}
