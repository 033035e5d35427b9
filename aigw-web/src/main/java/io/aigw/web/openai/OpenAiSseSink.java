package io.aigw.web.openai;

import io.aigw.codec.json.JsonText;
import io.aigw.codec.openai.OpenAiChunks;
import io.aigw.jca.api.ChatChunk;
import io.aigw.policy.ChatStreamSink;
import io.aigw.policy.GatewayException;
import io.aigw.web.http.SseStream;
import java.io.IOException;

/**
 * An OpenAI chat stream: one {@code data: <json>} event per chunk, flushed as it is written, ending with
 * {@code data: [DONE]}. The usage chunk reaches the client only if it asked for it
 * ({@code stream_options.include_usage}).
 */
final class OpenAiSseSink implements ChatStreamSink {

    private final SseStream stream;
    private String model;
    private boolean includeUsage;

    OpenAiSseSink(SseStream stream) {
        this.stream = stream;
    }

    /** How chunks are presented: the model name the client used, and whether it wants the usage chunk. */
    void present(String clientModel, boolean usage) {
        this.model = clientModel;
        this.includeUsage = usage;
    }

    @Override
    public void open() throws IOException {
        stream.open();
    }

    @Override
    public void chunk(ChatChunk chunk) throws IOException {
        if (chunk.choices().isEmpty() && chunk.usage() != null && !includeUsage) {
            return;
        }
        if (onlyReasoning(chunk)) {
            return; // the OpenAI format has no reasoning text: nothing to show, no empty delta
        }
        ChatChunk shown = includeUsage ? chunk
                : new ChatChunk(chunk.id(), chunk.model(), chunk.created(), chunk.choices(), null,
                chunk.systemFingerprint());
        event(JsonText.write(OpenAiChunks.encode(shown, model, includeUsage)));
    }

    private static boolean onlyReasoning(ChatChunk chunk) {
        return !chunk.choices().isEmpty() && chunk.usage() == null && chunk.choices().stream().allMatch(d ->
                d.reasoning() != null && d.role() == null && d.content() == null && d.refusal() == null
                        && d.toolCalls().isEmpty() && d.finishReason() == null);
    }

    @Override
    public void error(GatewayException failure) throws IOException {
        event(JsonText.write(OpenAiErrorResponses.envelope(failure)));
    }

    @Override
    public void complete() throws IOException {
        event("[DONE]");
    }

    private void event(String data) throws IOException {
        stream.event(null, data);
        stream.flush();
    }
}
