package io.aigw.codec.gemini;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.json.JsonText;
import io.aigw.codec.json.Jsonp;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ContentPart;
import io.aigw.jca.api.ImagePart;
import io.aigw.jca.api.TextPart;
import io.aigw.jca.api.ToolCall;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Neutral messages as Gemini {@code contents} and {@code systemInstruction}. System and developer messages become the
 * system instruction; user messages and tool results role {@code user}, assistant messages role {@code model};
 * consecutive messages of one role share one {@code Content}. A tool result becomes a {@code functionResponse} named
 * after the earlier assistant tool call with the same id.
 */
final class GeminiContents {

    private final GeminiImages images;
    private final Map<String, String> functionOfCall = new HashMap<>();
    private final List<String> roles = new ArrayList<>();
    private final List<JsonArrayBuilder> parts = new ArrayList<>();
    private final List<Integer> partCounts = new ArrayList<>();
    private JsonArrayBuilder system;

    private GeminiContents(GeminiImages images) {
        this.images = images;
    }

    /** The encoded conversation. */
    record Encoded(JsonArray contents, JsonObject systemInstruction) {
    }

    static Encoded encode(List<ChatMessage> messages, GeminiImages images) {
        GeminiContents c = new GeminiContents(images);
        for (int i = 0; i < messages.size(); i++) {
            c.add(messages.get(i), "messages[" + i + "]");
        }
        JsonArrayBuilder contents = Jsonp.createArrayBuilder();
        for (int i = 0; i < c.roles.size(); i++) {
            if (c.partCounts.get(i) > 0) {
                contents.add(Jsonp.createObjectBuilder().add("role", c.roles.get(i)).add("parts", c.parts.get(i)));
            }
        }
        JsonArray built = contents.build();
        if (built.isEmpty()) {
            throw new InvalidMessageException("A Gemini request needs at least one user or assistant message.",
                    "messages");
        }
        return new Encoded(built, c.system == null ? null
                : Jsonp.createObjectBuilder().add("parts", c.system).build());
    }

    private void add(ChatMessage m, String path) {
        switch (m.role()) {
            case SYSTEM, DEVELOPER -> addSystem(m);
            case USER -> {
                for (ContentPart p : m.content()) {
                    addPart("user", contentPart(p, path));
                }
            }
            case ASSISTANT -> addAssistant(m, path);
            case TOOL -> addPart("user", functionResponse(m, path));
        }
    }

    private void addSystem(ChatMessage m) {
        for (ContentPart p : m.content()) {
            if (p instanceof TextPart t && !t.text().isEmpty()) {
                if (system == null) {
                    system = Jsonp.createArrayBuilder();
                }
                system.add(Jsonp.createObjectBuilder().add("text", t.text()));
            }
        }
    }

    private void addAssistant(ChatMessage m, String path) {
        for (ContentPart p : m.content()) {
            addPart("model", contentPart(p, path));
        }
        for (ToolCall call : m.toolCalls()) {
            if (call.id() != null) {
                functionOfCall.put(call.id(), call.name());
            }
            JsonObjectBuilder fn = Jsonp.createObjectBuilder();
            Optional<GeminiToolCallIds.Carried> carried = GeminiToolCallIds.carried(call.id());
            String upstreamId = GeminiToolCallIds.generated(call.id())
                    ? carried.map(GeminiToolCallIds.Carried::upstreamId).orElse(null) : call.id();
            if (upstreamId != null) {
                fn.add("id", upstreamId);
            }
            fn.add("name", call.name()).add("args", arguments(call, path));
            JsonObjectBuilder part = Jsonp.createObjectBuilder().add("functionCall", fn);
            carried.map(GeminiToolCallIds.Carried::signature).ifPresent(s -> part.add("thoughtSignature", s));
            addPart("model", part.build());
        }
    }

    private JsonObject contentPart(ContentPart p, String path) {
        if (p instanceof TextPart t) {
            return t.text().isEmpty() ? null : Jsonp.createObjectBuilder().add("text", t.text()).build();
        }
        if (!(p instanceof ImagePart)) {
            return null; // another provider's reasoning means nothing to Gemini
        }
        GeminiImages.InlineImage image = images.resolve((ImagePart) p);
        return Jsonp.createObjectBuilder().add("inlineData", Jsonp.createObjectBuilder()
                .add("mimeType", image.mimeType()).add("data", image.base64Data())).build();
    }

    private JsonObject functionResponse(ChatMessage m, String path) {
        if (m.content().stream().anyMatch(ImagePart.class::isInstance)) {
            throw new GeminiUnsupportedException(path + ": images in tool results are not supported for Gemini models.",
                    path + ".content");
        }
        String name = m.toolCallId() == null ? null : functionOfCall.get(m.toolCallId());
        if (name == null) {
            name = m.name();
        }
        if (name == null) {
            throw new InvalidMessageException(path + ": the tool result for call '" + m.toolCallId()
                    + "' answers no earlier assistant tool call; Gemini needs the function name.", path + ".tool_call_id");
        }
        JsonObjectBuilder fn = Jsonp.createObjectBuilder();
        String upstreamId = GeminiToolCallIds.generated(m.toolCallId()) ? GeminiToolCallIds.carried(m.toolCallId())
                .map(GeminiToolCallIds.Carried::upstreamId).orElse(null) : m.toolCallId();
        if (upstreamId != null) {
            fn.add("id", upstreamId);
        }
        fn.add("name", name).add("response", m.toolError()
                ? Jsonp.createObjectBuilder().add("error", m.text() == null ? "" : m.text()).build()
                : responseObject(m.text()));
        return Jsonp.createObjectBuilder().add("functionResponse", fn).build();
    }

    /**
     * A tool result that is a JSON object as it is; any other text wrapped as {@code {"result": text}} (a failed tool's
     * text as {@code {"error": text}}, Gemini's convention).
     */
    private static JsonObject responseObject(String text) {
        String result = text == null ? "" : text;
        String trimmed = result.strip();
        if (trimmed.startsWith("{")) {
            try {
                return JsonText.parseObject(trimmed);
            } catch (InvalidMessageException notAnObject) {
                // plain text that happens to start with a brace
            }
        }
        return Jsonp.createObjectBuilder().add("result", result).build();
    }

    private static JsonObject arguments(ToolCall call, String path) {
        if (call.arguments().isBlank()) {
            return JsonObject.EMPTY_JSON_OBJECT;
        }
        try {
            return JsonText.parseObject(call.arguments());
        } catch (InvalidMessageException e) {
            throw new InvalidMessageException(path + ": the arguments of tool call '" + call.name()
                    + "' are not a JSON object.", path + ".tool_calls", e);
        }
    }

    private void addPart(String role, JsonObject part) {
        if (part == null) {
            return;
        }
        if (roles.isEmpty() || !roles.get(roles.size() - 1).equals(role)) {
            roles.add(role);
            parts.add(Jsonp.createArrayBuilder());
            partCounts.add(0);
        }
        parts.get(parts.size() - 1).add(part);
        partCounts.set(partCounts.size() - 1, partCounts.get(partCounts.size() - 1) + 1);
    }
}
