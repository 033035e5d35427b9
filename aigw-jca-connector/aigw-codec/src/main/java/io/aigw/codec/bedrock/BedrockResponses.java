package io.aigw.codec.bedrock;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.json.JsonFields;
import io.aigw.codec.json.JsonText;
import io.aigw.jca.api.ChatChoice;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.ContentPart;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.TextPart;
import io.aigw.jca.api.ToolCall;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Converse response bodies ({@code output.message}, {@code stopReason}, {@code usage}). Text blocks become one text
 * part, {@code toolUse} blocks tool calls (the {@code toolUseId} as the call id, {@code input} as the arguments JSON
 * text); {@code reasoningContent} blocks reasoning parts, first, with their signatures.
 */
public final class BedrockResponses {

    private BedrockResponses() {
    }

    /**
     * Decodes a Converse response.
     *
     * @param id    the completion id to report (Converse has none in the body; the caller uses the request id)
     * @param model the model id the request addressed (Converse does not echo it)
     */
    public static ChatResponse decode(JsonObject body, String id, String model) {
        JsonObject output = JsonFields.object(body, "output", "output");
        JsonObject message = output == null ? null : JsonFields.object(output, "message", "output.message");
        if (message == null) {
            throw new InvalidMessageException("The response has no 'output.message'.", "output.message");
        }
        JsonArray content = JsonFields.array(message, "content", "output.message.content");
        if (content == null) {
            throw JsonFields.missing("output.message.content");
        }
        StringBuilder text = null;
        List<ContentPart> parts = new ArrayList<>();
        List<ToolCall> calls = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            String p = "output.message.content." + i;
            JsonObject block = JsonFields.objectAt(content, i, p);
            String t = JsonFields.string(block, "text", p + ".text");
            if (t != null) {
                text = text == null ? new StringBuilder(t) : text.append(t);
            }
            JsonObject reasoning = JsonFields.object(block, "reasoningContent", p + ".reasoningContent");
            if (reasoning != null) {
                parts.add(BedrockReasoning.decode(reasoning, p + ".reasoningContent"));
            }
            JsonObject toolUse = JsonFields.object(block, "toolUse", p + ".toolUse");
            if (toolUse != null) {
                JsonObject input = JsonFields.object(toolUse, "input", p + ".toolUse.input");
                calls.add(new ToolCall(JsonFields.requiredString(toolUse, "toolUseId", p + ".toolUse.toolUseId"),
                        JsonFields.requiredString(toolUse, "name", p + ".toolUse.name"),
                        JsonText.write(input == null ? JsonObject.EMPTY_JSON_OBJECT : input)));
            }
        }
        if (text != null) {
            parts.add(new TextPart(text.toString()));
        }
        ChatMessage answer = new ChatMessage(Role.ASSISTANT, parts, null, calls, null);
        return new ChatResponse(id, model, System.currentTimeMillis() / 1000, List.of(new ChatChoice(0, answer,
                BedrockStopReasons.decode(JsonFields.string(body, "stopReason", "stopReason")))),
                BedrockUsage.decode(JsonFields.object(body, "usage", "usage")), null);
    }
}
