package io.aigw.codec.bedrock;

import io.aigw.codec.ToolArguments;
import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.json.Jsonp;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ContentPart;
import io.aigw.jca.api.ImagePart;
import io.aigw.jca.api.ReasoningPart;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.TextPart;
import io.aigw.jca.api.ToolCall;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Neutral messages as Converse {@code system} blocks and {@code messages}. Tool results, which Converse carries as
 * {@code toolResult} blocks of user messages, come from neutral {@link Role#TOOL} messages; consecutive messages of
 * one role are merged, as Converse requires alternating roles; empty text is left out, as Converse rejects blank
 * text blocks.
 */
final class BedrockMessages {

    private BedrockMessages() {
    }

    /** One {@code {"text":...}} block per non-empty system or developer message, or {@code null} for none. */
    /** A prompt-caching checkpoint: the prompt up to here may be cached (from a client's cache breakpoint). */
    static final JsonObject CACHE_POINT = Jsonp.createObjectBuilder()
            .add("cachePoint", Jsonp.createObjectBuilder().add("type", "default")).build();

    static JsonArray system(List<ChatMessage> messages) {
        JsonArrayBuilder blocks = Jsonp.createArrayBuilder();
        boolean any = false;
        for (ChatMessage m : messages) {
            if ((m.role() == Role.SYSTEM || m.role() == Role.DEVELOPER) && m.text() != null && !m.text().isEmpty()) {
                blocks.add(Jsonp.createObjectBuilder().add("text", m.text()));
                any = true;
                if (m.content().stream().anyMatch(p -> p instanceof TextPart t && t.cacheControl() != null)) {
                    blocks.add(CACHE_POINT);
                }
            }
        }
        return any ? blocks.build() : null;
    }

    /** The Converse {@code messages}, roles alternating, images taken from {@code images}. */
    static JsonArray messages(List<ChatMessage> messages, Function<ImagePart, ConverseImage> images) {
        List<String> roles = new ArrayList<>();
        List<JsonArrayBuilder> contents = new ArrayList<>();
        for (ChatMessage m : messages) {
            if (m.role() == Role.SYSTEM || m.role() == Role.DEVELOPER) {
                continue;
            }
            List<JsonObject> blocks = blocks(m, images);
            if (blocks.isEmpty()) {
                continue;
            }
            String role = m.role() == Role.ASSISTANT ? "assistant" : "user";
            if (roles.isEmpty() || !roles.get(roles.size() - 1).equals(role)) {
                roles.add(role);
                contents.add(Jsonp.createArrayBuilder());
            }
            int last = contents.size() - 1;
            blocks.forEach(contents.get(last)::add);
        }
        JsonArrayBuilder out = Jsonp.createArrayBuilder();
        for (int i = 0; i < roles.size(); i++) {
            out.add(Jsonp.createObjectBuilder().add("role", roles.get(i)).add("content", contents.get(i)));
        }
        return out.build();
    }

    private static List<JsonObject> blocks(ChatMessage m, Function<ImagePart, ConverseImage> images) {
        List<JsonObject> blocks = new ArrayList<>();
        if (m.role() == Role.TOOL) {
            if (m.toolCallId() == null) {
                throw new InvalidMessageException("A tool message needs the id of the tool call it answers.",
                        "messages");
            }
            JsonArrayBuilder content = Jsonp.createArrayBuilder();
            List<JsonObject> parts = parts(m.content(), images);
            if (parts.isEmpty()) {
                content.add(Jsonp.createObjectBuilder().add("text", ""));
            } else {
                parts.forEach(content::add);
            }
            JsonObjectBuilder result = Jsonp.createObjectBuilder().add("toolUseId", m.toolCallId())
                    .add("content", content);
            if (m.toolError()) {
                result.add("status", "error");
            }
            blocks.add(Jsonp.createObjectBuilder().add("toolResult", result).build());
            return blocks;
        }
        blocks.addAll(parts(m.content(), images));
        for (ToolCall call : m.toolCalls()) {
            blocks.add(Jsonp.createObjectBuilder().add("toolUse", Jsonp.createObjectBuilder()
                    .add("toolUseId", call.id() == null ? "tooluse_" + Integer.toHexString(call.hashCode()) : call.id())
                    .add("name", call.name()).add("input", arguments(call))).build());
        }
        return blocks;
    }

    private static List<JsonObject> parts(List<ContentPart> parts, Function<ImagePart, ConverseImage> images) {
        List<JsonObject> blocks = new ArrayList<>();
        for (ContentPart part : parts) {
            if (part instanceof TextPart t) {
                if (!t.text().isEmpty()) {
                    blocks.add(Jsonp.createObjectBuilder().add("text", t.text()).build());
                }
                if (t.cacheControl() != null) {
                    blocks.add(CACHE_POINT);
                }
            } else if (part instanceof ImagePart img) {
                ConverseImage image = images.apply(img);
                blocks.add(Jsonp.createObjectBuilder().add("image", Jsonp.createObjectBuilder()
                        .add("format", image.format())
                        .add("source", Jsonp.createObjectBuilder().add("bytes", image.base64Bytes()))).build());
                if (img.cacheControl() != null) {
                    blocks.add(CACHE_POINT);
                }
            } else if (part instanceof ReasoningPart reasoning && reasoning.returnable()) {
                blocks.add(Jsonp.createObjectBuilder().add("reasoningContent", BedrockReasoning.encode(reasoning))
                        .build());
            }
        }
        return blocks;
    }

    /** A tool call's arguments as the JSON object the format wants. */
    static JsonObject arguments(ToolCall call) {
        return ToolArguments.asObject(call);
    }
}
