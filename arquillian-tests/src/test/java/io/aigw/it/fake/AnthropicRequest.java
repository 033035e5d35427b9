package io.aigw.it.fake;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The parts of a Messages API request the fake acts on, validated the way Anthropic validates them (including the
 * pairing of {@code tool_use} and {@code tool_result} blocks, see {@link AnthropicToolPairing}).
 *
 * @param model         the requested model
 * @param maxTokens     {@code max_tokens} (required, at least 1)
 * @param stream        {@code "stream": true}
 * @param stopSequences {@code stop_sequences} (empty when absent)
 * @param toolName      the first tool's name when the assistant should use tools, else {@code null}
 * @param userId        {@code metadata.user_id}, or {@code null}
 * @param inputTokens   whitespace-separated words of the system text and of all message texts
 * @param cachedSystem  whether any system block carries {@code cache_control}
 * @param newCache      whether that {@code cache_control} asks for the one-hour lifetime ({@code "ttl":"1h"}),
 *                      which this fake answers as a cache write instead of a cache read
 */
record AnthropicRequest(String model, int maxTokens, boolean stream, List<String> stopSequences,
        String toolName, String userId, int inputTokens, boolean cachedSystem, boolean newCache) {

    private static final Pattern WEATHER = Pattern.compile("\\bweather\\b", Pattern.CASE_INSENSITIVE);

    /** Parses and validates a request body; throws {@link AnthropicError} for what Anthropic would reject. */
    static AnthropicRequest from(JsonObject body) {
        String model = JsonSupport.string(body, "model");
        if (model == null) {
            throw AnthropicError.fieldRequired("model");
        }
        int maxTokens = maxTokens(body.get("max_tokens"));
        JsonValue messagesValue = body.get("messages");
        if (messagesValue == null) {
            throw AnthropicError.fieldRequired("messages");
        }
        if (!(messagesValue instanceof JsonArray messages)) {
            throw AnthropicError.invalid("messages: Input should be a valid list");
        }
        if (messages.isEmpty()) {
            throw AnthropicError.invalid("messages: at least one message is required");
        }
        AnthropicToolPairing.check(messages);
        JsonValue system = body.get("system");
        int inputTokens = JsonSupport.words(text(system));
        for (JsonValue message : messages) {
            if (message instanceof JsonObject object) {
                inputTokens += JsonSupport.words(text(object.get("content")));
            }
        }
        return new AnthropicRequest(model, maxTokens, JsonSupport.isTrue(body, "stream"), stopSequences(body),
                toolToUse(body, messages), JsonSupport.string(JsonSupport.object(body, "metadata"), "user_id"),
                inputTokens, hasCacheControl(system), hasCacheControl(system) && system.toString().contains("\"1h\""));
    }

    /** Whether the assistant answers with tool use blocks. */
    boolean usesTools() {
        return toolName != null;
    }

    private static int maxTokens(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            throw AnthropicError.fieldRequired("max_tokens");
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            throw AnthropicError.invalid("max_tokens: Input should be a valid integer");
        }
        if (number.longValue() < 1) {
            throw AnthropicError.invalid("max_tokens: Input should be greater than or equal to 1");
        }
        return (int) Math.min(Integer.MAX_VALUE, number.longValue());
    }

    private static List<String> stopSequences(JsonObject body) {
        List<String> sequences = new ArrayList<>();
        if (body.get("stop_sequences") instanceof JsonArray array) {
            for (JsonValue value : array) {
                if (value instanceof JsonString s && !s.getString().isEmpty()) {
                    sequences.add(s.getString());
                }
            }
        }
        return List.copyOf(sequences);
    }

    /**
     * The first tool's name if tools are offered, {@code tool_choice} is not {@code none}, and the last
     * message is a user message whose text mentions the weather.
     */
    private static String toolToUse(JsonObject body, JsonArray messages) {
        if (!(body.get("tools") instanceof JsonArray tools) || tools.isEmpty()
                || !(tools.get(0) instanceof JsonObject firstTool)
                || "none".equals(JsonSupport.string(JsonSupport.object(body, "tool_choice"), "type"))) {
            return null;
        }
        if (!(messages.get(messages.size() - 1) instanceof JsonObject last)
                || !"user".equals(JsonSupport.string(last, "role"))
                || !WEATHER.matcher(text(last.get("content"))).find()) {
            return null;
        }
        String name = JsonSupport.string(firstTool, "name");
        return name == null ? "unnamed_tool" : name;
    }

    /**
     * The text of a {@code system} value or of a message's {@code content}: the string itself, or the
     * {@code text} of its {@code text} blocks joined by spaces (other block types carry no counted text).
     */
    static String text(JsonValue content) {
        if (content instanceof JsonString s) {
            return s.getString();
        }
        StringBuilder text = new StringBuilder();
        if (content instanceof JsonArray blocks) {
            for (JsonValue block : blocks) {
                if (block instanceof JsonObject object && "text".equals(JsonSupport.string(object, "type"))) {
                    String part = JsonSupport.string(object, "text");
                    text.append(' ').append(part == null ? "" : part);
                }
            }
        }
        return text.toString();
    }

    private static boolean hasCacheControl(JsonValue system) {
        if (system instanceof JsonArray blocks) {
            for (JsonValue block : blocks) {
                if (block instanceof JsonObject object && object.containsKey("cache_control")) {
                    return true;
                }
            }
        }
        return false;
    }
}
