package io.aigw.jca.provider.local;

import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.ChatStreamListener;
import io.aigw.jca.api.ConnectionStatus;
import io.aigw.jca.api.EmbeddingRequest;
import io.aigw.jca.api.EmbeddingResponse;
import io.aigw.jca.api.ModelInfo;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.ProviderException.Kind;
import io.aigw.jca.api.StreamOutcome;
import io.aigw.jca.provider.LocalModels;
import io.aigw.jca.provider.ProviderSession;
import io.aigw.jca.provider.ProviderSettings;
import java.util.List;
import java.util.Set;

/** Serves the in-process models. Chat needs a local generation model, which this connection does not have yet. */
final class LocalSession implements ProviderSession {

    private final ProviderSettings settings;
    private final LocalModels models;

    LocalSession(ProviderSettings settings, LocalModels models) {
        this.settings = settings;
        this.models = models;
    }

    @Override
    public ChatResponse chat(ChatRequest request) throws ProviderException {
        throw noChat();
    }

    @Override
    public StreamOutcome streamChat(ChatRequest request, ChatStreamListener listener) throws ProviderException {
        throw noChat();
    }

    private ProviderException noChat() {
        return new ProviderException(Kind.UNSUPPORTED, "Connection '" + settings.connectionName()
                + "' serves embedding models only; no local chat model is configured.");
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request) throws ProviderException {
        if (request.dimensions() != null) {
            throw new ProviderException(Kind.UNSUPPORTED, "Model '" + request.model()
                    + "' does not support the 'dimensions' parameter.");
        }
        return models.embed(request.model(), request.inputs());
    }

    @Override
    public List<ModelInfo> listModels() {
        return models.embeddingModels().stream()
                .map(id -> new ModelInfo(id, "aigw", 0, Set.of(ModelInfo.Capability.EMBEDDINGS)))
                .toList();
    }

    @Override
    public ConnectionStatus status() {
        return new ConnectionStatus(settings.connectionName(), settings.protocol(), true, null);
    }

    @Override
    public void close() {
        // embedding inference holds no per-connection state
    }
}
