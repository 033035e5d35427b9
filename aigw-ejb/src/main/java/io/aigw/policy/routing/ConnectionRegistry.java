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
 * The connection factories named by {@code aigw.connections}, looked up once as {@code eis/aigw/<name>}; {@code *}
 * (the default) stands for every factory an administrator declared under {@code eis/aigw/}, the standard ones first
 * in their usual order, then the others by name. Each is looked up directly and gets its {@code authData} through its
 * connection manager's {@code enableContainerAuthForDirectLookups="true"}, so that any connection an administrator
 * declares works as the standard ones do. A name with no factory in {@code server.xml} is reported and skipped,
 * never a start-up failure.
 */
@ApplicationScoped
public class ConnectionRegistry {

    private static final Logger LOG = Logger.getLogger(ConnectionRegistry.class.getName());

    @Inject
    GatewaySettings settings;

    private final Map<String, AiConnectionFactory> factories = new LinkedHashMap<>();
    private final Map<String, String> missing = new LinkedHashMap<>();

    /** The connections of the default configuration, in resolution order. */
    static final List<String> STANDARD = List.of("openai", "anthropic", "gemini", "bedrock", "ollama", "local");
    private static final String CONTEXT = "eis/aigw";

    @PostConstruct
    void lookUp() {
        for (String name : ConnectionNames.expand(settings.connections(), STANDARD, ConnectionRegistry::declared)) {
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

    private static AiConnectionFactory lookUp(String jndi) throws NamingException {
        return (AiConnectionFactory) new InitialContext().lookup(jndi);
    }

    /** The names bound under {@code eis/aigw/}, or the standard names when the naming context cannot list them. */
    private static List<String> declared() {
        List<String> names = new java.util.ArrayList<>();
        try {
            javax.naming.NamingEnumeration<javax.naming.NameClassPair> bound = new InitialContext().list(CONTEXT);
            while (bound.hasMore()) {
                names.add(bound.next().getName());
            }
            return names;
        } catch (NamingException | RuntimeException e) {
            LOG.warning("aigw.connections is '*' but " + CONTEXT + " cannot be listed (" + e
                    + "); using the standard connections " + STANDARD);
            return STANDARD;
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
