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

    @Override
    public boolean appliesTo(Exchange exchange) {
        return exchange.caller() != null
                && (exchange.operation() == Operation.CHAT || exchange.operation() == Operation.EMBEDDINGS);
    }

    @Override
    public void apply(Exchange exchange, PolicyChain chain) {
        java.util.Map<Scope, LimitSpec> specs = policies.of(ScopedPolicy.LIMITS, LimitSpec::parse);
        List<AppliedLimit> limits = LimitPlan.of(exchange.caller(), modelNames(exchange, specs), specs, settings);
        if (limits.isEmpty()) {
            chain.proceed(exchange);
            return;
        }
        TokenEstimate estimate = TokenEstimate.of(exchange.decode(), settings.defaultOutputTokens());
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
        if (!perModel) {
            return List.of(requested);
        }
        String resolved = resolver.resolve(requested).qualified();
        return resolved.equals(requested) ? List.of(requested) : List.of(requested, resolved);
    }

    /** The tokens the request used: the provider's count, nothing if it never reached one. */
    private static long used(Exchange exchange) {
        Usage u = exchange.usage();
        return u == null ? 0 : (long) u.inputTokens() + u.outputTokens();
    }
}
