package io.aigw.policy.quota;

import io.aigw.policy.auth.Caller;
import io.aigw.policy.config.GatewaySettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which limits apply to a request: the key's own limits (or the deploy-time defaults when it has none), the tenant's,
 * and the per-model limits of each whose model name or pattern matches the model asked for.
 */
final class LimitPlan {

    private LimitPlan() {
    }

    /**
     * @param models the names the request's model goes by (as asked, and the gateway id it resolves to): a per-model
     *               limit applies when its name or pattern matches any of them
     */
    static List<AppliedLimit> of(Caller caller, List<String> models, Map<Scope, LimitSpec> specs,
                                 GatewaySettings settings) {
        List<AppliedLimit> out = new ArrayList<>();
        Scope key = Scope.key(caller.keyId());
        LimitSpec own = specs.get(key);
        if (own != null) {
            add(out, key, own, models, false);
        } else {
            LimitSpec defaults = new LimitSpec(settings.defaultRequestsPerMinute().orElse(null),
                    settings.defaultTokensPerMinute().orElse(null), settings.defaultConcurrentRequests().orElse(null),
                    null, settings.defaultLimitsShadow());
            add(out, key, defaults, models, true);
        }
        Scope tenant = Scope.tenant(caller.tenant());
        LimitSpec tenantSpec = specs.get(tenant);
        if (tenantSpec != null) {
            add(out, tenant, tenantSpec, models, false);
        }
        return out;
    }

    private static void add(List<AppliedLimit> out, Scope scope, LimitSpec spec, List<String> models,
                            boolean defaulted) {
        figures(out, scope, null, spec, defaulted);
        if (spec.concurrentRequests() != null) {
            out.add(new AppliedLimit(scope, null, AppliedLimit.Kind.CONCURRENT, spec.concurrentRequests(),
                    spec.shadow(), defaulted));
        }
        if (!models.isEmpty()) {
            spec.models().forEach((pattern, limits) -> {
                if (models.stream().anyMatch(m -> Caller.matches(pattern, m))) {
                    figures(out, scope, pattern, new LimitSpec(limits.requestsPerMinute(), limits.tokensPerMinute(),
                            null, null, spec.shadow()), defaulted);
                }
            });
        }
    }

    private static void figures(List<AppliedLimit> out, Scope scope, String model, LimitSpec spec,
                                boolean defaulted) {
        if (spec.requestsPerMinute() != null) {
            out.add(new AppliedLimit(scope, model, AppliedLimit.Kind.REQUESTS, spec.requestsPerMinute(),
                    spec.shadow(), defaulted));
        }
        if (spec.tokensPerMinute() != null) {
            out.add(new AppliedLimit(scope, model, AppliedLimit.Kind.TOKENS, spec.tokensPerMinute(), spec.shadow(),
                    defaulted));
        }
    }
}
