package io.aigw.it.fake;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * OpenAI's pairing of assistant tool calls and {@code tool} messages in a chat completion request: every {@code tool}
 * message carries a {@code tool_call_id} that one of the {@code tool_calls} of the closest preceding assistant message
 * has (only {@code tool} messages may stand between them), and every such call is answered before the next
 * non-{@code tool} message or the end of the conversation. What breaks the rule is rejected with the 400 OpenAI sends.
 */
final class OpenAiToolPairing {

    private OpenAiToolPairing() {
    }

    /**
     * Checks the messages in order.
     *
     * @param messages the request's {@code messages}
     * @throws OpenAiError for the first message that breaks the rule
     */
    static void check(JsonArray messages) {
        Set<String> called = Set.of();
        Set<String> unanswered = new LinkedHashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            if (!(messages.get(i) instanceof JsonObject message)) {
                continue;
            }
            String role = JsonSupport.string(message, "role");
            if ("tool".equals(role)) {
                String id = JsonSupport.string(message, "tool_call_id");
                if (id == null) {
                    throw OpenAiError.missingToolCallId(i);
                }
                if (called.isEmpty()) {
                    throw OpenAiError.toolWithoutToolCalls(i);
                }
                if (!called.contains(id)) {
                    throw OpenAiError.toolCallIdNotFound(id, i);
                }
                unanswered.remove(id);
                continue;
            }
            if (!unanswered.isEmpty()) {
                throw OpenAiError.toolCallsUnanswered(List.copyOf(unanswered), "messages.[" + i + "].role");
            }
            called = "assistant".equals(role) ? toolCallIds(message) : Set.of();
            unanswered = new LinkedHashSet<>(called);
        }
        if (!unanswered.isEmpty()) {
            throw OpenAiError.toolCallsUnanswered(List.copyOf(unanswered), "messages");
        }
    }

    /** The ids of an assistant message's {@code tool_calls}, in order. */
    private static Set<String> toolCallIds(JsonObject assistant) {
        Set<String> ids = new LinkedHashSet<>();
        if (assistant.get("tool_calls") instanceof JsonArray calls) {
            for (JsonValue call : calls) {
                if (call instanceof JsonObject object && JsonSupport.string(object, "id") != null) {
                    ids.add(JsonSupport.string(object, "id"));
                }
            }
        }
        return ids;
    }
}
