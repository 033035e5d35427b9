package io.aigw.jca.provider.bedrock;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.bedrock.BedrockErrors;
import io.aigw.codec.bedrock.BedrockStreamDecoder;
import io.aigw.codec.json.JsonText;
import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ChatStreamListener;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.ProviderException.Kind;
import io.aigw.jca.api.StreamAbortedException;
import io.aigw.jca.api.StreamOutcome;
import io.aigw.jca.provider.StreamTally;
import io.aigw.jca.provider.http.ReadWatchdog;
import io.aigw.jca.provider.http.UpstreamHttp;
import io.aigw.jca.provider.http.UpstreamResponse;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Relays one ConverseStream response to a listener as neutral chunks, message by message as the event-stream frames
 * arrive, under the read watchdog (every read counts as activity). The stream is complete with its {@code metadata}
 * event, or when it ends cleanly after {@code messageStop}; an exception or error message, a frame that fails its CRC
 * or is otherwise malformed, an event that is not Converse JSON, a reset, a timeout or an end before
 * {@code messageStop} is a {@link ProviderException} after the chunks already delivered.
 */
final class BedrockStreamRelay {

    private final String connection;
    private final UpstreamHttp http;
    private final ChatRequest request;
    private final BedrockStreamDecoder decoder;
    private final StreamTally tally = new StreamTally();

    BedrockStreamRelay(String connection, UpstreamHttp http, ChatRequest request, String id) {
        this.connection = connection;
        this.http = http;
        this.request = request;
        this.decoder = new BedrockStreamDecoder(id, request.model());
    }

    StreamOutcome relay(UpstreamResponse response, long startNanos, ChatStreamListener listener)
            throws ProviderException, StreamAbortedException {
        try (InputStream body = response.body(); ReadWatchdog.Watch watch = http.watch(body, startNanos)) {
            listener.onOpen();
            EventStreamDecoder frames = new EventStreamDecoder(new Touching(body, watch));
            try {
                EventStreamMessage message;
                while ((message = frames.next()) != null) {
                    for (ChatChunk chunk : onMessage(message)) {
                        tally.count(chunk);
                        listener.onChunk(chunk);
                    }
                    if (decoder.finished()) {
                        http.drain(body);
                        return outcome();
                    }
                }
            } catch (EventStreamFormatException e) {
                if (watch.expired() != null) {
                    throw http.transportFailure(e, watch);
                }
                throw new ProviderException(Kind.BAD_RESPONSE, "The upstream of connection '" + connection
                        + "' sent a stream that is not a valid event stream (" + e.getMessage() + ").", e);
            } catch (IOException e) {
                throw http.transportFailure(e, watch);
            }
            if (watch.expired() != null) {
                throw http.transportFailure(new IOException("stream timed out"), watch);
            }
            if (!decoder.stopped()) {
                throw new ProviderException(Kind.UNREACHABLE, "The upstream of connection '" + connection
                        + "' closed the stream before it finished.");
            }
            return outcome();
        } catch (IOException e) {
            throw http.transportFailure(e, null);
        }
    }

    private List<ChatChunk> onMessage(EventStreamMessage message) throws ProviderException {
        String messageType = message.stringHeader(":message-type");
        if ("exception".equals(messageType)) {
            throw BedrockFailures.ofStreamException(connection, message.stringHeader(":exception-type"),
                    BedrockErrors.message(new String(message.payload(), StandardCharsets.UTF_8)));
        }
        if ("error".equals(messageType)) {
            throw BedrockFailures.ofStreamException(connection, message.stringHeader(":error-code"), null);
        }
        String eventType = message.stringHeader(":event-type");
        if (!"event".equals(messageType) || eventType == null) {
            throw new ProviderException(Kind.BAD_RESPONSE, "The upstream of connection '" + connection
                    + "' sent a stream message that is neither an event nor an exception.");
        }
        try {
            return decoder.decode(eventType, JsonText.parseObject(message.payload()));
        } catch (InvalidMessageException | ClassCastException e) {
            throw new ProviderException(Kind.BAD_RESPONSE, "The upstream of connection '" + connection
                    + "' sent a stream event that is not valid Converse JSON.", e);
        }
    }

    private StreamOutcome outcome() {
        return new StreamOutcome(tally.usageOr(decoder.usage(), request), decoder.finishReason(), tally.chunks());
    }

    /** Counts every read that returns bytes as activity for the idle timeout, also inside a long frame. */
    private static final class Touching extends FilterInputStream {
        private final ReadWatchdog.Watch watch;

        Touching(InputStream in, ReadWatchdog.Watch watch) {
            super(in);
            this.watch = watch;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                watch.touch();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                watch.touch();
            }
            return n;
        }
    }
}
