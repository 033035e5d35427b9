package io.aigw.langchain4j.internal;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChatStreamListener;
import io.aigw.jca.api.ChoiceDelta;
import io.aigw.jca.api.FinishReason;
import io.aigw.jca.api.StreamAbortedException;
import io.aigw.jca.api.StreamOutcome;
import io.aigw.jca.api.ToolCallDelta;
import io.aigw.jca.api.Usage;
import java.util.ArrayList;
import java.util.List;

/**
 * Receives the gateway's streamed chunks on the calling thread and drives a LangChain4j
 * {@link StreamingChatResponseHandler}: text and reasoning fragments of the first choice are forwarded as they arrive,
 * tool-call pieces are forwarded and reassembled by index, and {@link #complete(StreamOutcome)} reports the complete
 * tool calls and the assembled response. It is also the handler's {@link StreamingHandle}: a cancel stops the stream
 * at the next chunk, after which the handler hears nothing more. A handler callback that throws stops the stream too;
 * the caller reports that exception through {@code onError}.
 */
public final class StreamAssembler implements ChatStreamListener, StreamingHandle {

    private final StreamingChatResponseHandler handler;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder thinking = new StringBuilder();
    private final ToolCallFragments toolCalls = new ToolCallFragments();
    private boolean hasText;
    private boolean hasThinking;
    private String id;
    private String model;
    private Usage chunkUsage;
    private FinishReason finishReason;
    private volatile boolean cancelled;

    /** An assembler for one stream, reporting to the handler. */
    public StreamAssembler(StreamingChatResponseHandler handler) {
        this.handler = handler;
    }

    @Override
    public void onOpen() throws StreamAbortedException {
        stopIfCancelled();
    }

    @Override
    public void onChunk(ChatChunk chunk) throws StreamAbortedException {
        stopIfCancelled();
        id = id == null ? chunk.id() : id;
        model = model == null ? chunk.model() : model;
        if (chunk.usage() != null) {
            chunkUsage = chunk.usage();
        }
        for (ChoiceDelta delta : chunk.choices()) {
            if (delta.index() == 0) {
                apply(delta);
            }
        }
    }

    private void apply(ChoiceDelta delta) throws StreamAbortedException {
        if (delta.reasoning() != null && delta.reasoning().text() != null && !delta.reasoning().text().isEmpty()) {
            String fragment = delta.reasoning().text();
            thinking.append(fragment);
            hasThinking = true;
            deliver(() -> handler.onPartialThinking(new PartialThinking(fragment), new PartialThinkingContext(this)));
        }
        if (delta.content() != null && !delta.content().isEmpty()) {
            String fragment = delta.content();
            text.append(fragment);
            hasText = true;
            deliver(() -> handler.onPartialResponse(new PartialResponse(fragment), new PartialResponseContext(this)));
        }
        for (ToolCallDelta piece : delta.toolCalls()) {
            PartialToolCall partial = toolCalls.add(piece);
            if (partial != null) {
                deliver(() -> handler.onPartialToolCall(partial, new PartialToolCallContext(this)));
            }
        }
        if (delta.finishReason() != null) {
            finishReason = delta.finishReason();
        }
    }

    private void deliver(Runnable callback) throws StreamAbortedException {
        try {
            callback.run();
        } catch (RuntimeException e) {
            throw new StreamAbortedException("The LangChain4j response handler failed", e);
        }
        stopIfCancelled();
    }

    private void stopIfCancelled() throws StreamAbortedException {
        if (cancelled) {
            throw new StreamAbortedException("Cancelled by the LangChain4j response handler", null);
        }
    }

    /**
     * After the stream ended: each complete tool call in index order, then the complete response with the outcome's
     * usage (the last usage chunk's when the outcome has none) and finish reason. A stream that cannot be assembled
     * (a tool call without a name) goes to {@code onError} instead. Nothing once cancelled.
     */
    public void complete(StreamOutcome outcome) {
        if (cancelled) {
            return;
        }
        List<CompleteToolCall> calls;
        ChatResponse response;
        try {
            calls = toolCalls.complete();
            response = response(outcome, calls);
        } catch (RuntimeException e) {
            handler.onError(e);
            return;
        }
        for (CompleteToolCall call : calls) {
            handler.onCompleteToolCall(call);
        }
        handler.onCompleteResponse(response);
    }

    private ChatResponse response(StreamOutcome outcome, List<CompleteToolCall> calls) {
        List<ToolExecutionRequest> requests = new ArrayList<>(calls.size());
        for (CompleteToolCall call : calls) {
            requests.add(call.toolExecutionRequest());
        }
        Usage usage = outcome != null && outcome.usage() != null ? outcome.usage() : chunkUsage;
        FinishReason reason = outcome != null && outcome.finishReason() != null ? outcome.finishReason() : finishReason;
        AiMessage message = AiMessage.builder()
                .text(hasText ? text.toString() : null)
                .thinking(hasThinking ? thinking.toString() : null)
                .toolExecutionRequests(requests)
                .build();
        return ChatResponse.builder()
                .aiMessage(message)
                .id(id)
                .modelName(model)
                .tokenUsage(ResponseTranslator.tokenUsage(usage))
                .finishReason(ResponseTranslator.finishReason(reason))
                .build();
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }
}
