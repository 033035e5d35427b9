package io.aigw.jca.outbound;

import io.aigw.jca.api.AiConnection;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.ChatStreamListener;
import io.aigw.jca.api.ConnectionStatus;
import io.aigw.jca.api.EmbeddingRequest;
import io.aigw.jca.api.EmbeddingResponse;
import io.aigw.jca.api.ModelInfo;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.StreamAbortedException;
import io.aigw.jca.api.StreamOutcome;
import io.aigw.jca.api.gateway.AiGateways;
import io.aigw.jca.api.gateway.GatewayUnavailableException;
import java.util.List;

/**
 * The handle an application other than the gateway gets from {@code eis/aigw/<name>}: it holds no upstream
 * connection and no credential; each call goes through the gateway's policy chain (grant, limits, budgets,
 * guardrails, audit) as {@code <name>/<model>}. Model ids in and out are the connection's own, as with a direct
 * handle.
 */
final class GovernedConnection implements AiConnection {

    private final String connectionName;
    private final String protocol;
    private volatile boolean closed;

    GovernedConnection(String connectionName, String protocol) {
        this.connectionName = connectionName;
        this.protocol = protocol;
    }

    private String qualified(String model) {
        if (closed) {
            throw new IllegalStateException("this aigw connection is closed");
        }
        return connectionName + "/" + model;
    }

    @Override
    public ChatResponse chat(ChatRequest request) throws ProviderException {
        return AiGateways.current().chat(request.withModel(qualified(request.model())).withStream(false));
    }

    @Override
    public StreamOutcome streamChat(ChatRequest request, ChatStreamListener listener)
            throws ProviderException, StreamAbortedException {
        return AiGateways.current().streamChat(request.withModel(qualified(request.model())).withStream(true),
                listener);
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request) throws ProviderException {
        return AiGateways.current().embed(request.withModel(qualified(request.model())));
    }

    @Override
    public List<ModelInfo> listModels() throws ProviderException {
        String prefix = qualified("");
        return AiGateways.current().models().stream().filter(m -> m.id().startsWith(prefix))
                .map(m -> new ModelInfo(m.id().substring(prefix.length()), m.ownedBy(), m.created(), m.capabilities()))
                .toList();
    }

    @Override
    public ConnectionStatus status() {
        qualified("");
        try {
            return AiGateways.current().connections().stream().filter(s -> connectionName.equals(s.connection()))
                    .findFirst().orElse(new ConnectionStatus(connectionName, protocol, false,
                            "the gateway does not route to this connection (aigw.connections)"));
        } catch (GatewayUnavailableException e) {
            return new ConnectionStatus(connectionName, protocol, false, e.getMessage());
        } catch (ProviderException e) {
            return new ConnectionStatus(connectionName, protocol, false, e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
