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
    private final StreamUsageTally tally;
    private final io.aigw.policy.cache.StreamedAnswer answer;
    private GatewayException refusal;
    private GatewayException blocked;

    ChatStreamRelay(Exchange exchange, ChatStreamSink sink, StreamUsageTally tally) {
        this(exchange, sink, tally, null);
    }

    /** A relay that also assembles the answer ({@code answer} not {@code null}) for the cache. */
    ChatStreamRelay(Exchange exchange, ChatStreamSink sink, StreamUsageTally tally,
                    io.aigw.policy.cache.StreamedAnswer answer) {
        this.exchange = exchange;
        this.sink = sink;
        this.tally = tally;
        this.answer = answer;
    }

    /**
     * Before the response is committed, the request's accepted audit event must be durable; if it cannot be, the
     * stream stops here and the client gets the refusal ({@link #refusal()}) as a proper error response.
     */
    @Override
    public void onOpen() throws StreamAbortedException {
        try {
            exchange.beforeAnswer();
        } catch (GatewayException e) {
            refusal = e;
            throw new StreamAbortedException("the audit trail refused the stream", e);
        }
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
        } catch (GatewayException e) {
            blocked = e;
            throw new StreamAbortedException("an output guardrail ended the stream", e);
        }
        tally.add(chunk);
        if (answer != null) {
            answer.add(chunk);
        }
    }

    /** Why the stream was refused before it opened, or {@code null}. */
    GatewayException refusal() {
        return refusal;
    }

    /** Why an output guardrail ended the stream, or {@code null}. */
    GatewayException blocked() {
        return blocked;
    }

    /** The complete answer relayed, when it was assembled and complete, else {@code null}. */
    io.aigw.jca.api.ChatResponse assembled() {
        return answer == null ? null : answer.complete();
    }

    /** The usage relayed so far (the provider's if it reported one, else an estimate). */
    io.aigw.jca.api.Usage usageSoFar() {
        return tally.usage();
    }

    /**
     * The stream stopped on this side after it was committed: an output guardrail's block is sent as an error event,
     * anything else means the client went away.
     */
    void stopped() {
        if (blocked != null) {
            failed(blocked);
        } else {
            exchange.clientAborted();
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
