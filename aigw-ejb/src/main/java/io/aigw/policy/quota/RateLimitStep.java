package io.aigw.policy.quota;

import io.aigw.jca.api.Usage;
import io.aigw.policy.GatewayException;
import io.aigw.policy.chain.Exchange;
import io.aigw.policy.chain.Operation;
import io.aigw.policy.chain.PolicyChain;
import io.aigw.policy.chain.PolicyStep;
import io.aigw.policy.config.GatewayClock;
import io.aigw.policy.config.GatewaySettings;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;
import java.util.List;

/**
 * Enforces the caller's rate limits before anything is spent: every applicable figure (key or defaults, tenant,
 * per-model) must admit the request, which reserves its token estimate; refused requests are 429
 * {@code rate_limit_exceeded} or {@code concurrency_limit_exceeded} with {@code Retry-After}. After the request the
 * reservation is settled to the provider's real usage. The decisions go into the audit record's details, the tightest
 * enforced figures into the answer's rate-limit headers.
 */
@ApplicationScoped
@Priority(RateLimitStep.PRIORITY)
public class RateLimitStep implements PolicyStep {

    public static final int PRIORITY = 500;
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    ScopedPolicies policies;

    @Inject
    LimitCounters counters;

    @Inject
    GatewaySettings settings;

    @Inject
    GatewayClock clock;

    @Inject
    io.aigw.policy.routing.ModelResolver resolver;

    @Inject
    io.aigw.policy.route.RouteTable routes;

    @Override
    public boolean appliesTo(Exchange exchange) {
        return exchange.caller() != null
                && (exchange.operation() == Operation.CHAT || exchange.operation() == Operation.EMBEDDINGS);
    }

    @Override
    public void apply(Exchange exchange, PolicyChain chain) {
        java.util.Map<Scope, LimitSpec> specs = policies.of(ScopedPolicy.LIMITS, LimitSpec::parse);
        List<AppliedLimit> limits = LimitPlan.of(exchange.caller(), modelNames(exchange, specs), specs, settings);
        boolean route = exchange.requestedModel() != null && routes.isRoute(exchange.requestedModel());
        boolean perModel = route && specs.values().stream().anyMatch(s -> !s.models().isEmpty());
        if (limits.isEmpty() && !perModel) {
            chain.proceed(exchange);
            return;
        }
        TokenEstimate estimate = TokenEstimate.of(exchange.decode(), settings.defaultOutputTokens());
        TargetLimits targets = perModel ? new TargetLimits(exchange.caller(), limits, specs, estimate.total()) : null;
        if (targets != null) {
            exchange.addCandidateGate(targets::admit);
        }
        Admission admission = Admission.admit(limits, estimate.total(), counters, clock.nanos());
        exchange.detail("limits", admission.decisions());
        exchange.call().responseHeaders().rateLimits(admission.state());
        GatewayException refusal = admission.refusal();
        if (refusal != null) {
            throw refusal;
        }
        try {
            chain.proceed(exchange);
        } finally {
            long used = used(exchange);
            admission.settle(used, clock.nanos());
            if (targets != null) {
                targets.settle(exchange, used);
            }
            exchange.detail("limit_tokens", JSON.createObjectBuilder().add("reserved", estimate.total())
                    .add("charged", used).build());
        }
    }

    /**
     * The names the request's model goes by: as asked and, when a per-model limit could apply, the gateway id it
     * resolves to ({@code gpt-4o-mini} reaches {@code openai/gpt-4o-mini}).
     */
    private List<String> modelNames(Exchange exchange, java.util.Map<Scope, LimitSpec> specs) {
        String requested = exchange.requestedModel();
        if (requested == null) {
            return List.of();
        }
        boolean perModel = specs.values().stream().anyMatch(s -> !s.models().isEmpty());
        if (!perModel || routes.isRoute(requested)) {
            return List.of(requested); // a route's targets are checked one by one as routing tries them
        }
        String resolved = resolver.resolve(requested).qualified();
        return resolved.equals(requested) ? List.of(requested) : List.of(requested, resolved);
    }

    /**
     * The per-model limits of a route's targets, taken when routing is about to try a target (each target's own
     * figures, beyond those the route's name already took) and settled when the request ends: the target that
     * answered is charged what was used, the others what they reserved back.
     */
    private final class TargetLimits {

        private final io.aigw.policy.auth.Caller caller;
        private final List<AppliedLimit> already;
        private final java.util.Map<Scope, LimitSpec> specs;
        private final long tokens;
        private final java.util.Map<String, Admission> taken = new java.util.LinkedHashMap<>();
        private final jakarta.json.JsonArrayBuilder decisions = JSON.createArrayBuilder();
        private boolean decided;

        TargetLimits(io.aigw.policy.auth.Caller caller, List<AppliedLimit> already,
                     java.util.Map<Scope, LimitSpec> specs, long tokens) {
            this.caller = caller;
            this.already = already;
            this.specs = specs;
            this.tokens = tokens;
        }

        GatewayException admit(String model, String qualified) {
            if (taken.containsKey(qualified)) {
                return null;
            }
            List<AppliedLimit> own = LimitPlan.of(caller, List.of(model, qualified), specs, settings).stream()
                    .filter(l -> l.model() != null && !already.contains(l)).toList();
            if (own.isEmpty()) {
                return null;
            }
            Admission a = Admission.admit(own, tokens, counters, clock.nanos());
            decisions.add(JSON.createObjectBuilder().add("target", qualified).add("decisions", a.decisions()));
            decided = true;
            if (a.refusal() != null) {
                return a.refusal();
            }
            taken.put(qualified, a);
            return null;
        }

        void settle(Exchange exchange, long used) {
            long now = clock.nanos();
            taken.forEach((target, a) -> a.settle(target.equals(exchange.resolvedModel()) ? used : 0, now));
            if (decided) {
                exchange.detail("target_limits", decisions.build());
            }
        }
    }

    /** The tokens the request used: the provider's count, nothing if it never reached one. */
    private static long used(Exchange exchange) {
        Usage u = exchange.usage();
        return u == null ? 0 : (long) u.inputTokens() + u.outputTokens();
    }
}
