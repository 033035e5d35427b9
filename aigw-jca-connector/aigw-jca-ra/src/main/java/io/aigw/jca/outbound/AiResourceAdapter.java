package io.aigw.jca.outbound;

import io.aigw.jca.provider.Provider;
import io.aigw.jca.provider.http.ReadWatchdog;
import io.aigw.jca.provider.local.MiniLmEmbeddingModels;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;

/**
 * The aigw resource adapter (outbound only). Owns what all its connection factories share: the read watchdog on a
 * timer from the bootstrap context, and the in-process embedding models, loaded once. Closes the providers of its
 * connection factories (and with them their local chat models) when it stops.
 */
public class AiResourceAdapter implements ResourceAdapter {

    private static final Logger LOG = Logger.getLogger(AiResourceAdapter.class.getName());

    private volatile ReadWatchdog watchdog;
    private String gatewayApplication = "aigw";
    private volatile GatewayCallers callers = new GatewayCallers(gatewayApplication);
    private final MiniLmEmbeddingModels localModels = new MiniLmEmbeddingModels();
    private final Set<Provider> providers = ConcurrentHashMap.newKeySet();
    private final java.util.Map<String, AiManagedConnectionFactory> current = new ConcurrentHashMap<>();

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        try {
            watchdog = new ReadWatchdog(context.createTimer());
        } catch (UnavailableException e) {
            throw new ResourceAdapterInternalException("no timer available for the read watchdog", e);
        }
        LOG.info("aigw resource adapter started");
    }

    @Override
    public void stop() {
        ReadWatchdog w = watchdog;
        if (w != null) {
            w.stop();
        }
        for (Provider p : providers) {
            p.close();
        }
        providers.clear();
        localModels.release();
        LOG.info("aigw resource adapter stopped");
    }

    /**
     * Takes a connection factory's provider into the adapter's care: it is closed when the adapter stops. A factory
     * that replaces another of the same connection name (its configuration changed in {@code server.xml}) retires the
     * old one, whose provider (HTTP pool, loaded model) is closed once its last connection is destroyed.
     */
    void adopt(AiManagedConnectionFactory factory, Provider provider) {
        providers.add(provider);
        AiManagedConnectionFactory previous = current.put(factory.getConnectionName(), factory);
        if (previous != null && previous != factory) {
            previous.retire();
        }
    }

    /** The deployed name of the gateway application: the one application that gets upstream connections. */
    public String getGatewayApplication() {
        return gatewayApplication;
    }

    public void setGatewayApplication(String name) {
        gatewayApplication = name == null || name.isBlank() ? "aigw" : name.trim();
        callers = new GatewayCallers(gatewayApplication);
    }

    GatewayCallers callers() {
        return callers;
    }

    /** The provider was closed by its factory. */
    void release(Provider provider) {
        providers.remove(provider);
    }

    /** The shared watchdog, or {@code null} before {@link #start(BootstrapContext)}. */
    ReadWatchdog watchdog() {
        return watchdog;
    }

    MiniLmEmbeddingModels localModels() {
        return localModels;
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        throw new NotSupportedException("aigw has no inbound messaging");
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        // no inbound messaging
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AiResourceAdapter;
    }

    @Override
    public int hashCode() {
        return AiResourceAdapter.class.hashCode();
    }
}
