package io.aigw.jca.provider.openai;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.json.JsonText;
import io.aigw.codec.openai.OpenAiChunks;
import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ChoiceDelta;
import io.aigw.jca.api.FinishReason;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.ProviderException.Kind;
import io.aigw.jca.api.StreamOutcome;
import io.aigw.jca.api.Usage;
import io.aigw.jca.provider.StreamTally;
import io.aigw.jca.provider.http.SseChunkRelay;
import io.aigw.jca.provider.http.UpstreamHttp;
import jakarta.json.JsonObject;
import java.util.List;

/**
 * Translates an OpenAI chat stream: one chunk per {@code data:} event, {@code [DONE]} as the end marker; a stream
 * that ends cleanly after a finish reason is complete too (some compatible servers omit {@code [DONE]}).
 */
final class OpenAiStreamRelay extends SseChunkRelay {

    private final ChatRequest request;
    private Usage usage;
    private FinishReason finishReason;
    private final StreamTally tally = new StreamTally();
    private boolean done;

    OpenAiStreamRelay(String connection, UpstreamHttp http, ChatRequest request) {
        super(connection, http);
        this.request = request;
    }

    @Override
    protected List<ChatChunk> onEvent(String data) throws ProviderException {
        if ("[DONE]".equals(data.trim())) {
            done = true;
            return List.of();
        }
        ChatChunk chunk = decode(data);
        account(chunk);
        return List.of(chunk);
    }

    @Override
    protected boolean finished() {
        return done;
    }

    @Override
    protected boolean completeWithoutEndMarker() {
        return finishReason != null;
    }
    private ChatChunk decode(String data) throws ProviderException {
        try {
            JsonObject json = JsonText.parseObject(data);
            if (json.containsKey("error")) {
                throw new ProviderException(Kind.UPSTREAM_ERROR, "The upstream of connection '" + connection
                        + "' reported an error in the stream.");
            }
            return OpenAiChunks.decode(json);
        } catch (InvalidMessageException | ClassCastException e) {
            throw new ProviderException(Kind.BAD_RESPONSE, "The upstream of connection '" + connection
                    + "' sent a stream event that is not valid OpenAI JSON.", e);
        }
    }

    private void account(ChatChunk chunk) {
        tally.count(chunk);
        if (chunk.usage() != null) {
            usage = chunk.usage();
        }
        for (ChoiceDelta d : chunk.choices()) {
            if (d.finishReason() != null && d.index() == 0) {
                finishReason = d.finishReason();
            }
        }
    }

    @Override
    protected StreamOutcome outcome() {
        return new StreamOutcome(tally.usageOr(usage, request), finishReason, tally.chunks());
    }
}
