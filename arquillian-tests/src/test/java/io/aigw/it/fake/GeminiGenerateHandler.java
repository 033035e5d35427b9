package io.aigw.it.fake;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * Serves {@code POST /v1beta/models/{model}:generateContent} and {@code :streamGenerateContent}: validates the
 * request, applies the model's {@link ScriptedFaults} and then the fault selected by the model name, and answers with
 * one {@code GenerateContentResponse} or its chunks — as {@code data:} events with {@code alt=sse}, else as one JSON
 * array, as Gemini does.
 *
 * <p>Faults that only make sense mid-stream ({@code fault-error-event}, {@code fault-reset-midstream},
 * {@code fault-stall-midstream}) answer a non-stream request normally.
 */
final class GeminiGenerateHandler {

    /** Body of {@code fault-garbage} non-stream replies: deliberately truncated JSON. */
    static final String GARBAGE_BODY = "{\"candidates\":[{\"content\":{\"parts\":[{\"te";

    private static final Duration HANG = Duration.ofSeconds(60);

    private final FakeGeminiServer server;

    GeminiGenerateHandler(FakeGeminiServer server) {
        this.server = server;
    }

    /** Answers one request for {@code model}; {@code stream} for {@code streamGenerateContent}. */
    void handle(HttpExchange exchange, RecordedRequest recorded, String model, boolean stream) throws IOException {
        GeminiModelList.requireServable(model);
        JsonObject body = recorded.json().orElseThrow(() -> GeminiError.invalid(
                "Invalid JSON payload received. Unexpected token."));
        GeminiRequest request = GeminiRequest.from(model, stream, body);
        server.faults().apply(model);
        switch (model) {
            case "fault-429" -> throw GeminiError.rateLimited();
            case "fault-500" -> throw GeminiError.internal();
            case "fault-503" -> throw GeminiError.unavailable();
            case "fault-400" -> throw GeminiError.invalid("* GenerateContentRequest.generation_config: "
                    + "fault-400 always rejects the request");
            case "fault-401" -> throw GeminiError.unauthenticated();
            case "fault-context-length" -> throw GeminiError.inputTooLong();
            case "fault-timeout" -> {
                // No status line, no headers: the client waits until its own timeout, stop(), or 60 s.
                server.awaitStop(HANG);
                throw new AbruptDisconnect("fault-timeout gave up");
            }
            case "fault-garbage" -> {
                if (!stream) {
                    GeminiHttp.raw(exchange, 200, GeminiHttp.JSON_TYPE, GARBAGE_BODY);
                    return;
                }
            }
            default -> {
                // a normal model, or a fault that happens mid-stream
            }
        }
        GeminiJson json = GeminiJson.answering(request, GeminiReply.forRequest(request));
        boolean sse = exchange.getRequestURI().getRawQuery() != null
                && exchange.getRequestURI().getRawQuery().contains("alt=sse");
        if (stream && sse) {
            new GeminiStream(server, request, json).play(exchange);
        } else if (stream) {
            String array = json.chunks().stream().map(JsonObject::toString).collect(Collectors.joining(",\r\n", "[",
                    "]"));
            GeminiHttp.raw(exchange, 200, GeminiHttp.JSON_TYPE, array);
        } else if ("fault-blocked-prompt".equals(model)) {
            GeminiHttp.json(exchange, 200, json.blockedPrompt());
        } else {
            GeminiHttp.json(exchange, 200, json.response());
        }
    }
}
