package io.aigw.it.fake;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * Serves {@code POST /v1/messages}: validates the request, applies the model's {@link ScriptedFaults} and then the
 * fault selected by the model name, and answers either with one {@code message} or, for {@code "stream": true},
 * with an {@link AnthropicStream}.
 *
 * <p>Faults that only make sense mid-stream ({@code fault-error-event}, {@code fault-reset-midstream},
 * {@code fault-stall-midstream}) answer a non-stream request normally.
 */
final class AnthropicMessagesHandler {

    static final String PATH = "/v1/messages";

    /** Body of {@code fault-garbage} non-stream replies: deliberately truncated JSON. */
    static final String GARBAGE_BODY = "{\"id\":\"msg_1\",\"type\":\"mess";

    private static final Duration HANG = Duration.ofSeconds(60);

    private final FakeAnthropicServer server;

    AnthropicMessagesHandler(FakeAnthropicServer server) {
        this.server = server;
    }

    /** Answers one Messages API request. */
    void handle(HttpExchange exchange, RecordedRequest recorded) throws IOException {
        JsonObject body = recorded.json().orElseThrow(
                () -> AnthropicError.invalid("There was an issue with the request body: invalid JSON"));
        AnthropicRequest request = AnthropicRequest.from(body);
        AnthropicModels.requireServable(request.model());
        server.faults().apply(request.model());
        switch (request.model()) {
            case "fault-429" -> throw AnthropicError.rateLimited();
            case "fault-529" -> throw AnthropicError.overloaded();
            case "fault-500" -> throw AnthropicError.apiError();
            case "fault-401" -> throw AnthropicError.invalidApiKey();
            case "fault-context-length" -> throw AnthropicError.promptTooLong();
            case "fault-timeout" -> {
                // No status line, no headers: the client waits until its own timeout, stop(), or 60 s.
                server.awaitStop(HANG);
                throw new AbruptDisconnect("fault-timeout gave up");
            }
            case "fault-garbage" -> {
                if (!request.stream()) {
                    AnthropicHttp.raw(exchange, 200, AnthropicHttp.JSON_TYPE, GARBAGE_BODY);
                    return;
                }
            }
            default -> {
                // a normal model, or a fault that happens mid-stream
            }
        }
        AnthropicReply reply = AnthropicReply.forRequest(request);
        AnthropicJson json = AnthropicJson.newMessage(request);
        if (request.stream()) {
            new AnthropicStream(server, request, reply, json).play(exchange);
        } else {
            AnthropicHttp.json(exchange, 200, json.message(reply), Map.of());
        }
    }
}
