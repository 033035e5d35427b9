package io.aigw.policy.routing;

import io.aigw.jca.api.AiConnectionFactory;
import io.aigw.policy.config.GatewaySettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The connection factories named by {@code aigw.connections}, looked up once as {@code eis/aigw/<name>}. The
 * standard names ({@code openai}, {@code anthropic}, {@code ollama}, {@code local}) have resource references declared by
 * {@link io.aigw.policy.GatewayService}; other names are looked up directly. A name with
 * no factory in {@code server.xml} is reported and skipped, never a start-up failure.
 */
@ApplicationScoped
public class ConnectionRegistry {

    private static final Logger LOG = Logger.getLogger(ConnectionRegistry.class.getName());

    @Inject
    GatewaySettings settings;

    private final Map<String, AiConnectionFactory> factories = new LinkedHashMap<>();
    private final Map<String, String> missing = new LinkedHashMap<>();

    @PostConstruct
    void lookUp() {
        for (String name : settings.connections()) {
            String jndi = "eis/aigw/" + name;
            try {
                factories.put(name, lookUp(jndi));
            } catch (NamingException | ClassCastException e) {
                missing.put(name, "no connection factory " + jndi + " is configured in server.xml");
                LOG.warning("Connection '" + name + "' is listed in aigw.connections but " + jndi
                        + " cannot be looked up: " + e);
            }
        }
    }

    /**
     * Through the application's resource reference when there is one (container-managed authentication: the factory's
     * {@code containerAuthDataRef} applies), else directly (no container credentials: only for connections that need
     * none, or that get one per request).
     */
    private static AiConnectionFactory lookUp(String jndi) throws NamingException {
        InitialContext context = new InitialContext();
        try {
            return (AiConnectionFactory) context.lookup("java:app/env/" + jndi);
        } catch (NamingException e) {
            LOG.info(() -> "No resource reference java:app/env/" + jndi + "; looking it up directly");
            return (AiConnectionFactory) context.lookup(jndi);
        }
    }

    /** The factory of a configured connection. */
    public Optional<AiConnectionFactory> factory(String name) {
        return Optional.ofNullable(factories.get(name));
    }

    /** Configured connection names, in resolution order. */
    public List<String> names() {
        return List.copyOf(factories.keySet());
    }

    /** Connections listed in configuration that have no factory, with the reason. */
    public Map<String, String> missing() {
        return Map.copyOf(missing);
    }
}
