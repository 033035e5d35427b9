package io.aigw.langchain4j;

import io.aigw.cdi.AiClient;
import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.ChatStreamListener;
import io.aigw.jca.api.EmbeddingResponse;
import io.aigw.jca.api.ModelInfo;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.StreamAbortedException;
import io.aigw.jca.api.StreamOutcome;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * A hand-written {@link AiClient} for tests: records every neutral request and answers from a script of responses,
 * streams (chunks, then an outcome or a failure) and embeddings, in order.
 */
public final class FakeAiClient implements AiClient {

    /** A scripted stream: chunks delivered in order, then the outcome or, when set, the failure. */
    public record Stream(List<ChatChunk> chunks, StreamOutcome outcome, ProviderException failure) {
    }

    private final String model;
    private final Deque<Object> answers = new ArrayDeque<>();
    public final List<ChatRequest> chatRequests = new ArrayList<>();
    public final List<List<String>> embedInputs = new ArrayList<>();
    public int chunksDelivered;
    public boolean opened;

    public FakeAiClient(String model) {
        this.model = model;
    }

    /** Next answer: a {@link ChatResponse}, a {@link Stream}, an {@link EmbeddingResponse} or a {@link ProviderException}. */
    public FakeAiClient then(Object answer) {
        answers.add(answer);
        return this;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public ChatResponse chat(ChatRequest request) throws ProviderException {
        chatRequests.add(request);
        return (ChatResponse) next();
    }

    @Override
    public StreamOutcome streamChat(ChatRequest request, ChatStreamListener listener)
            throws ProviderException, StreamAbortedException {
        chatRequests.add(request);
        Stream stream = (Stream) next();
        listener.onOpen();
        opened = true;
        for (ChatChunk chunk : stream.chunks()) {
            listener.onChunk(chunk);
            chunksDelivered++;
        }
        if (stream.failure() != null) {
            throw stream.failure();
        }
        return stream.outcome();
    }

    @Override
    public Flow.Publisher<ChatChunk> publishChat(ChatRequest request) {
        throw new UnsupportedOperationException();
    }

    @Override
    public EmbeddingResponse embed(List<String> inputs) throws ProviderException {
        embedInputs.add(List.copyOf(inputs));
        return (EmbeddingResponse) next();
    }

    @Override
    public List<ModelInfo> models() {
        throw new UnsupportedOperationException();
    }

    private Object next() throws ProviderException {
        Object answer = answers.poll();
        if (answer == null) {
            throw new AssertionError("the fake client has no scripted answer left");
        }
        if (answer instanceof ProviderException) {
            throw (ProviderException) answer;
        }
        return answer;
    }
}
