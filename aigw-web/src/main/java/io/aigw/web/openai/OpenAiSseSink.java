package io.aigw.web.openai;

import io.aigw.codec.json.JsonText;
import io.aigw.codec.openai.OpenAiChunks;
import io.aigw.jca.api.ChatChunk;
import io.aigw.policy.ChatStreamSink;
import io.aigw.policy.GatewayException;
import io.aigw.web.http.StreamedResponses;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes an OpenAI chat stream straight to the servlet response: committed (headers flushed) before the first event,
 * then one {@code data: <json>\n\n} event per chunk, each flushed as it is written, ending with {@code data: [DONE]}.
 * The usage chunk reaches the client only if it asked for it ({@code stream_options.include_usage}).
 */
final class OpenAiSseSink implements ChatStreamSink {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_OF_EVENT = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final String requestId;
    private String model;
    private boolean includeUsage;
    private ServletOutputStream out;

    OpenAiSseSink(HttpServletRequest request, HttpServletResponse response, String requestId) {
        this.request = request;
        this.response = response;
        this.requestId = requestId;
    }

    /** How chunks are presented: the model name the client used, and whether it wants the usage chunk. */
    void present(String clientModel, boolean usage) {
        this.model = clientModel;
        this.includeUsage = usage;
    }

    @Override
    public void open() throws IOException {
        response.setStatus(200);
        response.setContentType("text/event-stream;charset=utf-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        response.setHeader("x-request-id", requestId);
        out = response.getOutputStream();
        response.flushBuffer();
        StreamedResponses.markStreamed(request);
    }

    @Override
    public void chunk(ChatChunk chunk) throws IOException {
        if (chunk.choices().isEmpty() && chunk.usage() != null && !includeUsage) {
            return;
        }
        ChatChunk shown = includeUsage ? chunk
                : new ChatChunk(chunk.id(), chunk.model(), chunk.created(), chunk.choices(), null,
                chunk.systemFingerprint());
        event(JsonText.write(OpenAiChunks.encode(shown, model, includeUsage)));
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
        out.write(DATA);
        out.write(data.getBytes(StandardCharsets.UTF_8));
        out.write(END_OF_EVENT);
        out.flush();
    }
}
