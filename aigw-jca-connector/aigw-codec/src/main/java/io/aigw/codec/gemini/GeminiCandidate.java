package io.aigw.codec.gemini;

import io.aigw.codec.json.JsonFields;
import io.aigw.codec.json.JsonText;
import io.aigw.jca.api.ToolCall;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What one {@code Candidate} (of a response or of a stream chunk) carries: its index, its text (thought summaries
 * left out), its function calls with ids, and its raw finish reason.
 *
 * @param index        the candidate's {@code index} (proto3 JSON omits 0), else its position
 * @param text         the concatenated text parts, or {@code null} when there are none
 * @param calls        the {@code functionCall} parts, in order
 * @param finishReason Gemini's finish reason, or {@code null} while generating
 */
record GeminiCandidate(int index, String text, List<ToolCall> calls, String finishReason) {

    static List<GeminiCandidate> decodeAll(JsonObject body, GeminiToolCallIds ids) {
        JsonArray candidates = JsonFields.array(body, "candidates", "candidates");
        List<GeminiCandidate> out = new ArrayList<>();
        if (candidates != null) {
            for (int i = 0; i < candidates.size(); i++) {
                out.add(decode(JsonFields.objectAt(candidates, i, "candidates[" + i + "]"), i, ids));
            }
        }
        return out;
    }

    private static GeminiCandidate decode(JsonObject c, int position, GeminiToolCallIds ids) {
        String p = "candidates[" + position + "]";
        Integer index = JsonFields.integer(c, "index", p + ".index");
        JsonObject content = JsonFields.object(c, "content", p + ".content");
        JsonArray parts = content == null ? null : JsonFields.array(content, "parts", p + ".content.parts");
        StringBuilder text = null;
        List<ToolCall> calls = new ArrayList<>();
        if (parts != null) {
            for (int i = 0; i < parts.size(); i++) {
                String pp = p + ".content.parts[" + i + "]";
                JsonObject part = JsonFields.objectAt(parts, i, pp);
                JsonObject call = JsonFields.object(part, "functionCall", pp + ".functionCall");
                String partText = JsonFields.string(part, "text", pp + ".text");
                if (call != null) {
                    JsonObject args = JsonFields.object(call, "args", pp + ".functionCall.args");
                    calls.add(new ToolCall(ids.idFor(JsonFields.string(call, "id", pp + ".functionCall.id"),
                            JsonFields.string(part, "thoughtSignature", pp + ".thoughtSignature")),
                            JsonFields.requiredString(call, "name", pp + ".functionCall.name"),
                            JsonText.write(args == null ? JsonObject.EMPTY_JSON_OBJECT : args)));
                } else if (partText != null && !Boolean.TRUE.equals(JsonFields.bool(part, "thought", pp + ".thought"))) {
                    text = text == null ? new StringBuilder(partText) : text.append(partText);
                }
            }
        }
        return new GeminiCandidate(index == null ? position : index, text == null ? null : text.toString(), calls,
                JsonFields.string(c, "finishReason", p + ".finishReason"));
    }

    /** The prompt's {@code promptFeedback.blockReason}, or {@code null} when the prompt was not blocked. */
    static String blockReason(JsonObject body) {
        JsonObject feedback = JsonFields.object(body, "promptFeedback", "promptFeedback");
        return feedback == null ? null : JsonFields.string(feedback, "blockReason", "promptFeedback.blockReason");
    }
}
