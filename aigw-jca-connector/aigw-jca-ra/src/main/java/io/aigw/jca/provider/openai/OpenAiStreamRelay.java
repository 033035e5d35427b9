package io.aigw.jca.provider.openai;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.json.JsonText;
import io.aigw.codec.openai.OpenAiChunks;
import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ChatStreamListener;
import io.aigw.jca.api.ChoiceDelta;
import io.aigw.jca.api.FinishReason;
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
 * Relays one upstream SSE stream to a listener, event by event as it arrives. The stream must end with
 * {@code [DONE]} or at least a finish reason; anything else (reset, idle or total timeout, an {@code error} event,
 * unparseable data) ends it with a {@link ProviderException} after the chunks already delivered.
 */
final class OpenAiStreamRelay {

    private final String connection;
    private final UpstreamHttp http;
    private final ChatRequest request;
    private Usage usage;
    private FinishReason finishReason;
    private int chunks;
    private int outputChars;

    OpenAiStreamRelay(String connection, UpstreamHttp http, ChatRequest request) {
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
                    if ("[DONE]".equals(data.trim())) {
                        return outcome();
                    }
                    ChatChunk chunk = decode(data);
                    account(chunk);
                    listener.onChunk(chunk);
                }
            } catch (IOException e) {
                throw http.transportFailure(e, watch);
            }
            if (watch.expired() != null) {
                throw http.transportFailure(new IOException("stream timed out"), watch);
            }
            if (finishReason == null) {
                throw new ProviderException(Kind.UNREACHABLE, "The upstream of connection '" + connection
                        + "' closed the stream before it finished.");
            }
            return outcome();
        } catch (IOException e) {
            throw http.transportFailure(e, null);
        }
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
        chunks++;
        if (chunk.usage() != null) {
            usage = chunk.usage();
        }
        for (ChoiceDelta d : chunk.choices()) {
            if (d.content() != null) {
                outputChars += d.content().length();
            }
            d.toolCalls().forEach(t -> outputChars += t.argumentsFragment() == null ? 0 : t.argumentsFragment().length());
            if (d.finishReason() != null && d.index() == 0) {
                finishReason = d.finishReason();
            }
        }
    }

    private StreamOutcome outcome() {
        Usage u = usage != null ? usage : UsageEstimates.of(request, outputChars);
        return new StreamOutcome(u, finishReason, chunks);
    }
}
