package io.aigw.jca.provider;

import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.ChatStreamListener;
import io.aigw.jca.api.ConnectionStatus;
import io.aigw.jca.api.EmbeddingRequest;
import io.aigw.jca.api.EmbeddingResponse;
import io.aigw.jca.api.ModelInfo;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.StreamOutcome;
import io.aigw.jca.api.StreamAbortedException;
import java.util.List;

/** The per-managed-connection side of a provider. Used by one thread at a time (the one holding the connection). */
public interface ProviderSession {

    /** @see io.aigw.jca.api.AiConnection#chat(ChatRequest) */
    ChatResponse chat(ChatRequest request) throws ProviderException;

    /** @see io.aigw.jca.api.AiConnection#streamChat(ChatRequest, ChatStreamListener) */
    StreamOutcome streamChat(ChatRequest request, ChatStreamListener listener)
            throws ProviderException, StreamAbortedException;

    /** @see io.aigw.jca.api.AiConnection#embed(EmbeddingRequest) */
    EmbeddingResponse embed(EmbeddingRequest request) throws ProviderException;

    /** @see io.aigw.jca.api.AiConnection#listModels() */
    List<ModelInfo> listModels() throws ProviderException;

    /** @see io.aigw.jca.api.AiConnection#status() */
    ConnectionStatus status();

    /** Releases what this session owns (a local inference context; nothing for HTTP). */
    void close();
}
