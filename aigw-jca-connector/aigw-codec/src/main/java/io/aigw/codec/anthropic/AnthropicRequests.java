package io.aigw.codec.anthropic;

import io.aigw.codec.ProviderExtensions;
import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.json.JsonFields;
import io.aigw.codec.json.JsonJava;
import io.aigw.codec.json.Jsonp;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.GenerationOptions;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.TextPart;
import io.aigw.jca.api.ToolDefinition;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code POST /v1/messages} request bodies. */
public final class AnthropicRequests {

    /** Extension keys of Anthropic-only fields start with this; only Anthropic upstreams receive them. */
    public static final String EXTENSION_PREFIX = "anthropic.";

    /** Used when a request for an Anthropic upstream has no token limit (Anthropic requires one). */
    public static final int DEFAULT_MAX_TOKENS = 4096;

    private static final Set<String> MODELLED = Set.of("model", "messages", "system", "max_tokens", "temperature",
            "top_p", "stop_sequences", "stream", "tools", "tool_choice");

    private AnthropicRequests() {
    }

    /** Decodes and validates a client's request body. */
    public static ChatRequest decode(JsonObject body) {
        String model = JsonFields.requiredString(body, "model", "model");
        Integer maxTokens = JsonFields.integer(body, "max_tokens", "max_tokens");
        if (maxTokens == null) {
            throw new InvalidMessageException("max_tokens: Field required", "max_tokens");
        }
        if (maxTokens < 1) {
            throw new InvalidMessageException("max_tokens: Input should be greater than or equal to 1", "max_tokens");
        }
        JsonArray messages = JsonFields.array(body, "messages", "messages");
        if (messages == null) {
            throw new InvalidMessageException("messages: Field required", "messages");
        }
        List<ChatMessage> decoded = new ArrayList<>();
        decodeSystem(body, decoded);
        for (int i = 0; i < messages.size(); i++) {
            String p = "messages." + i;
            decoded.addAll(AnthropicContent.decodeMessage(JsonFields.objectAt(messages, i, p), p));
        }
        if (decoded.stream().noneMatch(m -> m.role() != Role.SYSTEM)) {
            throw new InvalidMessageException("messages: at least one message is required", "messages");
        }
        GenerationOptions options = new GenerationOptions(JsonFields.number(body, "temperature", "temperature"),
                JsonFields.number(body, "top_p", "top_p"), maxTokens, stopSequences(body), null);
        Map<String, Object> extensions = new LinkedHashMap<>();
        body.forEach((k, v) -> {
            if (!MODELLED.contains(k)) {
                extensions.put(EXTENSION_PREFIX + k, JsonJava.toJava(v));
            }
        });
        return new ChatRequest(model, decoded, options, tools(body), toolChoice(body), null,
                Boolean.TRUE.equals(JsonFields.bool(body, "stream", "stream")), extensions);
    }

    private static void decodeSystem(JsonObject body, List<ChatMessage> out) {
        JsonValue system = JsonFields.value(body, "system");
        if (system == null) {
            return;
        }
        if (system instanceof JsonString s) {
            out.add(ChatMessage.text(Role.SYSTEM, s.getString()));
            return;
        }
        if (!(system instanceof JsonArray blocks)) {
            throw JsonFields.wrongType("system", "a string or an array of text blocks", system);
        }
        List<io.aigw.jca.api.ContentPart> parts = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            JsonObject block = JsonFields.objectAt(blocks, i, "system." + i);
            parts.add(new TextPart(JsonFields.requiredString(block, "text", "system." + i + ".text"),
                    AnthropicContent.cacheControl(block, "system." + i)));
        }
        out.add(new ChatMessage(Role.SYSTEM, parts, null, List.of(), null));
    }

    private static List<String> stopSequences(JsonObject body) {
        JsonArray stops = JsonFields.array(body, "stop_sequences", "stop_sequences");
        List<String> out = new ArrayList<>();
        if (stops != null) {
            for (int i = 0; i < stops.size(); i++) {
                if (!(stops.get(i) instanceof JsonString s)) {
                    throw JsonFields.wrongType("stop_sequences." + i, "a string", stops.get(i));
                }
                out.add(s.getString());
            }
        }
        return out;
    }

    private static List<ToolDefinition> tools(JsonObject body) {
        JsonArray tools = JsonFields.array(body, "tools", "tools");
        List<ToolDefinition> out = new ArrayList<>();
        if (tools != null) {
            for (int i = 0; i < tools.size(); i++) {
                String p = "tools." + i;
                JsonObject tool = JsonFields.objectAt(tools, i, p);
                JsonObject schema = JsonFields.object(tool, "input_schema", p + ".input_schema");
                if (schema == null) {
                    throw new InvalidMessageException(p + ".input_schema: Field required", p + ".input_schema");
                }
                out.add(new ToolDefinition(JsonFields.requiredString(tool, "name", p + ".name"),
                        JsonFields.string(tool, "description", p + ".description"), JsonJava.toJavaMap(schema), null,
                        AnthropicContent.cacheControl(tool, p)));
            }
        }
        return out;
    }

    /** Anthropic's tool choice in the neutral (OpenAI) form. */
    private static Object toolChoice(JsonObject body) {
        JsonObject choice = JsonFields.object(body, "tool_choice", "tool_choice");
        if (choice == null) {
            return null;
        }
        String type = JsonFields.requiredString(choice, "type", "tool_choice.type");
        return switch (type) {
            case "auto" -> "auto";
            case "any" -> "required";
            case "none" -> "none";
            case "tool" -> Map.of("type", "function", "function",
                    Map.of("name", JsonFields.requiredString(choice, "name", "tool_choice.name")));
            default -> throw new InvalidMessageException("tool_choice.type: '" + type
                    + "' is not one of 'auto', 'any', 'tool', 'none'", "tool_choice.type");
        };
    }

    /**
     * Encodes a request for an Anthropic upstream. Fails with {@link InvalidMessageException} for what Anthropic
     * cannot do ({@code n} > 1, a response format).
     */
    public static JsonObject encode(ChatRequest r) {
        if (r.options().n() != null && r.options().n() > 1) {
            throw new InvalidMessageException("'n' greater than 1 is not supported by Anthropic models.", "n");
        }
        if (r.responseFormat() != null && !"text".equals(r.responseFormat().type())) {
            throw new InvalidMessageException("'response_format' " + r.responseFormat().type()
                    + " is not supported by Anthropic models.", "response_format");
        }
        JsonObjectBuilder b = Jsonp.createObjectBuilder().add("model", r.model())
                .add("max_tokens", r.options().maxTokens() == null ? DEFAULT_MAX_TOKENS : r.options().maxTokens());
        JsonValue system = system(r.messages());
        if (system != null) {
            b.add("system", system);
        }
        b.add("messages", AnthropicContent.encodeMessages(r.messages()));
        if (r.options().temperature() != null) {
            b.add("temperature", r.options().temperature());
        }
        if (r.options().topP() != null) {
            b.add("top_p", r.options().topP());
        }
        if (!r.options().stop().isEmpty()) {
            JsonArrayBuilder stops = Jsonp.createArrayBuilder();
            r.options().stop().forEach(stops::add);
            b.add("stop_sequences", stops);
        }
        if (!r.tools().isEmpty()) {
            JsonArrayBuilder tools = Jsonp.createArrayBuilder();
            for (ToolDefinition t : r.tools()) {
                JsonObjectBuilder tool = Jsonp.createObjectBuilder().add("name", t.name());
                if (t.description() != null) {
                    tool.add("description", t.description());
                }
                tool.add("input_schema", t.parameters() == null
                        ? Jsonp.createObjectBuilder().add("type", "object").build() : JsonJava.toJson(t.parameters()));
                tools.add(AnthropicContent.addCacheControl(tool, t.cacheControl()));
            }
            b.add("tools", tools);
        }
        JsonObject choice = encodeToolChoice(r.toolChoice());
        if (choice != null) {
            b.add("tool_choice", choice);
        }
        if (r.stream()) {
            b.add("stream", true);
        }
        return ProviderExtensions.addTo(b.build(), r.extensions(), EXTENSION_PREFIX);
    }

    /**
     * The system prompt: the system messages' texts joined by blank lines, or text blocks as the client sent them when a
     * message has several parts (Anthropic system blocks) or a caching breakpoint.
     */
    private static JsonValue system(List<ChatMessage> messages) {
        List<TextPart> parts = new ArrayList<>();
        for (ChatMessage m : messages) {
            if (m.role() == Role.SYSTEM || m.role() == Role.DEVELOPER) {
                m.content().stream().filter(TextPart.class::isInstance).map(TextPart.class::cast).forEach(parts::add);
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        boolean blocksNeeded = parts.stream().anyMatch(t -> t.cacheControl() != null) || messages.stream()
                .anyMatch(m -> (m.role() == Role.SYSTEM || m.role() == Role.DEVELOPER) && m.content().size() > 1);
        if (!blocksNeeded) {
            StringBuilder joined = new StringBuilder();
            parts.forEach(t -> joined.append(joined.isEmpty() ? "" : "\n\n").append(t.text()));
            return Jsonp.createValue(joined.toString());
        }
        JsonArrayBuilder blocks = Jsonp.createArrayBuilder();
        for (TextPart t : parts) {
            blocks.add(AnthropicContent.addCacheControl(Jsonp.createObjectBuilder().add("type", "text")
                    .add("text", t.text()), t.cacheControl()));
        }
        return blocks.build();
    }

    private static JsonObject encodeToolChoice(Object choice) {
        if (choice == null) {
            return null;
        }
        if (choice instanceof String s) {
            return switch (s) {
                case "required" -> Jsonp.createObjectBuilder().add("type", "any").build();
                case "none" -> Jsonp.createObjectBuilder().add("type", "none").build();
                default -> Jsonp.createObjectBuilder().add("type", "auto").build();
            };
        }
        if (choice instanceof Map<?, ?> m && m.get("function") instanceof Map<?, ?> fn && fn.get("name") != null) {
            return Jsonp.createObjectBuilder().add("type", "tool").add("name", String.valueOf(fn.get("name"))).build();
        }
        return null;
    }
}
