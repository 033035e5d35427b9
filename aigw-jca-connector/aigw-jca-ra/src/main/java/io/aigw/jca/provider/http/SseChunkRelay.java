package io.aigw.jca.provider.http;

import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChatStreamListener;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.ProviderException.Kind;
import io.aigw.jca.api.StreamAbortedException;
import io.aigw.jca.api.StreamOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Relays one upstream SSE stream to a listener as neutral chunks, event by event as it arrives, under the read
 * watchdog. Subclasses translate their protocol's events; this class owns the loop and how a stream may end: with its
 * protocol's end marker, or (where the protocol allows) cleanly after a finish; a reset, an idle or total timeout or
 * an early end is a {@link ProviderException} after the chunks already delivered.
 */
public abstract class SseChunkRelay {

    protected final String connection;
    protected final UpstreamHttp http;

    protected SseChunkRelay(String connection, UpstreamHttp http) {
        this.connection = connection;
        this.http = http;
    }

    /** The chunks one event's data carries (possibly none). */
    protected abstract List<ChatChunk> onEvent(String data) throws ProviderException;

    /** Whether the protocol's end marker has arrived. */
    protected abstract boolean finished();

    /** Whether a stream that ends without the end marker is still complete. */
    protected abstract boolean completeWithoutEndMarker();

    /** The outcome once the stream is complete. */
    protected abstract StreamOutcome outcome();

    public final StreamOutcome relay(UpstreamResponse response, long startNanos, ChatStreamListener listener)
            throws ProviderException, StreamAbortedException {
        try (InputStream body = response.body(); ReadWatchdog.Watch watch = http.watch(body, startNanos)) {
            listener.onOpen();
            SseEventReader events = new SseEventReader(body);
            String data;
            try {
                while ((data = events.next()) != null) {
                    watch.touch();
                    for (ChatChunk chunk : onEvent(data)) {
                        listener.onChunk(chunk);
                    }
                    if (finished()) {
                        http.drain(body);
                        return outcome();
                    }
                }
            } catch (IOException e) {
                throw http.transportFailure(e, watch);
            }
            if (watch.expired() != null) {
                throw http.transportFailure(new IOException("stream timed out"), watch);
            }
            if (!completeWithoutEndMarker()) {
                throw new ProviderException(Kind.UNREACHABLE, "The upstream of connection '" + connection
                        + "' closed the stream before it finished.");
            }
            return outcome();
        } catch (IOException e) {
            throw http.transportFailure(e, null);
        }
    }
}
