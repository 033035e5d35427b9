package io.aigw.policy.guardrail;

import io.aigw.policy.chain.Exchange;
import io.aigw.policy.quota.Scope;
import io.aigw.policy.quota.ScopedPolicyStore;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.util.List;

/**
 * Which guardrail sets a tenant or key has ({@code "guardrails"} on {@code /admin/tenants} and {@code /admin/keys}),
 * stored as a scoped policy document of kind {@value GuardrailSets#KIND}, audited like the limits.
 */
@Stateless
public class GuardrailAttachments {

    @EJB
    ScopedPolicyStore store;

    @Inject
    GuardrailSets sets;

    /** Attaches exactly {@code names} (an empty list detaches all); every name must be a stored set. */
    public List<String> attach(Exchange exchange, Scope scope, List<String> names) {
        sets.requireExisting(names, "guardrails");
        boolean had = store.find(GuardrailSets.KIND, scope).isPresent();
        if (names.isEmpty()) {
            if (had) {
                store.delete(exchange, GuardrailSets.KIND, scope);
            }
            return List.of();
        }
        JsonObject doc = JsonProvider.provider().createObjectBuilder()
                .add("guardrails", GuardrailNames.toJson(names)).build();
        store.put(exchange, GuardrailSets.KIND, scope, doc);
        return List.copyOf(names);
    }

    /** The sets attached to a tenant or key, as stored now. */
    public List<String> of(Scope scope) {
        return store.find(GuardrailSets.KIND, scope)
                .map(json -> GuardrailNames.parse(json.get("guardrails"), "guardrails")).orElse(List.of());
    }

    /** Every tenant's and key's attached sets, as stored now (for listings). */
    public java.util.Map<Scope, List<String>> all() {
        java.util.Map<Scope, List<String>> out = new java.util.HashMap<>();
        for (io.aigw.policy.quota.ScopedPolicy p : store.all(GuardrailSets.KIND)) {
            out.put(p.scope(), GuardrailNames.parse(ScopedPolicyStore.parse(p.getSpec()).get("guardrails"),
                    "guardrails"));
        }
        return out;
    }
}
