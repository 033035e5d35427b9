package io.aigw.cdi;

import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.ChatStreamListener;
import io.aigw.jca.api.EmbeddingResponse;
import io.aigw.jca.api.ModelInfo;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.StreamAbortedException;
import io.aigw.jca.api.StreamOutcome;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * A governed AI client bound to one gateway model id ({@link #model()}): every call goes through the aigw gateway's
 * policy chain as the calling application (and its caller's principal) and is audited. The bound model replaces the
 * model of every request passed in. Thread-safe. Refusals are the typed exceptions of
 * {@link io.aigw.jca.api.gateway}.
 */
public interface AiClient {

    /** The route name or {@code <connection>/<model>} this client calls. */
    String model();

    /** A complete chat answer. */
    ChatResponse chat(ChatRequest request) throws ProviderException;

    /** A complete chat answer to one user message. */
    default ChatResponse chat(String userMessage) throws ProviderException {
        return chat(ChatRequest.of(model(), List.of(ChatMessage.text(io.aigw.jca.api.Role.USER, userMessage))));
    }

    /**
     * A streamed answer, each chunk delivered to the listener on the calling thread as it arrives; returns when the
     * stream has ended and been audited. Throw {@link StreamAbortedException} from the listener to stop it.
     */
    StreamOutcome streamChat(ChatRequest request, ChatStreamListener listener)
            throws ProviderException, StreamAbortedException;

    /**
     * A streamed answer as a {@link Flow.Publisher} of chunks (one subscriber). The stream runs on the application's
     * default managed executor (so it keeps the caller's application and principal), honours the subscriber's
     * demand, and stops upstream when the subscription is cancelled. Refusals arrive as {@code onError}.
     */
    Flow.Publisher<ChatChunk> publishChat(ChatRequest request);

    /** Vectors for the inputs, in order. */
    EmbeddingResponse embed(List<String> inputs) throws ProviderException;

    /** The models and routes the calling application may use (gateway ids). */
    List<ModelInfo> models() throws ProviderException;
}
