package io.aigw.example.shop;

import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.ToolCall;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

/** JSON descriptions of what the gateway answered. */
final class Answers {

    private Answers() {
    }

    static JsonObjectBuilder of(ChatResponse r) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("model", r.model())
                .add("input_tokens", r.usage().inputTokens()).add("output_tokens", r.usage().outputTokens());
        if (!r.choices().isEmpty()) {
            var choice = r.choices().get(0);
            b.add("text", choice.message().text() == null ? "" : choice.message().text());
            b.add("finish", String.valueOf(choice.finishReason()));
            JsonArrayBuilder calls = Json.createArrayBuilder();
            for (ToolCall c : choice.message().toolCalls()) {
                calls.add(Json.createObjectBuilder().add("id", c.id()).add("name", c.name())
                        .add("arguments", c.arguments()));
            }
            b.add("tool_calls", calls);
        }
        return b;
    }
}
