package io.aigw.langchain4j.cdi;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.aigw.cdi.AiClient;
import io.aigw.langchain4j.GovernedChatModel;
import io.aigw.langchain4j.GovernedEmbeddingModel;
import io.aigw.langchain4j.GovernedStreamingChatModel;
import java.util.function.Function;

/** The kinds of governed LangChain4j model a configuration property can declare, with their property prefix. */
public enum ModelKind {

    /** {@code aigw.langchain4j.chat-model.<name>}: a {@link ChatModel}. */
    CHAT("chat-model", ChatModel.class, GovernedChatModel.class, GovernedChatModel::new),
    /** {@code aigw.langchain4j.streaming-chat-model.<name>}: a {@link StreamingChatModel}. */
    STREAMING_CHAT("streaming-chat-model", StreamingChatModel.class, GovernedStreamingChatModel.class,
            GovernedStreamingChatModel::new),
    /** {@code aigw.langchain4j.embedding-model.<name>}: an {@link EmbeddingModel}. */
    EMBEDDING("embedding-model", EmbeddingModel.class, GovernedEmbeddingModel.class, GovernedEmbeddingModel::new);

    /** What every property name of these models starts with. */
    public static final String PROPERTY_ROOT = "aigw.langchain4j.";

    private final String prefix;
    private final Class<?> beanType;
    private final Class<?> implementation;
    private final Function<AiClient, Object> factory;

    ModelKind(String segment, Class<?> beanType, Class<?> implementation, Function<AiClient, Object> factory) {
        this.prefix = PROPERTY_ROOT + segment + ".";
        this.beanType = beanType;
        this.implementation = implementation;
        this.factory = factory;
    }

    /** The property name prefix, the model's name follows it. */
    public String prefix() {
        return prefix;
    }

    /** The LangChain4j interface applications inject. */
    public Class<?> beanType() {
        return beanType;
    }

    /** The governed implementation. */
    public Class<?> implementation() {
        return implementation;
    }

    /** A new model of this kind that calls through the client. */
    public Object create(AiClient client) {
        return factory.apply(client);
    }
}
