package io.aigw.policy.routing;

import io.aigw.jca.api.AiConnection;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.StreamAbortedException;

/**
 * Work done with a pooled connection.
 *
 * @param <T> the result
 */
@FunctionalInterface
public interface ConnectionWork<T> {

    T apply(AiConnection connection) throws ProviderException, StreamAbortedException;
}
