package io.aigw.jca.outbound;

import io.aigw.jca.api.AiConnection;
import io.aigw.jca.api.AiConnectionFactory;
import io.aigw.jca.api.AiConnectionSpec;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import javax.naming.Reference;

/**
 * The connection factory applications look up as {@code eis/aigw/<name>}. The gateway application's requests are
 * allocated from the pool; every other application gets a {@link GovernedConnection}, which calls through the
 * gateway, so that a lookup never hands the upstream credential to code the gateway does not govern.
 */
public class AiConnectionFactoryImpl implements AiConnectionFactory {
    private static final long serialVersionUID = 1L;

    private final AiManagedConnectionFactory mcf;
    private final transient ConnectionManager connectionManager;
    private Reference reference;

    AiConnectionFactoryImpl(AiManagedConnectionFactory mcf, ConnectionManager connectionManager) {
        this.mcf = mcf;
        this.connectionManager = connectionManager;
    }

    @Override
    public AiConnection getConnection() throws ResourceException {
        if (!mcf.gatewayIsCalling()) {
            return new GovernedConnection(mcf.getConnectionName(), mcf.getProtocol());
        }
        return allocate(null);
    }

    @Override
    public AiConnection getConnection(AiConnectionSpec spec) throws ResourceException {
        if (!mcf.gatewayIsCalling()) {
            throw new jakarta.resource.spi.SecurityException("A connection with a per-request upstream credential is "
                    + "for the aigw gateway only; other applications use getConnection(), which is governed.");
        }
        return allocate(new AiConnectionRequestInfo(spec.apiKey()));
    }

    private AiConnection allocate(AiConnectionRequestInfo info) throws ResourceException {
        mcf.allocating(1);
        try {
            return (AiConnection) connectionManager.allocateConnection(mcf, info);
        } finally {
            mcf.allocating(-1);
        }
    }

    @Override
    public String protocol() {
        return mcf.getProtocol();
    }

    @Override
    public io.aigw.jca.api.PoolUsage poolUsage() {
        return mcf.poolUsage();
    }

    @Override
    public String connectionName() {
        return mcf.getConnectionName();
    }

    @Override
    public boolean keepsDataLocal() {
        return mcf.keepsDataLocal();
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
