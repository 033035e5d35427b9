package io.aigw.policy.authz;

import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.auth.Caller;
import io.aigw.policy.auth.GatewayRole;
import io.aigw.policy.chain.Exchange;
import io.aigw.policy.chain.PolicyChain;
import io.aigw.policy.chain.PolicyStep;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Checks that the caller may do what it asks: admin operations need the admin role, compliance operations the
 * compliance, auditor (or admin) role, and a model request a model on the key's allow-list. Runs after decoding, when the
 * requested model is known.
 */
@ApplicationScoped
@Priority(AuthorizationStep.PRIORITY)
public class AuthorizationStep implements PolicyStep {

    public static final int PRIORITY = 400;

    @Override
    public void apply(Exchange exchange, PolicyChain chain) {
        Caller caller = exchange.caller();
        switch (exchange.operation()) {
            case ADMIN -> require(caller, GatewayRole.ADMIN);
            case METRICS -> require(caller, GatewayRole.METRICS);
            case LIST_MODELS -> callsModels(caller);
            case COMPLIANCE -> {
                if (!caller.readsAudit()) {
                    throw new GatewayException(Problem.FORBIDDEN, "This operation needs the 'compliance' or 'auditor' "
                            + "role, which the API key '" + caller.keyId() + "' does not have.");
                }
            }
            case CHAT, EMBEDDINGS -> {
                callsModels(caller);
                String model = exchange.requestedModel();
                if (model != null && !caller.mayUse(model)) {
                    throw new GatewayException(Problem.MODEL_NOT_ALLOWED, "The API key '" + caller.keyId()
                            + "' is not allowed to use the model '" + model + "'.", "model", null, null);
                }
            }
            default -> {
                // an unknown path is refused by the action itself
            }
        }
        chain.proceed(exchange);
    }

    /** Every key calls models, but one made only to scrape metrics. */
    private static void callsModels(Caller caller) {
        if (!caller.has(GatewayRole.USER)) {
            throw new GatewayException(Problem.FORBIDDEN, "The API key '" + caller.keyId()
                    + "' may only read metrics; it cannot call models.");
        }
    }

    private static void require(Caller caller, GatewayRole role) {
        if (!caller.has(role)) {
            throw new GatewayException(Problem.FORBIDDEN, "This operation needs the '" + role.wireName()
                    + "' role, which the API key '" + caller.keyId() + "' does not have.");
        }
    }
}
