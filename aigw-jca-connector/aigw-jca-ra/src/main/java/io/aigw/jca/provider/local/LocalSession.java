package io.aigw.jca.provider.local;

import io.aigw.jca.api.ChatChoice;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.ChatStreamListener;
import io.aigw.jca.api.ConnectionStatus;
import io.aigw.jca.api.EmbeddingRequest;
import io.aigw.jca.api.EmbeddingResponse;
import io.aigw.jca.api.ModelInfo;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.ProviderException.Kind;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.StreamAbortedException;
import io.aigw.jca.api.StreamOutcome;
import io.aigw.jca.api.Usage;
import io.aigw.jca.provider.LocalModels;
import io.aigw.jca.provider.ProviderSession;
import io.aigw.jca.provider.ProviderSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Serves the in-process models on one managed connection. Chat runs on the connection factory's GGUF model (when one
 * is configured) in the inference slot this connection leases at its first generation and keeps until it is
 * destroyed; embeddings run on the shared embedding models.
 */
final class LocalSession implements ProviderSession {

    private final ProviderSettings settings;
    private final LocalModels models;
    private final GgufChatModel chatModel;
    private InferenceSlots.Lease slot;

    /** @param chatModel the factory's chat model, or {@code null} when none is configured */
    LocalSession(ProviderSettings settings, LocalModels models, GgufChatModel chatModel) {
        this.settings = settings;
        this.models = models;
        this.chatModel = chatModel;
    }

    @Override
    public ChatResponse chat(ChatRequest request) throws ProviderException {
        try {
            LocalGeneration.Result result = generation(request).run(text -> { });
            return new ChatResponse(completionId(), chatModel.id(), epochSeconds(),
                    List.of(new ChatChoice(0, ChatMessage.text(Role.ASSISTANT, result.text()), result.finishReason())),
                    usage(result), null);
        } catch (StreamAbortedException e) {
            throw new IllegalStateException("a complete answer cannot be aborted", e);
        }
    }

    @Override
    public StreamOutcome streamChat(ChatRequest request, ChatStreamListener listener)
            throws ProviderException, StreamAbortedException {
        LocalGeneration generation = generation(request);
        LocalChatStream stream = new LocalChatStream(listener, completionId(), chatModel.id(), epochSeconds());
        listener.onOpen();
        LocalGeneration.Result result = generation.run(stream);
        Usage usage = usage(result);
        stream.finish(result.finishReason(), usage);
        return new StreamOutcome(usage, result.finishReason(), stream.chunks());
    }

    /** A generation of the configured chat model in this connection's slot, after checking the model id. */
    private LocalGeneration generation(ChatRequest request) throws ProviderException {
        if (chatModel == null) {
            throw new ProviderException(Kind.UNSUPPORTED, "Connection '" + settings.connectionName()
                    + "' serves embedding models only; no local chat model is configured.");
        }
        if (models.embeddingModels().contains(request.model())) {
            throw new ProviderException(Kind.UNSUPPORTED, "Model '" + request.model()
                    + "' is an embedding model; it does not chat.");
        }
        if (!chatModel.id().equals(request.model())) {
            throw new ProviderException(Kind.NOT_FOUND, "The local connection '" + settings.connectionName()
                    + "' has no chat model '" + request.model() + "'.");
        }
        LocalGeneration generation = new LocalGeneration(chatModel, settings.totalTimeout(), request);
        if (slot == null) {
            slot = chatModel.slots().lease();
        }
        return generation;
    }

    private static Usage usage(LocalGeneration.Result result) {
        return Usage.of(result.promptTokens(), result.completionTokens());
    }

    private static String completionId() {
        return "chatcmpl-local-" + UUID.randomUUID();
    }

    private static long epochSeconds() {
        return System.currentTimeMillis() / 1000;
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
        List<ModelInfo> list = new ArrayList<>();
        if (chatModel != null) {
            list.add(new ModelInfo(chatModel.id(), "aigw", 0, Set.of(ModelInfo.Capability.CHAT)));
        }
        models.embeddingModels().forEach(id -> list.add(new ModelInfo(id, "aigw", 0,
                Set.of(ModelInfo.Capability.EMBEDDINGS))));
        return list;
    }

    /** Available unless a configured chat model cannot be served; checking does not load the model. */
    @Override
    public ConnectionStatus status() {
        String problem = chatModel == null ? null : chatModel.problem();
        return new ConnectionStatus(settings.connectionName(), settings.protocol(), problem == null, problem);
    }

    /** Gives the inference slot back to the model; the model itself stays loaded. */
    @Override
    public void close() {
        if (slot != null) {
            slot.release();
            slot = null;
        }
    }
}
