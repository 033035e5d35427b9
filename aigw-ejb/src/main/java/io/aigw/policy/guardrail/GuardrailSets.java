package io.aigw.policy.guardrail;

import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.auth.Caller;
import io.aigw.policy.config.GatewayClock;
import io.aigw.policy.config.GatewaySettings;
import io.aigw.policy.config.RefreshedValue;
import io.aigw.policy.quota.Scope;
import io.aigw.policy.quota.ScopedPolicies;
import io.aigw.policy.route.Route;
import io.aigw.policy.route.RouteTable;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The guardrail sets in force and which apply to a request: those attached to its tenant, its key and its route
 * (in that order, each set once), or {@code aigw.guardrails.default} when none is attached anywhere. Reloaded like
 * the limits (within {@code aigw.quotas.refresh}, at once after a change on this server).
 */
@ApplicationScoped
public class GuardrailSets {

    /** The {@link io.aigw.policy.quota.ScopedPolicy} kind that attaches sets to tenants and keys. */
    public static final String KIND = "guardrails";
    private static final Function<jakarta.json.JsonObject, List<String>> ATTACHED =
            json -> GuardrailNames.parse(json.get("guardrails"), "guardrails");

    @EJB
    GuardrailStore store;

    @Inject
    ScopedPolicies scoped;

    @Inject
    RouteTable routes;

    @Inject
    GatewaySettings settings;

    @Inject
    GatewayClock clock;

    private RefreshedValue<Map<String, GuardrailSet>> sets;

    @PostConstruct
    void init() {
        sets = new RefreshedValue<>("guardrail sets", () -> store.all().stream()
                .collect(Collectors.toUnmodifiableMap(GuardrailSet::name, s -> s)), settings.quotasRefresh(),
                clock::nanos);
    }

    /** Every set by name. */
    public Map<String, GuardrailSet> all() {
        return sets.get();
    }

    /** The sets a request of {@code caller} on {@code route} passes, in order; empty when none applies. */
    public List<GuardrailSet> applicable(Caller caller, Optional<Route> route) {
        Set<String> names = new LinkedHashSet<>();
        Map<Scope, List<String>> attached = scoped.of(KIND, ATTACHED);
        if (caller.tenant() != null) {
            names.addAll(attached.getOrDefault(Scope.tenant(caller.tenant()), List.of()));
        }
        names.addAll(attached.getOrDefault(Scope.key(caller.keyId()), List.of()));
        route.ifPresent(r -> names.addAll(r.spec().guardrails()));
        if (names.isEmpty()) {
            settings.guardrailsDefault().ifPresent(names::add);
        }
        if (names.isEmpty()) {
            return List.of();
        }
        Map<String, GuardrailSet> all = sets.get();
        List<GuardrailSet> out = new ArrayList<>(names.size());
        for (String name : names) {
            GuardrailSet set = all.get(name);
            if (set == null) {
                throw new GatewayException(Problem.GUARDRAIL_UNAVAILABLE, "The guardrail set '" + name
                        + "' that applies to this request does not exist; the request is refused rather than served "
                        + "without it. An administrator must create it or detach it.");
            }
            out.add(set);
        }
        return out;
    }

    /** Who uses a set ({@code tenant:acme}, {@code key:key_01}, {@code route:fast}, {@code default}). */
    public List<String> usersOf(String name) {
        scoped.invalidate();
        routes.invalidate();
        List<String> users = new ArrayList<>();
        scoped.of(KIND, ATTACHED).forEach((scope, names) -> {
            if (names.contains(name)) {
                users.add(scope.toString());
            }
        });
        routes.routes().values().stream().filter(r -> r.spec().guardrails().contains(name))
                .forEach(r -> users.add("route:" + r.name()));
        if (settings.guardrailsDefault().filter(name::equals).isPresent()) {
            users.add("aigw.guardrails.default");
        }
        users.sort(null);
        return users;
    }

    /** Checks that every name is a stored set (for attaching); 400 naming the first that is not. */
    public void requireExisting(List<String> names, String field) {
        sets.invalidate();
        Map<String, GuardrailSet> all = sets.get();
        for (String n : names) {
            if (!all.containsKey(n)) {
                throw new GatewayException(Problem.INVALID_REQUEST, "There is no guardrail set '" + n
                        + "'; create it with PUT /admin/guardrails/" + n + " first.", field, null, null);
            }
        }
    }

    /** Forgets what was loaded: call once a change has committed. */
    public void invalidate() {
        sets.invalidate();
    }
}
