package io.aigw.cdi.internal;

import io.aigw.cdi.AiClient;
import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.ChatStreamListener;
import io.aigw.jca.api.EmbeddingRequest;
import io.aigw.jca.api.EmbeddingResponse;
import io.aigw.jca.api.ModelInfo;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.StreamAbortedException;
import io.aigw.jca.api.StreamOutcome;
import io.aigw.jca.api.gateway.AiGateways;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * An {@link AiClient} that forwards every call to the gateway registered at the time of the call (so injection works
 * before the gateway has started, and a restarted gateway is picked up).
 */
final class GovernedClient implements AiClient {

    private final String model;

    GovernedClient(String model) {
        this.model = model;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public ChatResponse chat(ChatRequest request) throws ProviderException {
        return AiGateways.current().chat(request.withModel(model).withStream(false));
    }

    @Override
    public StreamOutcome streamChat(ChatRequest request, ChatStreamListener listener)
            throws ProviderException, StreamAbortedException {
        return AiGateways.current().streamChat(request.withModel(model).withStream(true), listener);
    }

    @Override
    public Flow.Publisher<ChatChunk> publishChat(ChatRequest request) {
        return new ChunkPublisher(this, request, ChunkPublisher.defaultExecutor());
    }

    @Override
    public EmbeddingResponse embed(List<String> inputs) throws ProviderException {
        return AiGateways.current().embed(new EmbeddingRequest(model, inputs, null, null));
    }

    @Override
    public List<ModelInfo> models() throws ProviderException {
        return AiGateways.current().models();
    }

    @Override
    public String toString() {
        return "AiClient[" + model + "]";
    }
}
