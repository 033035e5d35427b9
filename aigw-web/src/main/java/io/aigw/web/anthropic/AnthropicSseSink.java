package io.aigw.web.anthropic;

import io.aigw.codec.anthropic.AnthropicErrors;
import io.aigw.codec.anthropic.AnthropicStreamEncoder;
import io.aigw.codec.json.JsonText;
import io.aigw.jca.api.ChatChunk;
import io.aigw.policy.ChatStreamSink;
import io.aigw.policy.GatewayException;
import io.aigw.web.http.SseStream;
import java.io.IOException;
import java.util.List;

/**
 * An Anthropic message stream ({@code message_start} ... {@code message_stop}), each chunk's events flushed as they
 * are produced; {@code message_delta} and {@code message_stop} are written once the request is audited.
 */
final class AnthropicSseSink implements ChatStreamSink {

    private final SseStream stream;
    private AnthropicStreamEncoder encoder;

    AnthropicSseSink(SseStream stream) {
        this.stream = stream;
    }

    /** The model name to show, as the client addressed it. */
    void present(String clientModel) {
        encoder = new AnthropicStreamEncoder(clientModel);
    }

    @Override
    public void open() throws IOException {
        stream.open();
    }

    @Override
    public void chunk(ChatChunk chunk) throws IOException {
        write(encoder.chunk(chunk));
    }

    @Override
    public void error(GatewayException failure) throws IOException {
        write(List.of(AnthropicStreamEncoder.error(AnthropicErrors.typeFor(failure.problem().status()),
                failure.getMessage())));
    }

    @Override
    public void complete() throws IOException {
        write(encoder.end());
    }

    private void write(List<AnthropicStreamEncoder.Event> events) throws IOException {
        if (events.isEmpty()) {
            return;
        }
        for (AnthropicStreamEncoder.Event e : events) {
            stream.event(e.name(), JsonText.write(e.data()));
        }
        stream.flush();
    }
}
