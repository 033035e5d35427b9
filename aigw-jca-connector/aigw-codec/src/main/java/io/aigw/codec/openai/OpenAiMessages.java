package io.aigw.codec.openai;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.json.JsonFields;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ContentPart;
import io.aigw.jca.api.ImagePart;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.ReasoningPart;
import io.aigw.jca.api.TextPart;
import io.aigw.jca.api.ToolCall;
import io.aigw.codec.json.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/** OpenAI chat messages: roles, string or part-array content, tool calls and tool results. */
final class OpenAiMessages {

    private OpenAiMessages() {
    }

    static List<ChatMessage> decodeAll(JsonArray messages) {
        List<ChatMessage> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            String path = "messages[" + i + "]";
            out.add(decode(JsonFields.objectAt(messages, i, path), path));
        }
        return out;
    }

    static ChatMessage decode(JsonObject m, String path) {
        String roleName = JsonFields.requiredString(m, "role", path + ".role");
        Role role = Role.fromWire(roleName);
        if (role == null) {
            throw new InvalidMessageException("Invalid value for '" + path + ".role': '" + roleName
                    + "'. Supported values are: 'system', 'developer', 'user', 'assistant' and 'tool'.", path + ".role");
        }
        List<ContentPart> content = decodeContent(JsonFields.value(m, "content"), path + ".content");
        List<ToolCall> toolCalls = decodeToolCalls(JsonFields.array(m, "tool_calls", path + ".tool_calls"),
                path + ".tool_calls");
        String toolCallId = JsonFields.string(m, "tool_call_id", path + ".tool_call_id");
        if (role == Role.TOOL && toolCallId == null) {
            throw JsonFields.missing(path + ".tool_call_id");
        }
        if (content.isEmpty() && toolCalls.isEmpty() && role != Role.ASSISTANT) {
            throw JsonFields.missing(path + ".content");
        }
        return new ChatMessage(role, content, JsonFields.string(m, "name", path + ".name"), toolCalls, toolCallId);
    }

    private static List<ContentPart> decodeContent(JsonValue content, String path) {
        if (content == null) {
            return List.of();
        }
        if (content instanceof JsonString s) {
            return List.of(new TextPart(s.getString()));
        }
        if (!(content instanceof JsonArray parts)) {
            throw JsonFields.wrongType(path, "a string or an array of content parts", content);
        }
        List<ContentPart> out = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            String p = path + "[" + i + "]";
            JsonObject part = JsonFields.objectAt(parts, i, p);
            String type = JsonFields.requiredString(part, "type", p + ".type");
            switch (type) {
                case "text" -> out.add(new TextPart(JsonFields.requiredString(part, "text", p + ".text")));
                case "image_url" -> {
                    JsonObject image = JsonFields.object(part, "image_url", p + ".image_url");
                    if (image == null) {
                        throw JsonFields.missing(p + ".image_url");
                    }
                    out.add(new ImagePart(JsonFields.requiredString(image, "url", p + ".image_url.url"),
                            JsonFields.string(image, "detail", p + ".image_url.detail")));
                }
                default -> throw new InvalidMessageException("Content part type '" + type + "' in '" + p
                        + "' is not supported by this gateway. Supported types are 'text' and 'image_url'.", p + ".type");
            }
        }
        return out;
    }

    private static List<ToolCall> decodeToolCalls(JsonArray calls, String path) {
        if (calls == null) {
            return List.of();
        }
        List<ToolCall> out = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            String p = path + "[" + i + "]";
            JsonObject call = JsonFields.objectAt(calls, i, p);
            JsonObject fn = JsonFields.object(call, "function", p + ".function");
            if (fn == null) {
                throw JsonFields.missing(p + ".function");
            }
            out.add(new ToolCall(JsonFields.string(call, "id", p + ".id"),
                    JsonFields.requiredString(fn, "name", p + ".function.name"),
                    JsonFields.string(fn, "arguments", p + ".function.arguments")));
        }
        return out;
    }

    static JsonArray encodeAll(List<ChatMessage> messages) {
        JsonArrayBuilder a = Jsonp.createArrayBuilder();
        for (ChatMessage m : messages) {
            a.add(encode(m));
        }
        return a.build();
    }

    static JsonObject encode(ChatMessage m) {
        JsonObjectBuilder b = Jsonp.createObjectBuilder().add("role", m.role().wireName());
        b.add("content", encodeContent(m.content()));
        if (m.name() != null) {
            b.add("name", m.name());
        }
        if (!m.toolCalls().isEmpty()) {
            b.add("tool_calls", encodeToolCalls(m.toolCalls()));
        }
        if (m.toolCallId() != null) {
            b.add("tool_call_id", m.toolCallId());
        }
        return b.build();
    }

    /** A single text part travels as a plain string, anything else as a part array; no content as {@code null}. */
    static JsonValue encodeContent(List<ContentPart> all) {
        // reasoning is the provider's own business: OpenAI-protocol upstreams do not take it back
        List<ContentPart> content = all.stream().filter(p -> !(p instanceof ReasoningPart)).toList();
        if (content.isEmpty()) {
            return JsonValue.NULL;
        }
        if (content.size() == 1 && content.get(0) instanceof TextPart t) {
            return Jsonp.createValue(t.text());
        }
        JsonArrayBuilder parts = Jsonp.createArrayBuilder();
        for (ContentPart p : content) {
            if (p instanceof TextPart t) {
                parts.add(Jsonp.createObjectBuilder().add("type", "text").add("text", t.text()));
            } else if (p instanceof ImagePart img) {
                JsonObjectBuilder url = Jsonp.createObjectBuilder().add("url", img.url());
                if (img.detail() != null) {
                    url.add("detail", img.detail());
                }
                parts.add(Jsonp.createObjectBuilder().add("type", "image_url").add("image_url", url));
            }
        }
        return parts.build();
    }

    static JsonArray encodeToolCalls(List<ToolCall> calls) {
        JsonArrayBuilder a = Jsonp.createArrayBuilder();
        for (ToolCall c : calls) {
            JsonObjectBuilder call = Jsonp.createObjectBuilder();
            if (c.id() != null) {
                call.add("id", c.id());
            }
            a.add(call.add("type", "function").add("function", Jsonp.createObjectBuilder()
                    .add("name", c.name()).add("arguments", c.arguments())));
        }
        return a.build();
    }
}
