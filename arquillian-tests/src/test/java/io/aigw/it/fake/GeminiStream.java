package io.aigw.it.fake;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Plays one {@code streamGenerateContent?alt=sse} answer as {@code data:} events, one per chunk of
 * {@link GeminiJson#chunks()}, with the model-selected mid-stream faults and the {@link StreamGate} pause woven in.
 * Gemini has no end marker: the body simply ends after the chunk with the finish reason.
 */
final class GeminiStream {

    private static final Duration GATE_LIMIT = Duration.ofSeconds(30);
    private static final Duration STALL = Duration.ofSeconds(60);
    /** Pause between the last chunk and a reset, so a reading client has taken in what came before. */
    private static final Duration BEFORE_RESET = Duration.ofMillis(300);

    private final FakeGeminiServer server;
    private final GeminiRequest request;
    private final GeminiJson json;
    private SseWriter out;

    GeminiStream(FakeGeminiServer server, GeminiRequest request, GeminiJson json) {
        this.server = server;
        this.request = request;
        this.json = json;
    }

    /** Sends the whole stream; throws {@link AbruptDisconnect} for the faults that drop the connection. */
    void play(HttpExchange exchange) throws IOException {
        server.streamOpened();
        try {
            out = GeminiHttp.eventStream(exchange);
            if ("fault-blocked-prompt".equals(request.model())) {
                out.event(json.blockedPrompt());
                return;
            }
            List<jakarta.json.JsonObject> chunks = json.chunks();
            for (int c = 0; c < chunks.size(); c++) {
                if (!beforeChunk(c)) {
                    return;
                }
                out.event(chunks.get(c));
            }
        } finally {
            server.streamClosed();
        }
    }

    /**
     * Runs the fault or pause that belongs before chunk {@code chunk}.
     *
     * @return {@code false} when the stream must end here (cleanly, without a finish reason)
     */
    private boolean beforeChunk(int chunk) throws IOException {
        switch (request.model()) {
            case "fault-garbage" -> {
                if (chunk == 1) {
                    out.data("{not json");
                    return false;
                }
            }
            case "fault-error-event" -> {
                if (chunk == 1) {
                    out.event(GeminiError.unavailable().body());
                    return false;
                }
            }
            case "fault-stall-midstream" -> {
                if (chunk == 1) {
                    server.awaitStop(STALL);
                    throw new AbruptDisconnect("fault-stall-midstream gave up");
                }
            }
            case "fault-reset-midstream" -> {
                if (chunk == 2) {
                    server.awaitStop(BEFORE_RESET);
                    throw new AbruptDisconnect("fault-reset-midstream");
                }
            }
            case GeminiReply.GATED_MODEL -> {
                if (chunk == 1) {
                    waitAtGate(server.gate(request.lastUserText()));
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
