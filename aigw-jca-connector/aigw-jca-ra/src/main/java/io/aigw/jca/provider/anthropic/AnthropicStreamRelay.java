package io.aigw.jca.provider.anthropic;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.anthropic.AnthropicStreamDecoder;
import io.aigw.codec.json.JsonText;
import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.ProviderException.Kind;
import io.aigw.jca.api.StreamOutcome;
import io.aigw.jca.provider.StreamTally;
import io.aigw.jca.provider.http.SseChunkRelay;
import io.aigw.jca.provider.http.UpstreamHttp;
import jakarta.json.JsonObject;
import java.util.List;

/**
 * Translates an Anthropic event stream into neutral chunks; {@code message_stop} is the end marker, and an
 * {@code error} event ends the stream with a {@link ProviderException}.
 */
final class AnthropicStreamRelay extends SseChunkRelay {

    private final ChatRequest request;
    private final AnthropicStreamDecoder decoder = new AnthropicStreamDecoder();
    private final StreamTally tally = new StreamTally();

    AnthropicStreamRelay(String connection, UpstreamHttp http, ChatRequest request) {
        super(connection, http);
        this.request = request;
    }

    @Override
    protected List<ChatChunk> onEvent(String data) throws ProviderException {
        List<ChatChunk> decoded = decode(data);
        decoded.forEach(tally::count);
        return decoded;
    }

    @Override
    protected boolean finished() {
        return decoder.stopped();
    }

    @Override
    protected boolean completeWithoutEndMarker() {
        return false;
    }
    private List<ChatChunk> decode(String data) throws ProviderException {
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

    @Override
    protected StreamOutcome outcome() {
        return new StreamOutcome(tally.usageOr(decoder.usage(), request), decoder.finishReason(), tally.chunks());
    }
}
