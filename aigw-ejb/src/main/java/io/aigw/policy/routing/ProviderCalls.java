package io.aigw.policy.routing;

import io.aigw.jca.api.AiConnection;
import io.aigw.jca.api.AiConnectionFactory;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.StreamAbortedException;
import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ResourceAllocationException;
import java.time.Duration;

/**
 * Borrows a connection from a connection factory's pool, runs work with it and returns it, translating failures:
 * no pooled connection within the pool's wait time is 503 {@code pool_exhausted}.
 */
@ApplicationScoped
public class ProviderCalls {

    @Inject
    ConnectionRegistry registry;

    /** @throws StreamAbortedException when the work's stream listener stopped the stream */
    public <T> T with(String connectionName, ConnectionWork<T> work) throws StreamAbortedException {
        AiConnectionFactory factory = registry.factory(connectionName).orElseThrow(() -> new GatewayException(
                Problem.UNKNOWN_MODEL, "No connection '" + connectionName + "' is configured.", "model", null, null));
        AiConnection connection;
        try {
            connection = factory.getConnection();
        } catch (ProviderException e) {
            throw ProviderFailures.map(e);
        } catch (ResourceAllocationException e) {
            throw new GatewayException(Problem.POOL_EXHAUSTED, "All connections of '" + connectionName
                    + "' are busy. Retry shortly.", null, Duration.ofSeconds(1), e);
        } catch (ResourceException e) {
            throw new GatewayException(Problem.PROVIDER_FAILED, "Connection '" + connectionName
                    + "' is not available.", null, null, e);
        }
        try (connection) {
            return work.apply(connection);
        } catch (ProviderException e) {
            throw ProviderFailures.map(e);
        }
    }
}
