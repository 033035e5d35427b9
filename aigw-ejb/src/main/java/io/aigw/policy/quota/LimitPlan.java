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

    static List<AppliedLimit> of(Caller caller, String model, Map<Scope, LimitSpec> specs, GatewaySettings settings) {
        List<AppliedLimit> out = new ArrayList<>();
        Scope key = Scope.key(caller.keyId());
        LimitSpec own = specs.get(key);
        if (own != null) {
            add(out, key, own, model, false);
        } else {
            LimitSpec defaults = new LimitSpec(settings.defaultRequestsPerMinute().orElse(null),
                    settings.defaultTokensPerMinute().orElse(null), settings.defaultConcurrentRequests().orElse(null),
                    null, settings.defaultLimitsShadow());
            add(out, key, defaults, model, true);
        }
        Scope tenant = Scope.tenant(caller.tenant());
        LimitSpec tenantSpec = specs.get(tenant);
        if (tenantSpec != null) {
            add(out, tenant, tenantSpec, model, false);
        }
        return out;
    }

    private static void add(List<AppliedLimit> out, Scope scope, LimitSpec spec, String model, boolean defaulted) {
        figures(out, scope, null, spec, defaulted);
        if (spec.concurrentRequests() != null) {
            out.add(new AppliedLimit(scope, null, AppliedLimit.Kind.CONCURRENT, spec.concurrentRequests(),
                    spec.shadow(), defaulted));
        }
        if (model != null) {
            spec.models().forEach((pattern, limits) -> {
                if (Caller.matches(pattern, model)) {
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
