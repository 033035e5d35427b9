package io.aigw.policy.telemetry;

import io.aigw.jca.api.AiConnectionFactory;
import io.aigw.policy.routing.ConnectionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;

/** {@code gen_ai.provider.name} of each connection, from its protocol, remembered. */
@ApplicationScoped
public class ConnectionProviders {

    @Inject
    ConnectionRegistry connections;

    private final ConcurrentHashMap<String, String> providers = new ConcurrentHashMap<>();

    /** The provider name of the connection, {@code ""} when there is none. */
    public String of(String connection) {
        if (connection == null) {
            return "";
        }
        return providers.computeIfAbsent(connection, c -> GenAiNames.provider(
                connections.factory(c).map(AiConnectionFactory::protocol).orElse(null)));
    }
}
