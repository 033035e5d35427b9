package io.aigw.policy.routing;

import io.aigw.jca.api.StreamAbortedException;

/** One attempt of a request on one target. */
@FunctionalInterface
public interface TargetCall<T> {

    /**
     * @throws io.aigw.policy.GatewayException the attempt failed (the router decides whether another follows)
     * @throws StreamAbortedException          the client went away or the stream was refused: no other attempt
     */
    T call(ResolvedModel target) throws StreamAbortedException;
}
