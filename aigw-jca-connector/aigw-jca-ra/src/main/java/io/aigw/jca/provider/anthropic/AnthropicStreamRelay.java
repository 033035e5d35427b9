package io.aigw.jca.provider.anthropic;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.anthropic.AnthropicStreamDecoder;
import io.aigw.codec.json.JsonText;
import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ChatStreamListener;
import io.aigw.jca.api.ChoiceDelta;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.ProviderException.Kind;
import io.aigw.jca.api.StreamAbortedException;
import io.aigw.jca.api.StreamOutcome;
import io.aigw.jca.api.Usage;
import io.aigw.jca.provider.http.ReadWatchdog;
import io.aigw.jca.provider.http.SseEventReader;
import io.aigw.jca.provider.http.UpstreamHttp;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;

/**
 * Relays one Anthropic event stream to a listener as neutral chunks, event by event. The stream must end with
 * {@code message_stop}; an {@code error} event, unparseable data, a reset or a timeout end it with a
 * {@link ProviderException} after the chunks already delivered.
 */
final class AnthropicStreamRelay {

    private final String connection;
    private final UpstreamHttp http;
    private final ChatRequest request;
    private final AnthropicStreamDecoder decoder = new AnthropicStreamDecoder();
    private int chunks;
    private int outputChars;

    AnthropicStreamRelay(String connection, UpstreamHttp http, ChatRequest request) {
        this.connection = connection;
        this.http = http;
        this.request = request;
    }

    StreamOutcome relay(HttpResponse<InputStream> response, long start, ChatStreamListener listener)
            throws ProviderException, StreamAbortedException {
        try (InputStream body = response.body(); ReadWatchdog.Watch watch = http.watch(body, start)) {
            listener.onOpen();
            SseEventReader events = new SseEventReader(body);
            String data;
            try {
                while ((data = events.next()) != null) {
                    watch.touch();
                    for (ChatChunk chunk : decode(data)) {
                        count(chunk);
                        listener.onChunk(chunk);
                    }
                    if (decoder.stopped()) {
                        return outcome();
                    }
                }
            } catch (IOException e) {
                throw http.transportFailure(e, watch);
            }
            if (watch.expired() != null) {
                throw http.transportFailure(new IOException("stream timed out"), watch);
            }
            throw new ProviderException(Kind.UNREACHABLE, "The upstream of connection '" + connection
                    + "' closed the stream before it finished.");
        } catch (IOException e) {
            throw http.transportFailure(e, null);
        }
    }

    private java.util.List<ChatChunk> decode(String data) throws ProviderException {
        try {
            JsonObject event = JsonText.parseObject(data);
            if ("error".equals(event.getString("type", null))) {
                JsonObject error = event.getJsonObject("error");
                boolean overloaded = error != null && "overloaded_error".equals(error.getString("type", null));
                throw new ProviderException(Kind.UPSTREAM_ERROR, "The upstream of connection '" + connection
                        + "' reported " + (overloaded ? "that it is overloaded" : "an error") + " in the stream.");
            }
            return decoder.decode(event);
        } catch (InvalidMessageException | ClassCastException e) {
            throw new ProviderException(Kind.BAD_RESPONSE, "The upstream of connection '" + connection
                    + "' sent a stream event that is not valid Anthropic JSON.", e);
        }
    }

    private void count(ChatChunk chunk) {
        chunks++;
        for (ChoiceDelta d : chunk.choices()) {
            if (d.content() != null) {
                outputChars += d.content().length();
            }
        }
    }

    private StreamOutcome outcome() {
        Usage usage = decoder.usage();
        if (usage == null || usage.totalTokens() == 0) {
            int inputChars = request.messages().stream().mapToInt(m -> m.text() == null ? 0 : m.text().length()).sum();
            usage = new Usage((inputChars + 3) / 4, (outputChars + 3) / 4, 0, 0, 0, true);
        }
        return new StreamOutcome(usage, decoder.finishReason(), chunks);
    }
}
