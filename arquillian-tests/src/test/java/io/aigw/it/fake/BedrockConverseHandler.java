package io.aigw.it.fake;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Answers {@code POST /model/{modelId}/converse} and {@code /converse-stream} from the request's content, so that
 * integration tests steer the fake through what they send: see {@link FakeBedrockServer} for the script. A valid
 * request then meets the model's {@link ScriptedFaults}, before any {@code fault-*} model's fault.
 */
final class BedrockConverseHandler {

    private static final List<String> KNOWN_PREFIXES = List.of("anthropic.", "amazon.", "meta.", "mistral.",
            "cohere.", "us.", "eu.", "apac.", "fake-", "fault-");

    private final FakeBedrockServer server;

    BedrockConverseHandler(FakeBedrockServer server) {
        this.server = server;
    }

    void handle(HttpExchange exchange, RecordedRequest request, String modelId, boolean stream) throws IOException {
        if (KNOWN_PREFIXES.stream().noneMatch(modelId::startsWith)) {
            throw new BedrockError(404, "ResourceNotFoundException", "The provided model identifier is invalid.");
        }
        JsonObject body = request.json().orElseThrow(() -> new BedrockError(400, "SerializationException",
                "The request body is not a JSON object."));
        if (!(body.get("messages") instanceof JsonArray messages) || messages.isEmpty()) {
            throw new BedrockError(400, "ValidationException", "The messages field is required.");
        }
        BedrockConversation.check(messages);
        server.faults().apply(modelId);
        if (answeredByFault(exchange, modelId)) {
            return;
        }
        Reply reply = script(modelId, body, messages);
        String requestId = UUID.randomUUID().toString();
        if (stream) {
            stream(exchange, requestId, modelId, reply, lastUserText(messages));
        } else {
            BedrockRouter.json(exchange, 200, BedrockJson.converse(reply.text(), reply.tools(), reply.stopReason(),
                    reply.tokens()), requestId);
        }
    }

    private record Reply(String text, List<BedrockJson.ToolUse> tools, String stopReason, BedrockJson.Tokens tokens) {
    }

    /** Throws the error a {@code fault-*} model asks for, or answers for it; {@code false} for other models. */
    private boolean answeredByFault(HttpExchange exchange, String modelId) throws IOException {
        switch (modelId) {
            case "fault-throttle" -> throw BedrockError.throttling();
            case "fault-not-ready" -> throw new BedrockError(429, "ModelNotReadyException",
                    "The model is not ready to serve inference requests.");
            case "fault-unavailable" -> throw BedrockError.unavailable();
            case "fault-internal" -> throw BedrockError.internal();
            case "fault-validation" -> throw new BedrockError(400, "ValidationException",
                    "The model returned the following errors: max_tokens: range: 1..4096");
            case "fault-context-length" -> throw BedrockError.inputTooLong();
            case "fault-access-denied" -> throw BedrockError.accessDenied();
            case "fault-garbage" -> HttpReplies.raw(exchange, 200, "text/html", "<html>proxy error</html>");
            case "fault-timeout" -> server.awaitStop(Duration.ofSeconds(30));
            default -> {
                return false;
            }
        }
        return true;
    }

    private static Reply script(String modelId, JsonObject body, JsonArray messages) {
        int input = systemWords(body) + messageWords(messages);
        int cacheRead = body.get("system") instanceof JsonArray system && system.toString().contains("\"cachePoint\"")
                ? BedrockJson.CACHE_READ_TOKENS : 0;
        JsonObject last = messages.getJsonObject(messages.size() - 1);
        if (hasToolResult(last)) {
            return reply("The weather is fine.", List.of(), body, input, cacheRead);
        }
        if (body.containsKey("toolConfig") && lastUserText(messages).toLowerCase().contains("weather")) {
            List<BedrockJson.ToolUse> tools = List.of(
                    new BedrockJson.ToolUse("tooluse_" + UUID.randomUUID().toString().substring(0, 8),
                            toolName(body), JsonSupport.JSON.createObjectBuilder().add("city", "Paris").build()),
                    new BedrockJson.ToolUse("tooluse_" + UUID.randomUUID().toString().substring(0, 8),
                            toolName(body), JsonSupport.JSON.createObjectBuilder().add("city", "Rome").build()));
            return new Reply("Let me check.", tools, "tool_use", new BedrockJson.Tokens(input,
                    JsonSupport.words("Let me check.") + 20, cacheRead));
        }
        return reply("Hello from " + modelId + ".", List.of(), body, input, cacheRead);
    }

    private static Reply reply(String text, List<BedrockJson.ToolUse> tools, JsonObject body, int input,
                               int cacheRead) {
        JsonObject inference = JsonSupport.object(body, "inferenceConfig");
        String stopReason = "end_turn";
        if (inference.get("stopSequences") instanceof JsonArray stops) {
            for (JsonValue stop : stops) {
                String s = stop instanceof jakarta.json.JsonString js ? js.getString() : "";
                int at = s.isEmpty() ? -1 : text.indexOf(s);
                if (at >= 0) {
                    text = text.substring(0, at);
                    stopReason = "stop_sequence";
                }
            }
        }
        Integer maxTokens = JsonSupport.integer(inference, "maxTokens");
        String[] words = text.split(" ");
        if (maxTokens != null && maxTokens < words.length) {
            text = String.join(" ", java.util.Arrays.copyOf(words, maxTokens));
            stopReason = "max_tokens";
        }
        return new Reply(text, tools, stopReason, new BedrockJson.Tokens(input, JsonSupport.words(text), cacheRead));
    }

    private void stream(HttpExchange exchange, String requestId, String modelId, Reply reply, String userText)
            throws IOException {
        BedrockEventStream events = BedrockEventStream.open(exchange, requestId);
        server.streamOpened();
        try {
            events.event("messageStart", BedrockJson.messageStart());
            String[] words = reply.text().isEmpty() ? new String[0] : reply.text().split("(?<= )");
            for (int i = 0; i < words.length; i++) {
                events.event("contentBlockDelta", BedrockJson.textDelta(0, words[i]));
                if (i == 0 && streamFault(events, modelId, userText)) {
                    return;
                }
            }
            int block = 0;
            if (words.length > 0) {
                events.event("contentBlockStop", BedrockJson.blockStop(block++));
            }
            for (BedrockJson.ToolUse tool : reply.tools()) {
                String input = tool.input().toString();
                events.event("contentBlockStart", BedrockJson.toolStart(block, tool));
                events.event("contentBlockDelta", BedrockJson.toolDelta(block, input.substring(0, input.length() / 2)));
                events.event("contentBlockDelta", BedrockJson.toolDelta(block, input.substring(input.length() / 2)));
                events.event("contentBlockStop", BedrockJson.blockStop(block++));
            }
            events.event("messageStop", BedrockJson.messageStop(reply.stopReason()));
            events.event("metadata", BedrockJson.metadata(reply.tokens()));
        } finally {
            server.streamClosed();
        }
    }

    /** Applies a stream fault after the first text delta; {@code true} when the stream must end there. */
    private boolean streamFault(BedrockEventStream events, String modelId, String userText) throws IOException {
        switch (modelId) {
            case "fault-stream-throttle" -> events.exception("throttlingException", "Too many tokens, please wait.");
            case "fault-stream-error" -> events.exception("modelStreamErrorException",
                    "The model stream failed to complete.");
            case "fault-stream-crc" -> events.corruptedEvent("contentBlockDelta", BedrockJson.textDelta(0, "x"));
            case "fault-stream-reset" -> {
                server.awaitStop(Duration.ofMillis(300));
                throw new AbruptDisconnect("fault-stream-reset");
            }
            case "fake-gated-stream" -> {
                StreamGate gate = server.gate(userText);
                gate.markReached();
                try {
                    gate.awaitRelease(Duration.ofSeconds(30));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return true;
                }
                return false;
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static String toolName(JsonObject body) {
        JsonObject config = JsonSupport.object(body, "toolConfig");
        if (config.get("tools") instanceof JsonArray tools && !tools.isEmpty()) {
            String name = JsonSupport.string(JsonSupport.object(tools.getJsonObject(0), "toolSpec"), "name");
            return name == null ? "get_weather" : name;
        }
        return "get_weather";
    }

    private static boolean hasToolResult(JsonObject message) {
        return "user".equals(JsonSupport.string(message, "role")) && message.get("content") instanceof JsonArray c
                && c.stream().anyMatch(b -> b instanceof JsonObject o && o.containsKey("toolResult"));
    }

    /** The text of the last user message (what gated streams are keyed by). */
    static String lastUserText(JsonArray messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonObject m = messages.getJsonObject(i);
            if ("user".equals(JsonSupport.string(m, "role"))) {
                return texts(m).strip();
            }
        }
        return "";
    }

    private static int systemWords(JsonObject body) {
        int words = 0;
        if (body.get("system") instanceof JsonArray system) {
            for (JsonValue block : system) {
                if (block instanceof JsonObject o) {
                    words += JsonSupport.words(JsonSupport.string(o, "text"));
                }
            }
        }
        return words;
    }

    private static int messageWords(JsonArray messages) {
        int words = 0;
        for (JsonValue m : messages) {
            if (m instanceof JsonObject o) {
                words += JsonSupport.words(texts(o));
            }
        }
        return words;
    }

    private static String texts(JsonObject message) {
        List<String> texts = new ArrayList<>();
        if (message.get("content") instanceof JsonArray content) {
            for (JsonValue block : content) {
                if (block instanceof JsonObject o) {
                    if (JsonSupport.string(o, "text") != null) {
                        texts.add(JsonSupport.string(o, "text"));
                    }
                    JsonObject result = JsonSupport.object(o, "toolResult");
                    if (result.get("content") instanceof JsonArray inner) {
                        inner.forEach(v -> {
                            if (v instanceof JsonObject t && JsonSupport.string(t, "text") != null) {
                                texts.add(JsonSupport.string(t, "text"));
                            }
                        });
                    }
                }
            }
        }
        return String.join(" ", texts);
    }
}
