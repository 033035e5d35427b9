package io.aigw.policy.chain;

import io.aigw.policy.GatewayException;

/**
 * A check a policy step asks routing to make on each target of a route before it is tried (the step cannot know the
 * targets in advance): per-model limits, the budget's price for that target. The step that registers a gate settles
 * whatever the gate reserved once the request ends.
 */
@FunctionalInterface
public interface CandidateGate {

    /**
     * Why this target may not be tried for the request, or {@code null} when it may.
     *
     * @param model     the target's model as the route names it
     * @param qualified the gateway id it resolves to ({@code <connection>/<model>})
     */
    GatewayException refuse(String model, String qualified);
}
