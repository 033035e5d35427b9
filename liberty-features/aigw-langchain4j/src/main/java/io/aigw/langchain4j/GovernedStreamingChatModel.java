package io.aigw.langchain4j;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.aigw.cdi.AiClient;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.StreamAbortedException;
import io.aigw.jca.api.StreamOutcome;
import io.aigw.langchain4j.internal.RequestTranslator;
import io.aigw.langchain4j.internal.StreamAssembler;
import java.util.Objects;

/**
 * A LangChain4j {@link StreamingChatModel} that streams through the aigw gateway with
 * {@link AiClient#streamChat(io.aigw.jca.api.ChatRequest, io.aigw.jca.api.ChatStreamListener)}. The stream runs on the
 * calling thread, so {@code doChat} returns after the handler has received {@code onCompleteResponse} or
 * {@code onError}: text fragments go to {@code onPartialResponse} in order, tool calls are reassembled from their
 * fragments, and the complete response carries the stream's usage and finish reason. Refusals and provider failures
 * arrive as {@link GatewayCallException} through {@code onError}, as does an exception thrown by the handler (which
 * stops the stream). Thread-safe.
 */
public class GovernedStreamingChatModel implements StreamingChatModel {

    private final AiClient client;
    private final ChatRequestParameters defaults;

    /** A model for the client's gateway model, without default parameters. */
    public GovernedStreamingChatModel(AiClient client) {
        this(client, DefaultChatRequestParameters.EMPTY);
    }

    /** A model for the client's gateway model with default parameters that each request may override. */
    public GovernedStreamingChatModel(AiClient client, ChatRequestParameters defaults) {
        this.client = Objects.requireNonNull(client, "client");
        this.defaults = defaults == null ? DefaultChatRequestParameters.EMPTY : defaults;
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        StreamAssembler assembler = new StreamAssembler(handler);
        StreamOutcome outcome;
        try {
            outcome = client.streamChat(RequestTranslator.toGateway(client.model(), request, true), assembler);
        } catch (ProviderException e) {
            handler.onError(new GatewayCallException(e));
            return;
        } catch (StreamAbortedException e) {
            if (!assembler.isCancelled()) {
                handler.onError(e.getCause() == null ? e : e.getCause());
            }
            return;
        } catch (RuntimeException e) {
            handler.onError(e);
            return;
        }
        assembler.complete(outcome);
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return defaults;
    }

    /** The gateway model id (route name or {@code <connection>/<model>}) this model calls. */
    public String gatewayModel() {
        return client.model();
    }
}
