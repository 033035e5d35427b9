package io.aigw.jca.api;

import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import java.io.Serializable;

/**
 * A pooled source of {@link AiConnection}s to one provider connection, declared by an administrator in
 * {@code server.xml} as {@code eis/aigw/<name>}. Use with try-with-resources: closing a connection returns it to the pool.
 */
public interface AiConnectionFactory extends Serializable, Referenceable {

    /** A connection with the credentials the administrator configured (container-managed {@code authData}). */
    AiConnection getConnection() throws ResourceException;

    /** A connection that authenticates upstream with the given spec's credential instead of the configured one. */
    AiConnection getConnection(AiConnectionSpec spec) throws ResourceException;

    /** The connection's configured name, the {@code <name>} of {@code eis/aigw/<name>} and of model ids {@code <name>/<model>}. */
    String connectionName();

    /**
     * Whether the administrator marked this connection as keeping data on infrastructure they control
     * ({@code dataLocality="local"}; in-process models by default): guardrails may require such a connection for
     * sensitive requests.
     */
    default boolean keepsDataLocal() {
        return false;
    }

    /** The connection's wire protocol ({@code openai}, {@code anthropic}, {@code gemini}, {@code bedrock}, {@code local}), or {@code null}. */
    default String protocol() {
        return null;
    }

    /** How the pool behind this factory is used now, or {@code null} if the factory does not know. */
    default PoolUsage poolUsage() {
        return null;
    }
}
