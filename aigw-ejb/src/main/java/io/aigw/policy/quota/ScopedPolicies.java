package io.aigw.policy.quota;

import io.aigw.policy.config.GatewayClock;
import io.aigw.policy.config.GatewaySettings;
import io.aigw.policy.config.RefreshedValue;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The stored limits and budgets as the request path reads them: every document of a kind, parsed once, reloaded
 * when older than {@code aigw.quotas.refresh} (changes made on another server sharing the database arrive within it)
 * and at once after a change on this server (one thread reloads while the others go on with the previous documents,
 * unless a change on this server made them stale). If a reload fails, the previous documents stay in force.
 */
@ApplicationScoped
public class ScopedPolicies {

    @EJB
    ScopedPolicyStore store;

    @Inject
    GatewaySettings settings;

    @Inject
    GatewayClock clock;

    private final Map<String, RefreshedValue<?>> byKind = new ConcurrentHashMap<>();

    /** Every document of {@code kind} by scope, parsed with {@code parser}. */
    @SuppressWarnings("unchecked")
    public <T> Map<Scope, T> of(String kind, Function<jakarta.json.JsonObject, T> parser) {
        RefreshedValue<Map<Scope, T>> v = (RefreshedValue<Map<Scope, T>>) byKind.computeIfAbsent(kind,
                k -> new RefreshedValue<Map<Scope, T>>(k, () -> load(k, parser), settings.quotasRefresh(),
                        clock::nanos));
        return v.get();
    }

    private <T> Map<Scope, T> load(String kind, Function<jakarta.json.JsonObject, T> parser) {
        Map<Scope, T> loaded = new HashMap<>();
        for (ScopedPolicy p : store.all(kind)) {
            loaded.put(p.scope(), parser.apply(ScopedPolicyStore.parse(p.getSpec())));
        }
        return Map.copyOf(loaded);
    }

    /** Forgets what was loaded: call once a change has committed. */
    public void invalidate() {
        byKind.values().forEach(RefreshedValue::invalidate);
    }
}
