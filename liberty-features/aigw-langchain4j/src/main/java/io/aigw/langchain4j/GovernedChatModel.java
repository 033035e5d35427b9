package io.aigw.langchain4j;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.aigw.cdi.AiClient;
import io.aigw.jca.api.ProviderException;
import io.aigw.langchain4j.internal.RequestTranslator;
import io.aigw.langchain4j.internal.ResponseTranslator;
import java.util.Objects;

/**
 * A LangChain4j {@link ChatModel} that answers through the aigw gateway: each request is translated to the neutral
 * {@link io.aigw.jca.api.ChatRequest} (messages, tools, tool choice, sampling settings) and sent with the governed
 * {@link AiClient}, whose bound gateway model id replaces the request's model name. Usable with AiServices, tools
 * included. A refusal or provider failure is thrown as {@link GatewayCallException}. Thread-safe.
 */
public class GovernedChatModel implements ChatModel {

    private final AiClient client;
    private final ChatRequestParameters defaults;

    /** A model for the client's gateway model, without default parameters. */
    public GovernedChatModel(AiClient client) {
        this(client, DefaultChatRequestParameters.EMPTY);
    }

    /** A model for the client's gateway model with default parameters that each request may override. */
    public GovernedChatModel(AiClient client, ChatRequestParameters defaults) {
        this.client = Objects.requireNonNull(client, "client");
        this.defaults = defaults == null ? DefaultChatRequestParameters.EMPTY : defaults;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        io.aigw.jca.api.ChatRequest neutral = RequestTranslator.toGateway(client.model(), request, false);
        try {
            return ResponseTranslator.fromGateway(client.chat(neutral));
        } catch (ProviderException e) {
            throw new GatewayCallException(e);
        }
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
