package io.aigw.jca.provider.gemini;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.gemini.GeminiErrors;
import io.aigw.codec.gemini.GeminiStreamDecoder;
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
 * Translates a Gemini {@code alt=sse} stream: every {@code data:} event is a whole {@code GenerateContentResponse}.
 * Gemini has no end marker; a stream whose body ends after every candidate finished is complete, one that ends
 * earlier was cut. An {@code error} object in the stream ends it with a {@link ProviderException}.
 */
final class GeminiStreamRelay extends SseChunkRelay {

    private final ChatRequest request;
    private final GeminiStreamDecoder decoder = new GeminiStreamDecoder();
    private final StreamTally tally = new StreamTally();

    GeminiStreamRelay(String connection, UpstreamHttp http, ChatRequest request) {
        super(connection, http);
        this.request = request;
    }

    @Override
    protected List<ChatChunk> onEvent(String data) throws ProviderException {
        List<ChatChunk> decoded = decode(data);
        decoded.forEach(tally::count);
        return decoded;
    }

    private List<ChatChunk> decode(String data) throws ProviderException {
        try {
            JsonObject chunk = JsonText.parseObject(data);
            if (GeminiErrors.isError(chunk)) {
                throw GeminiFailures.inStream(connection, GeminiErrors.read(chunk));
            }
            return decoder.decode(chunk);
        } catch (InvalidMessageException | ClassCastException e) {
            throw new ProviderException(Kind.BAD_RESPONSE, "The upstream of connection '" + connection
                    + "' sent a stream event that is not valid Gemini JSON.", e);
        }
    }

    @Override
    protected boolean finished() {
        return false;
    }

    @Override
    protected boolean completeWithoutEndMarker() {
        return decoder.complete();
    }

    @Override
    protected StreamOutcome outcome() {
        return new StreamOutcome(tally.usageOr(decoder.usage(), request), decoder.finishReason(), tally.chunks());
    }
}
