package io.aigw.policy;

import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChatStreamListener;
import io.aigw.jca.api.StreamAbortedException;
import io.aigw.policy.chain.Exchange;
import java.io.IOException;

/**
 * Connects a provider stream to the client's sink: commits the client's response when the upstream has accepted the
 * request (so earlier upstream errors still become proper error responses), then writes each chunk as it arrives.
 * A failing write means the client went away and stops the upstream stream.
 */
final class ChatStreamRelay implements ChatStreamListener {

    private final Exchange exchange;
    private final ChatStreamSink sink;

    ChatStreamRelay(Exchange exchange, ChatStreamSink sink) {
        this.exchange = exchange;
        this.sink = sink;
    }

    @Override
    public void onOpen() throws StreamAbortedException {
        try {
            sink.open();
            exchange.responseCommitted(true);
        } catch (IOException e) {
            throw new StreamAbortedException("client went away before the stream started", e);
        }
    }

    @Override
    public void onChunk(ChatChunk chunk) throws StreamAbortedException {
        exchange.firstChunk();
        try {
            sink.chunk(chunk);
        } catch (IOException e) {
            throw new StreamAbortedException("client went away", e);
        }
    }

    /** The stream failed after it was committed: tell the client with an error event. */
    void failed(GatewayException failure) {
        exchange.fail(failure);
        try {
            sink.error(failure);
        } catch (IOException e) {
            exchange.clientAborted();
        }
    }

    /** Called once the audit row is committed: the end marker. */
    void complete() {
        try {
            sink.complete();
        } catch (IOException e) {
            // the answer is complete and audited; the client just missed the end marker
        }
    }
}
