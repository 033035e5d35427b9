package io.aigw.it.fake;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The parts of a {@code GenerateContentRequest} the fake acts on, validated as far as Gemini would reject them
 * (including the pairing of function calls and function responses, see {@link GeminiToolPairing}).
 *
 * @param model           the model of the URL ({@code models/{model}:generateContent})
 * @param stream          whether the method was {@code streamGenerateContent}
 * @param maxOutputTokens {@code generationConfig.maxOutputTokens}, or {@code Integer.MAX_VALUE}
 * @param stopSequences   {@code generationConfig.stopSequences}
 * @param candidateCount  {@code generationConfig.candidateCount}, at least 1
 * @param toolName        the first function's name when the model should call functions, else {@code null}
 * @param lastUserText    the text of the last {@code user} content (the {@link StreamGate} id of the gated model)
 * @param inputTokens     whitespace-separated words of the system instruction and of all text parts
 * @param cached          whether the request names a {@code cachedContent}
 * @param includeThoughts {@code generationConfig.thinkingConfig.includeThoughts}
 */
record GeminiRequest(String model, boolean stream, int maxOutputTokens, List<String> stopSequences, int candidateCount,
        String toolName, String lastUserText, int inputTokens, boolean cached, boolean includeThoughts) {

    private static final Pattern WEATHER = Pattern.compile("\\bweather\\b", Pattern.CASE_INSENSITIVE);

    /** Parses a request body; throws {@link GeminiError} for what Gemini would reject. */
    static GeminiRequest from(String model, boolean stream, JsonObject body) {
        if (!(body.get("contents") instanceof JsonArray contents) || contents.isEmpty()) {
            throw GeminiError.invalid("* GenerateContentRequest.contents: contents is not specified");
        }
        int words = JsonSupport.words(text(JsonSupport.object(body, "systemInstruction")));
        String lastUserText = "";
        for (int i = 0; i < contents.size(); i++) {
            if (!(contents.get(i) instanceof JsonObject content)) {
                throw GeminiError.invalid("Invalid JSON payload received. Unknown name at 'contents[" + i + "]'.");
            }
            String role = JsonSupport.string(content, "role");
            if (role != null && !role.equals("user") && !role.equals("model")) {
                throw GeminiError.invalid("Please use a valid role: user, model.");
            }
            words += JsonSupport.words(text(content));
            if (!"model".equals(role)) {
                lastUserText = text(content).strip();
            }
        }
        GeminiToolPairing.check(contents);
        JsonObject config = JsonSupport.object(body, "generationConfig");
        Integer max = JsonSupport.integer(config, "maxOutputTokens");
        Integer candidates = JsonSupport.integer(config, "candidateCount");
        JsonObject last = contents.getJsonObject(contents.size() - 1);
        return new GeminiRequest(model, stream, max == null ? Integer.MAX_VALUE : max, stopSequences(config),
                candidates == null ? 1 : Math.max(1, candidates), functionToCall(body, last), lastUserText, words,
                body.containsKey("cachedContent"),
                JsonSupport.isTrue(JsonSupport.object(config, "thinkingConfig"), "includeThoughts"));
    }

    /** Whether the model answers with function calls. */
    boolean callsFunctions() {
        return toolName != null;
    }

    /**
     * The first declared function's name if functions are offered, the calling mode is not {@code NONE}, and the last
     * content is the user's text mentioning the weather (not a function response).
     */
    private static String functionToCall(JsonObject body, JsonObject last) {
        if (!(body.get("tools") instanceof JsonArray tools) || tools.isEmpty()
                || !(tools.get(0) instanceof JsonObject tool)
                || !(tool.get("functionDeclarations") instanceof JsonArray declarations) || declarations.isEmpty()
                || !(declarations.get(0) instanceof JsonObject first)) {
            return null;
        }
        String mode = JsonSupport.string(JsonSupport.object(JsonSupport.object(body, "toolConfig"),
                "functionCallingConfig"), "mode");
        if ("NONE".equals(mode) || "model".equals(JsonSupport.string(last, "role"))
                || !WEATHER.matcher(text(last)).find()) {
            return null;
        }
        String name = JsonSupport.string(first, "name");
        return name == null ? "unnamed_function" : name;
    }

    private static List<String> stopSequences(JsonObject config) {
        List<String> out = new ArrayList<>();
        if (config.get("stopSequences") instanceof JsonArray stops) {
            for (JsonValue v : stops) {
                if (v instanceof JsonString s && !s.getString().isEmpty()) {
                    out.add(s.getString());
                }
            }
        }
        return List.copyOf(out);
    }

    /** The {@code text} of a content's parts, joined by spaces (other parts carry no counted text). */
    static String text(JsonObject content) {
        StringBuilder text = new StringBuilder();
        if (content.get("parts") instanceof JsonArray parts) {
            for (JsonValue part : parts) {
                if (part instanceof JsonObject p && JsonSupport.string(p, "text") != null) {
                    text.append(' ').append(JsonSupport.string(p, "text"));
                }
            }
        }
        return text.toString();
    }
}
