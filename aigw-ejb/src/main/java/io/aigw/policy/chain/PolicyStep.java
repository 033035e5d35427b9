package io.aigw.policy.chain;

/**
 * One step of the policy chain. Implementations are CDI beans ordered by {@code jakarta.annotation.Priority}
 * (lower runs first, i.e. further out).
 */
public interface PolicyStep {

    /** Whether the step takes part in this exchange; a step that does not is skipped. */
    default boolean appliesTo(Exchange exchange) {
        return true;
    }

    /**
     * Does the step's work and continues with {@code chain.proceed(exchange)}, or ends the request by throwing a
     * {@link io.aigw.policy.GatewayException}.
     */
    void apply(Exchange exchange, PolicyChain chain);
}
