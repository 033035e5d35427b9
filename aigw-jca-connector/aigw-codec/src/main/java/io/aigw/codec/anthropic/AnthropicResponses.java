package io.aigw.codec.anthropic;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.json.JsonFields;
import io.aigw.codec.json.JsonText;
import io.aigw.codec.json.Jsonp;
import io.aigw.jca.api.ChatChoice;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.ContentPart;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.ReasoningPart;
import io.aigw.jca.api.TextPart;
import io.aigw.jca.api.ToolCall;
import io.aigw.jca.api.Usage;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;

/** Anthropic {@code message} response bodies. */
public final class AnthropicResponses {

    private AnthropicResponses() {
    }

    /** Decodes an upstream's message (one choice). */
    public static ChatResponse decode(JsonObject body) {
        JsonArray content = JsonFields.array(body, "content", "content");
        if (content == null) {
            throw new InvalidMessageException("The response has no 'content'.", "content");
        }
        List<ContentPart> reasoning = new ArrayList<>();
        List<ContentPart> parts = new ArrayList<>();
        List<ToolCall> calls = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            JsonObject block = JsonFields.objectAt(content, i, "content." + i);
            String type = JsonFields.requiredString(block, "type", "content." + i + ".type");
            if ("text".equals(type)) {
                parts.add(new TextPart(JsonFields.requiredString(block, "text", "content." + i + ".text")));
            } else if ("thinking".equals(type) || "redacted_thinking".equals(type)) {
                reasoning.add(AnthropicContent.reasoning(block, "content." + i));
            } else if ("tool_use".equals(type)) {
                JsonObject input = JsonFields.object(block, "input", "content." + i + ".input");
                calls.add(new ToolCall(JsonFields.string(block, "id", "content." + i + ".id"),
                        JsonFields.requiredString(block, "name", "content." + i + ".name"),
                        JsonText.write(input == null ? JsonObject.EMPTY_JSON_OBJECT : input)));
            }
        }
        Usage usage = AnthropicUsage.decode(JsonFields.object(body, "usage", "usage"));
        reasoning.addAll(joinText(parts));
        ChatMessage message = new ChatMessage(Role.ASSISTANT, reasoning, null, calls, null);
        return new ChatResponse(JsonFields.string(body, "id", "id"), JsonFields.string(body, "model", "model"),
                System.currentTimeMillis() / 1000, List.of(new ChatChoice(0, message,
                AnthropicStopReasons.decode(JsonFields.string(body, "stop_reason", "stop_reason")))), usage, null);
    }

    /** Text blocks become one text part, as the OpenAI side shows one content string. */
    private static List<ContentPart> joinText(List<ContentPart> parts) {
        if (parts.size() <= 1) {
            return parts;
        }
        StringBuilder sb = new StringBuilder();
        parts.forEach(p -> sb.append(((TextPart) p).text()));
        return List.of(new TextPart(sb.toString()));
    }

    /**
     * Encodes the first choice of a response for an Anthropic client.
     *
     * @param model the model name to show, as the client addressed it
     */
    public static JsonObject encode(ChatResponse r, String model) {
        ChatChoice choice = r.choices().isEmpty() ? null : r.choices().get(0);
        JsonArrayBuilder content = Jsonp.createArrayBuilder();
        if (choice != null) {
            for (ContentPart part : choice.message().content()) {
                if (part instanceof ReasoningPart reasoning && reasoning.returnable()) {
                    content.add(AnthropicContent.encodeReasoning(reasoning));
                }
            }
            String text = choice.message().text();
            if (text != null && !text.isEmpty()) {
                content.add(Jsonp.createObjectBuilder().add("type", "text").add("text", text));
            }
            for (ToolCall call : choice.message().toolCalls()) {
                content.add(Jsonp.createObjectBuilder().add("type", "tool_use").add("id", toolId(call))
                        .add("name", call.name()).add("input", AnthropicContent.arguments(call)));
            }
        }
        JsonObjectBuilder b = Jsonp.createObjectBuilder()
                .add("id", messageId(r.id()))
                .add("type", "message")
                .add("role", "assistant")
                .add("model", model)
                .add("content", content);
        String stop = choice == null ? "end_turn" : AnthropicStopReasons.encode(choice.finishReason());
        b.add("stop_reason", stop == null ? "end_turn" : stop).addNull("stop_sequence");
        return b.add("usage", AnthropicUsage.encode(r.usage())).build();
    }

    static String messageId(String id) {
        return id == null ? "msg_aigw" : id.startsWith("msg_") ? id : "msg_" + id;
    }

    static String toolId(ToolCall call) {
        return call.id() == null ? "toolu_" + Integer.toHexString(call.hashCode()) : call.id();
    }
}
