package io.aigw.codec.anthropic;

import io.aigw.codec.ToolArguments;
import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.json.JsonFields;
import io.aigw.codec.json.JsonText;
import io.aigw.codec.json.Jsonp;
import io.aigw.jca.api.CacheControl;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ContentPart;
import io.aigw.jca.api.ImagePart;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.ReasoningPart;
import io.aigw.jca.api.TextPart;
import io.aigw.jca.api.ToolCall;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Anthropic content blocks and neutral messages. Tool results, which Anthropic carries in user messages, become
 * neutral {@link Role#TOOL} messages and back; consecutive messages of one role are merged on the way out, as
 * Anthropic requires alternating roles.
 */
final class AnthropicContent {

    private AnthropicContent() {
    }

    /** The neutral messages of one Anthropic message (a user message with tool results gives several). */
    static List<ChatMessage> decodeMessage(JsonObject m, String path) {
        String roleName = JsonFields.requiredString(m, "role", path + ".role");
        Role role = switch (roleName) {
            case "user" -> Role.USER;
            case "assistant" -> Role.ASSISTANT;
            default -> throw new InvalidMessageException(path + ".role: Input should be 'user' or 'assistant'",
                    path + ".role");
        };
        JsonValue content = JsonFields.value(m, "content");
        if (content == null) {
            throw JsonFields.missing(path + ".content");
        }
        if (content instanceof JsonString s) {
            return List.of(ChatMessage.text(role, s.getString()));
        }
        if (!(content instanceof JsonArray blocks)) {
            throw JsonFields.wrongType(path + ".content", "a string or an array of content blocks", content);
        }
        List<ChatMessage> out = new ArrayList<>();
        List<ContentPart> parts = new ArrayList<>();
        List<ToolCall> calls = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            String p = path + ".content[" + i + "]";
            JsonObject block = JsonFields.objectAt(blocks, i, p);
            String type = JsonFields.requiredString(block, "type", p + ".type");
            switch (type) {
                case "text" -> parts.add(new TextPart(JsonFields.requiredString(block, "text", p + ".text"),
                        cacheControl(block, p)));
                case "image" -> parts.add(image(block, p));
                case "tool_use" -> calls.add(new ToolCall(JsonFields.requiredString(block, "id", p + ".id"),
                        JsonFields.requiredString(block, "name", p + ".name"), JsonText.write(input(block, p))));
                case "tool_result" -> out.add(ChatMessage.toolResult(
                        JsonFields.requiredString(block, "tool_use_id", p + ".tool_use_id"),
                        withCacheControl(toolResultParts(block, p), cacheControl(block, p)),
                        Boolean.TRUE.equals(JsonFields.bool(block, "is_error", p + ".is_error"))));
                case "thinking", "redacted_thinking" -> parts.add(reasoning(block, p));
                default -> throw new InvalidMessageException(p + ".type: content block type '" + type
                        + "' is not supported by this gateway", p + ".type");
            }
        }
        if (!parts.isEmpty() || !calls.isEmpty()) {
            out.add(new ChatMessage(role, parts, null, calls, null));
        }
        return out;
    }

    /** A {@code thinking} or {@code redacted_thinking} block as reasoning. */
    static ReasoningPart reasoning(JsonObject block, String p) {
        if ("redacted_thinking".equals(JsonFields.string(block, "type", p + ".type"))) {
            return new ReasoningPart(null, null, JsonFields.requiredString(block, "data", p + ".data"));
        }
        return new ReasoningPart(JsonFields.requiredString(block, "thinking", p + ".thinking"),
                JsonFields.string(block, "signature", p + ".signature"), null);
    }

    /** Reasoning Anthropic can take back: a signed {@code thinking} block or a {@code redacted_thinking} block. */
    static JsonObject encodeReasoning(ReasoningPart reasoning) {
        if (reasoning.redactedData() != null) {
            return Jsonp.createObjectBuilder().add("type", "redacted_thinking").add("data", reasoning.redactedData())
                    .build();
        }
        return Jsonp.createObjectBuilder().add("type", "thinking").add("thinking", reasoning.text() == null ? ""
                : reasoning.text()).add("signature", reasoning.signature()).build();
    }

    /** The block's {@code cache_control}, or {@code null}. */
    static CacheControl cacheControl(JsonObject block, String p) {
        JsonObject cache = JsonFields.object(block, "cache_control", p + ".cache_control");
        if (cache == null) {
            return null;
        }
        String type = JsonFields.requiredString(cache, "type", p + ".cache_control.type");
        if (!"ephemeral".equals(type)) {
            throw new InvalidMessageException(p + ".cache_control.type: Input should be 'ephemeral'",
                    p + ".cache_control.type");
        }
        return new CacheControl(JsonFields.string(cache, "ttl", p + ".cache_control.ttl"));
    }

    /** Adds {@code cache_control} for a breakpoint. */
    static JsonObjectBuilder addCacheControl(JsonObjectBuilder block, CacheControl cache) {
        if (cache != null) {
            JsonObjectBuilder c = Jsonp.createObjectBuilder().add("type", "ephemeral");
            if (cache.ttl() != null) {
                c.add("ttl", cache.ttl());
            }
            block.add("cache_control", c);
        }
        return block;
    }

    /** A tool result block's breakpoint moves to its last part (the neutral form has no block around the parts). */
    private static List<ContentPart> withCacheControl(List<ContentPart> parts, CacheControl cache) {
        if (cache == null || parts.isEmpty()) {
            return parts;
        }
        List<ContentPart> out = new ArrayList<>(parts);
        ContentPart last = out.get(out.size() - 1);
        out.set(out.size() - 1, last instanceof TextPart t ? new TextPart(t.text(), cache)
                : last instanceof ImagePart i ? new ImagePart(i.url(), i.detail(), cache) : last);
        return out;
    }

    private static JsonObject input(JsonObject block, String p) {
        JsonObject input = JsonFields.object(block, "input", p + ".input");
        return input == null ? JsonObject.EMPTY_JSON_OBJECT : input;
    }

    private static ImagePart image(JsonObject block, String p) {
        JsonObject source = JsonFields.object(block, "source", p + ".source");
        if (source == null) {
            throw JsonFields.missing(p + ".source");
        }
        String type = JsonFields.requiredString(source, "type", p + ".source.type");
        return switch (type) {
            case "base64" -> new ImagePart("data:" + JsonFields.requiredString(source, "media_type",
                    p + ".source.media_type") + ";base64," + JsonFields.requiredString(source, "data",
                    p + ".source.data"), null, cacheControl(block, p));
            case "url" -> new ImagePart(JsonFields.requiredString(source, "url", p + ".source.url"), null,
                    cacheControl(block, p));
            default -> throw new InvalidMessageException(p + ".source.type: '" + type + "' is not supported",
                    p + ".source.type");
        };
    }

    private static List<ContentPart> toolResultParts(JsonObject block, String p) {
        JsonValue content = JsonFields.value(block, "content");
        if (content == null) {
            return List.of(new TextPart(""));
        }
        if (content instanceof JsonString s) {
            return List.of(new TextPart(s.getString()));
        }
        if (content instanceof JsonArray a) {
            List<ContentPart> parts = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                JsonObject inner = JsonFields.objectAt(a, i, p + ".content[" + i + "]");
                String type = JsonFields.requiredString(inner, "type", p + ".content[" + i + "].type");
                String ip = p + ".content[" + i + "]";
                parts.add("image".equals(type) ? image(inner, ip)
                        : new TextPart(JsonFields.requiredString(inner, "text", ip + ".text"), cacheControl(inner, ip)));
            }
            return parts;
        }
        throw JsonFields.wrongType(p + ".content", "a string or an array of blocks", content);
    }

    /** Anthropic {@code messages} for the neutral non-system messages, roles alternating. */
    static JsonArray encodeMessages(List<ChatMessage> messages) {
        List<String> roles = new ArrayList<>();
        List<JsonArrayBuilder> contents = new ArrayList<>();
        for (ChatMessage m : messages) {
            if (m.role() == Role.SYSTEM || m.role() == Role.DEVELOPER) {
                continue;
            }
            String role = m.role() == Role.ASSISTANT ? "assistant" : "user";
            if (roles.isEmpty() || !roles.get(roles.size() - 1).equals(role)) {
                roles.add(role);
                contents.add(Jsonp.createArrayBuilder());
            }
            JsonArrayBuilder blocks = contents.get(contents.size() - 1);
            if (m.role() == Role.TOOL) {
                JsonObjectBuilder result = Jsonp.createObjectBuilder().add("type", "tool_result")
                        .add("tool_use_id", m.toolCallId()).add("content", encodeParts(m.content()));
                if (m.toolError()) {
                    result.add("is_error", true);
                }
                blocks.add(result);
                continue;
            }
            encodeParts(m.content()).forEach(blocks::add);
            for (ToolCall call : m.toolCalls()) {
                blocks.add(Jsonp.createObjectBuilder().add("type", "tool_use")
                        .add("id", call.id() == null ? "toolu_" + Integer.toHexString(call.hashCode()) : call.id())
                        .add("name", call.name()).add("input", arguments(call)));
            }
        }
        JsonArrayBuilder out = Jsonp.createArrayBuilder();
        for (int i = 0; i < roles.size(); i++) {
            out.add(Jsonp.createObjectBuilder().add("role", roles.get(i)).add("content", contents.get(i)));
        }
        return out.build();
    }

    /** A tool call's arguments as the JSON object the format wants. */
    static JsonObject arguments(ToolCall call) {
        return ToolArguments.asObject(call);
    }

    static JsonArray encodeParts(List<ContentPart> parts) {
        JsonArrayBuilder blocks = Jsonp.createArrayBuilder();
        for (ContentPart part : parts) {
            if (part instanceof TextPart t) {
                if (!t.text().isEmpty()) {
                    blocks.add(addCacheControl(Jsonp.createObjectBuilder().add("type", "text").add("text", t.text()),
                            t.cacheControl()));
                }
            } else if (part instanceof ImagePart img) {
                blocks.add(addCacheControl(Jsonp.createObjectBuilder().add("type", "image")
                        .add("source", imageSource(img)), img.cacheControl()));
            } else if (part instanceof ReasoningPart reasoning && reasoning.returnable()) {
                // only signed reasoning goes back: Anthropic refuses thinking it did not sign
                blocks.add(encodeReasoning(reasoning));
            }
        }
        return blocks.build();
    }

    private static JsonObject imageSource(ImagePart img) {
        String url = img.url();
        if (img.inline()) {
            int comma = url.indexOf(',');
            int semicolon = url.indexOf(';');
            if (comma < 0 || semicolon < 0 || semicolon > comma || !url.substring(semicolon, comma).equals(";base64")) {
                throw new InvalidMessageException("An inline image must be a base64 data URL.", "messages");
            }
            return Jsonp.createObjectBuilder().add("type", "base64").add("media_type", url.substring(5, semicolon))
                    .add("data", url.substring(comma + 1)).build();
        }
        return Jsonp.createObjectBuilder().add("type", "url").add("url", url).build();
    }
}
