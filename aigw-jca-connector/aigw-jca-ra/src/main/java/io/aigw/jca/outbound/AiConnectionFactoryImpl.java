package io.aigw.jca.outbound;

import io.aigw.jca.api.AiConnection;
import io.aigw.jca.api.AiConnectionFactory;
import io.aigw.jca.api.AiConnectionSpec;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import javax.naming.Reference;

/** The connection factory applications look up as {@code eis/aigw/<name>}; allocation goes through the pool. */
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
        return (AiConnection) connectionManager.allocateConnection(mcf, null);
    }

    @Override
    public AiConnection getConnection(AiConnectionSpec spec) throws ResourceException {
        return (AiConnection) connectionManager.allocateConnection(mcf, new AiConnectionRequestInfo(spec.apiKey()));
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
