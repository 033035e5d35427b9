package io.aigw.it.fake;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;

/**
 * Plays one streamed chat completion as server-sent events: role chunk, content (or tool call) chunks,
 * finish chunk, optional usage chunk, {@code [DONE]} — with the model-selected mid-stream faults and the
 * {@link StreamGate} pause woven in. With {@code n > 1} every step is sent once per choice index.
 */
final class ChatStream {

    static final String NO_USAGE_MODEL = "fault-no-usage";

    private static final Duration GATE_LIMIT = Duration.ofSeconds(30);
    private static final Duration STALL = Duration.ofSeconds(60);
    /** Pause between the last chunk and a reset, so a reading client has taken in what came before. */
    private static final Duration BEFORE_RESET = Duration.ofMillis(300);
    private static final String ERROR_EVENT = OpenAiError.serverError().body().toString();

    private final FakeOpenAiServer server;
    private final ChatRequest request;
    private final ChatReply reply;
    private final ChatJson json;
    private final boolean usageNull;
    private SseWriter out;

    ChatStream(FakeOpenAiServer server, ChatRequest request, ChatReply reply, ChatJson json) {
        this.server = server;
        this.request = request;
        this.reply = reply;
        this.json = json;
        this.usageNull = request.includeUsage();
    }

    /** Sends the whole stream; throws {@link AbruptDisconnect} for the faults that drop the connection. */
    void play(HttpExchange exchange) throws IOException {
        server.streamOpened();
        try {
            out = HttpReplies.eventStream(exchange);
            for (int i = 0; i < request.n(); i++) {
                out.event(json.roleChunk(i, request.callsTools(), usageNull));
            }
            if (request.callsTools()) {
                toolCalls();
            } else {
                for (int piece = 0; piece < reply.pieces().size(); piece++) {
                    if (!beforePiece(piece)) {
                        return;
                    }
                    for (int i = 0; i < request.n(); i++) {
                        out.event(json.contentChunk(i, reply.pieces().get(piece), usageNull));
                    }
                }
            }
            for (int i = 0; i < request.n(); i++) {
                out.event(json.finishChunk(i, reply.finishReason(), usageNull));
            }
            if (request.includeUsage() && !NO_USAGE_MODEL.equals(request.model())) {
                out.event(json.usageChunk(ChatJson.usage(request.promptTokens(),
                        reply.tokensPerChoice() * request.n())));
            }
            out.done();
        } finally {
            server.streamClosed();
        }
    }

    private void toolCalls() throws IOException {
        for (int call = 0; call < reply.toolCalls().size(); call++) {
            ChatReply.ToolCall toolCall = reply.toolCalls().get(call);
            for (int i = 0; i < request.n(); i++) {
                out.event(json.toolCallStartChunk(i, call, toolCall, usageNull));
            }
            for (String part : toolCall.argumentParts()) {
                for (int i = 0; i < request.n(); i++) {
                    out.event(json.toolCallArgumentsChunk(i, call, part, usageNull));
                }
            }
        }
    }

    /**
     * Runs the fault or pause that belongs before content piece {@code piece}.
     *
     * @return {@code false} when the stream must end here (cleanly, without {@code [DONE]})
     */
    private boolean beforePiece(int piece) throws IOException {
        switch (request.model()) {
            case "fault-garbage" -> {
                out.data("{not json}");
                return false;
            }
            case "fault-error-event" -> {
                if (piece == 1) {
                    out.data(ERROR_EVENT);
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
            case ChatReply.GATED_MODEL -> {
                if (piece == 1 && request.user() != null) {
                    waitAtGate(server.gate(request.user()));
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
