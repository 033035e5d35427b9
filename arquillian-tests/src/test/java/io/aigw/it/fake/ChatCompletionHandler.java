package io.aigw.it.fake;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * Serves {@code POST /v1/chat/completions}: validates the request, applies the model's {@link ScriptedFaults} and
 * then the fault selected by the model name, and answers either with one {@code chat.completion} or, for
 * {@code "stream": true}, with a {@link ChatStream}.
 *
 * <p>Faults that only make sense mid-stream ({@code fault-stall-midstream}, {@code fault-reset-midstream},
 * {@code fault-error-event}) answer a non-stream request normally; {@code fault-no-usage} leaves
 * {@code usage} out of both forms.
 */
final class ChatCompletionHandler {

    static final String PATH = "/v1/chat/completions";

    /** Body of {@code fault-garbage} non-stream replies: deliberately truncated JSON. */
    static final String GARBAGE_BODY = "{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"mess";

    private static final Duration HANG = Duration.ofSeconds(60);

    private final FakeOpenAiServer server;

    ChatCompletionHandler(FakeOpenAiServer server) {
        this.server = server;
    }

    /** Answers one chat completion request. */
    void handle(HttpExchange exchange, RecordedRequest recorded) throws IOException {
        JsonObject body = recorded.json().orElseThrow(OpenAiError::unparseableJson);
        ChatRequest request = ChatRequest.from(body);
        ModelsHandler.requireServable(request.model());
        server.faults().apply(request.model());
        switch (request.model()) {
            case "fault-429" -> throw OpenAiError.rateLimited();
            case "fault-500" -> throw OpenAiError.serverError();
            case "fault-503" -> throw OpenAiError.overloaded();
            case "fault-401" -> throw OpenAiError.invalidApiKey();
            case "fault-403" -> throw OpenAiError.unsupportedRegion();
            case "fault-context-length" -> throw OpenAiError.contextLengthExceeded();
            case "fault-timeout" -> {
                // No status line, no headers: the client waits until its own timeout, stop(), or 60 s.
                server.awaitStop(HANG);
                throw new AbruptDisconnect("fault-timeout gave up");
            }
            case "fault-garbage" -> {
                if (!request.stream()) {
                    HttpReplies.raw(exchange, 200, "application/json", GARBAGE_BODY);
                    return;
                }
            }
            default -> {
                // a normal model, or a fault that happens mid-stream
            }
        }
        ChatReply reply = ChatReply.forRequest(request);
        ChatJson json = ChatJson.newCompletion(request.model());
        if (request.stream()) {
            new ChatStream(server, request, reply, json).play(exchange);
        } else {
            JsonObject usage = ChatStream.NO_USAGE_MODEL.equals(request.model()) ? null
                    : ChatJson.usage(request.promptTokens(), reply.tokensPerChoice() * request.n());
            HttpReplies.json(exchange, 200, json.completion(reply, request.n(), usage), Map.of());
        }
    }
}
