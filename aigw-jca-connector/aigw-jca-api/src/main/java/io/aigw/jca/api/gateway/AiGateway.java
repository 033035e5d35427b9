package io.aigw.jca.api.gateway;

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
import java.util.List;

/**
 * The gateway's policy chain, for calls from applications on the same server. Model ids are the gateway's: a route
 * name or {@code <connection>/<model>}. The gateway identifies the calling application (its deployed name) and the
 * caller's authenticated principal from the calling thread, so call it on a container-managed thread (a request,
 * an EJB, a managed executor). Every call is audited, whatever the caller's transaction does afterwards.
 */
public interface AiGateway {

    /** A complete chat answer. */
    ChatResponse chat(ChatRequest request) throws ProviderException;

    /**
     * A streamed chat answer, delivered to the listener on the calling thread; returns when the stream has ended and
     * been audited.
     */
    StreamOutcome streamChat(ChatRequest request, ChatStreamListener listener)
            throws ProviderException, StreamAbortedException;

    /** Vectors for the inputs, in input order. */
    EmbeddingResponse embed(EmbeddingRequest request) throws ProviderException;

    /** The models and routes the calling application may use, with gateway ids. */
    List<ModelInfo> models() throws ProviderException;

    /** The status of every connection the gateway routes to. */
    List<ConnectionStatus> connections() throws ProviderException;
}
