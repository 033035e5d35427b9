package io.aigw.it.fake;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Plays one streamed message as named server-sent events — {@code message_start}, {@code content_block_start}
 * of the text block, {@code ping}, one {@code text_delta} per word, {@code content_block_stop}, then for tool
 * use a start, two {@code input_json_delta}s and a stop per tool block, and finally {@code message_delta} and
 * {@code message_stop} — with the model-selected mid-stream faults and the {@link StreamGate} pause woven in.
 */
final class AnthropicStream {

    private static final Duration GATE_LIMIT = Duration.ofSeconds(30);
    private static final Duration STALL = Duration.ofSeconds(60);
    /** Pause between the last delta and a reset, so a reading client has taken in what came before. */
    private static final Duration BEFORE_RESET = Duration.ofMillis(300);

    private final FakeAnthropicServer server;
    private final AnthropicRequest request;
    private final AnthropicReply reply;
    private final AnthropicJson json;
    private AnthropicHttp.EventWriter out;

    AnthropicStream(FakeAnthropicServer server, AnthropicRequest request, AnthropicReply reply, AnthropicJson json) {
        this.server = server;
        this.request = request;
        this.reply = reply;
        this.json = json;
    }

    /** Sends the whole stream; throws {@link AbruptDisconnect} for the faults that drop the connection. */
    void play(HttpExchange exchange) throws IOException {
        server.streamOpened();
        try {
            out = AnthropicHttp.eventStream(exchange);
            out.event(json.messageStart());
            if ("fault-garbage".equals(request.model())) {
                out.raw("content_block_delta", "{not json}");
                return;
            }
            out.event(json.textBlockStart(0));
            out.event(AnthropicJson.ping());
            List<String> pieces = reply.pieces();
            for (int piece = 0; piece < pieces.size(); piece++) {
                if (!beforePiece(piece)) {
                    return;
                }
                out.event(json.textDelta(0, pieces.get(piece)));
            }
            out.event(json.blockStop(0));
            for (int i = 0; i < reply.toolUses().size(); i++) {
                AnthropicReply.ToolUse use = reply.toolUses().get(i);
                int index = i + 1;
                out.event(json.toolUseBlockStart(index, use));
                for (String part : use.inputParts()) {
                    out.event(json.inputJsonDelta(index, part));
                }
                out.event(json.blockStop(index));
            }
            out.event(json.messageDelta(reply));
            out.event(AnthropicJson.messageStop());
        } finally {
            server.streamClosed();
        }
    }

    /**
     * Runs the fault or pause that belongs before text piece {@code piece}.
     *
     * @return {@code false} when the stream must end here (cleanly, without {@code message_stop})
     */
    private boolean beforePiece(int piece) throws IOException {
        switch (request.model()) {
            case "fault-error-event" -> {
                if (piece == 1) {
                    out.event(AnthropicError.overloaded().body());
                    return false;
                }
            }
            case "fault-stall-midstream" -> {
                if (piece == 1) {
                    server.awaitStop(STALL);
                    throw new AbruptDisconnect("fault-stall-midstream gave up");
                }
            }
            case "fault-reset-midstream" -> {
                if (piece == 2) {
                    server.awaitStop(BEFORE_RESET);
                    throw new AbruptDisconnect("fault-reset-midstream");
                }
            }
            case AnthropicReply.GATED_MODEL -> {
                if (piece == 1 && request.userId() != null) {
                    waitAtGate(server.gate(request.userId()));
                }
            }
            default -> {
                // no fault
            }
        }
        return true;
    }

    private void waitAtGate(StreamGate gate) throws IOException {
        gate.markReached();
        try {
            gate.awaitRelease(GATE_LIMIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (server.isStopped() || Thread.currentThread().isInterrupted()) {
            throw new AbruptDisconnect("server stopped while the stream was gated");
        }
    }
}
