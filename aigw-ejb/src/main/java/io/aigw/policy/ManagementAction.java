package io.aigw.policy;

import io.aigw.policy.chain.Exchange;

/**
 * An administrative or compliance action run by {@link GatewayService#manage}; it gets the request's exchange (who
 * asks, the request id) so that the changes it makes are audited with that request.
 */
@FunctionalInterface
public interface ManagementAction<T> {

    T apply(Exchange exchange);
}
