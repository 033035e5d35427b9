package io.aigw.policy.inprocess;

import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChatStreamListener;
import io.aigw.jca.api.StreamAbortedException;
import io.aigw.jca.api.StreamOutcome;
import io.aigw.policy.ChatStreamSink;
import io.aigw.policy.GatewayException;
import java.io.IOException;

/**
 * Delivers a streamed answer to an in-process caller's listener. A listener that stops the stream (or fails) is
 * treated like an HTTP client that went away: the upstream stream is cancelled and the record says so.
 */
final class InProcessStreamSink implements ChatStreamSink {

    private final ChatStreamListener listener;
    private StreamAbortedException stopped;
    private GatewayException failure;
    private StreamOutcome outcome;

    InProcessStreamSink(ChatStreamListener listener) {
        this.listener = listener;
    }

    @Override
    public void open() throws IOException {
        try {
            listener.onOpen();
        } catch (StreamAbortedException | RuntimeException e) {
            throw stop(e);
        }
    }

    @Override
    public void chunk(ChatChunk chunk) throws IOException {
        try {
            listener.onChunk(chunk);
        } catch (StreamAbortedException | RuntimeException e) {
            throw stop(e);
        }
    }

    private IOException stop(Exception e) {
        stopped = e instanceof StreamAbortedException s ? s
                : new StreamAbortedException("the listener failed: " + e, e);
        return new IOException("the in-process listener stopped the stream", e);
    }

    @Override
    public void error(GatewayException reason) {
        failure = reason;
    }

    @Override
    public void ended(StreamOutcome streamOutcome) {
        outcome = streamOutcome;
    }

    @Override
    public void complete() {
        // nothing to send: the call returns
    }

    /** The listener stopped the stream (by throwing), or {@code null}. */
    StreamAbortedException stopped() {
        return stopped;
    }

    /** The stream failed after it was opened, or {@code null}. */
    GatewayException failure() {
        return failure;
    }

    /** How the stream ended, or {@code null} when it did not end normally. */
    StreamOutcome outcome() {
        return outcome;
    }
}
