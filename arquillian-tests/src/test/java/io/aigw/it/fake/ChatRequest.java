package io.aigw.it.fake;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.regex.Pattern;

/**
 * The parts of a chat completion request the fake acts on, validated the way OpenAI validates them (including the
 * pairing of tool calls and tool messages, see {@link OpenAiToolPairing}).
 *
 * @param model           the requested model
 * @param stream          {@code "stream": true}
 * @param includeUsage    {@code "stream_options": {"include_usage": true}}
 * @param maxTokens       {@code max_completion_tokens}, else {@code max_tokens}, else {@code null}
 * @param n               number of choices (default 1)
 * @param toolName        the first tool's function name when the assistant should call tools, else {@code null}
 * @param user            the {@code user} field, or {@code null}
 * @param promptTokens    whitespace-separated words across all message text contents
 * @param lastUserText    the text of the last user message (what the echo models answer), or {@code ""}
 */
record ChatRequest(String model, boolean stream, boolean includeUsage, Integer maxTokens, int n,
        String toolName, String user, int promptTokens, String lastUserText) {

    private static final Pattern WEATHER = Pattern.compile("\\bweather\\b", Pattern.CASE_INSENSITIVE);

    /** Parses and validates a request body; throws {@link OpenAiError} for what OpenAI would reject. */
    static ChatRequest from(JsonObject body) {
        String model = JsonSupport.string(body, "model");
        if (model == null) {
            throw OpenAiError.missingModel();
        }
        JsonValue messagesValue = body.get("messages");
        if (messagesValue == null || messagesValue.getValueType() != JsonValue.ValueType.ARRAY) {
            throw OpenAiError.missingParameter("messages");
        }
        JsonArray messages = messagesValue.asJsonArray();
        if (messages.isEmpty()) {
            throw OpenAiError.emptyArray("messages");
        }
        OpenAiToolPairing.check(messages);
        Integer maxTokens = maxTokens(body);
        Integer n = JsonSupport.integer(body, "n");
        if (n != null && n < 1) {
            throw OpenAiError.belowMinimum("n", n);
        }
        return new ChatRequest(model,
                JsonSupport.isTrue(body, "stream"),
                JsonSupport.isTrue(JsonSupport.object(body, "stream_options"), "include_usage"),
                maxTokens,
                n == null ? 1 : n,
                toolToCall(body, messages),
                JsonSupport.string(body, "user"),
                promptTokens(messages),
                lastUserText(messages));
    }

    /** Whether the assistant answers with tool calls instead of text. */
    boolean callsTools() {
        return toolName != null;
    }

    private static Integer maxTokens(JsonObject body) {
        String param = body.containsKey("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
        Integer value = JsonSupport.integer(body, param);
        if (value != null && value < 1) {
            throw OpenAiError.belowMinimum(param, value);
        }
        return value;
    }

    /** The first tool's name if tools are offered and the last message is a user message about the weather. */
    private static String toolToCall(JsonObject body, JsonArray messages) {
        JsonValue tools = body.get("tools");
        if (!(tools instanceof JsonArray toolArray) || toolArray.isEmpty()
                || !(toolArray.get(0) instanceof JsonObject firstTool)) {
            return null;
        }
        if (!(messages.get(messages.size() - 1) instanceof JsonObject last)
                || !"user".equals(JsonSupport.string(last, "role"))
                || !WEATHER.matcher(text(last)).find()) {
            return null;
        }
        String name = JsonSupport.string(JsonSupport.object(firstTool, "function"), "name");
        return name == null ? "unnamed_function" : name;
    }

    private static String lastUserText(JsonArray messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof JsonObject m && "user".equals(JsonSupport.string(m, "role"))) {
                String t = text(m);
                return t.startsWith(" ") && !(m.get("content") instanceof JsonString) ? t.substring(1) : t;
            }
        }
        return "";
    }

    private static int promptTokens(JsonArray messages) {
        int words = 0;
        for (JsonValue message : messages) {
            if (message instanceof JsonObject object) {
                words += JsonSupport.words(text(object));
            }
        }
        return words;
    }

    /** The text of a message: string content, or its {@code text} parts joined by spaces. */
    private static String text(JsonObject message) {
        JsonValue content = message.get("content");
        if (content instanceof JsonString s) {
            return s.getString();
        }
        StringBuilder text = new StringBuilder();
        if (content instanceof JsonArray parts) {
            for (JsonValue part : parts) {
                if (part instanceof JsonObject object && "text".equals(JsonSupport.string(object, "type"))) {
                    text.append(' ').append(JsonSupport.string(object, "text"));
                }
            }
        }
        return text.toString();
    }
}
