package io.aigw.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.it.TranslationMatrixIT.Provider;
import io.aigw.it.support.Gateway;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * What a provider's fake must have received as the second turn of a tool conversation, in its own format: the
 * question, the assistant's turn with the first turn's text and tool calls (ids, names and arguments carried over, no
 * id for Gemini, which sent none), and one result per call, in call order, answering it by id (by name for Gemini).
 */
final class UpstreamToolTurn {

    private UpstreamToolTurn() {
    }

    /** The result the client sends for call {@code index}: {@code {"temp_c":18}}, {@code {"temp_c":24}}. */
    static String result(int index) {
        return "{\"temp_c\":" + (18 + 6 * index) + "}";
    }

    /**
     * Asserts the request body the provider's fake received for the second turn.
     *
     * @param provider the provider
     * @param body     the body the fake received
     * @param question the user's question, as the client sent it
     * @param first    the first turn's answer, as the client saw it
     */
    static void assertReceived(Provider provider, JsonObject body, String question, ClientAnswer first) {
        switch (provider) {
            case OPENAI -> openAi(body, question, first);
            case ANTHROPIC -> anthropic(body, question, first);
            case GEMINI -> gemini(body, question, first);
            case BEDROCK -> bedrock(body, question, first);
        }
    }

    private static void openAi(JsonObject body, String question, ClientAnswer first) {
        JsonArray messages = body.getJsonArray("messages");
        assertThat(messages).hasSize(2 + first.calls().size());
        assertThat(messages.getJsonObject(0)).isEqualTo(object().add("role", "user").add("content", question).build());
        JsonObject assistant = messages.getJsonObject(1);
        assertThat(assistant.getString("role")).isEqualTo("assistant");
        assertThat(assistant.get("content")).isEqualTo(first.text().isEmpty() ? JsonValue.NULL
                : Json.createValue(first.text()));
        assertThat(assistant.getJsonArray("tool_calls").getValuesAs(JsonObject.class).stream()
                .map(call -> new ClientAnswer.ToolCall(call.getString("id"),
                        call.getJsonObject("function").getString("name"),
                        Gateway.json(call.getJsonObject("function").getString("arguments")))).toList())
                .isEqualTo(first.calls());
        for (int i = 0; i < first.calls().size(); i++) {
            assertThat(messages.getJsonObject(2 + i)).isEqualTo(object().add("role", "tool")
                    .add("content", result(i)).add("tool_call_id", first.calls().get(i).id()).build());
        }
    }

    private static void anthropic(JsonObject body, String question, ClientAnswer first) {
        JsonArrayBuilder asked = first.text().isEmpty() ? array()
                : array().add(object().add("type", "text").add("text", first.text()));
        JsonArrayBuilder answered = array();
        for (int i = 0; i < first.calls().size(); i++) {
            ClientAnswer.ToolCall call = first.calls().get(i);
            asked.add(object().add("type", "tool_use").add("id", call.id()).add("name", call.name())
                    .add("input", call.arguments()));
            answered.add(object().add("type", "tool_result").add("tool_use_id", call.id())
                    .add("content", array().add(object().add("type", "text").add("text", result(i)))));
        }
        assertThat(body.getJsonArray("messages")).isEqualTo(array()
                .add(object().add("role", "user").add("content", array().add(object().add("type", "text")
                        .add("text", question))))
                .add(object().add("role", "assistant").add("content", asked))
                .add(object().add("role", "user").add("content", answered)).build());
    }

    private static void gemini(JsonObject body, String question, ClientAnswer first) {
        JsonArrayBuilder asked = first.text().isEmpty() ? array() : array().add(object().add("text", first.text()));
        JsonArrayBuilder answered = array();
        for (int i = 0; i < first.calls().size(); i++) {
            ClientAnswer.ToolCall call = first.calls().get(i);
            asked.add(object().add("functionCall", object().add("name", call.name()).add("args", call.arguments())));
            answered.add(object().add("functionResponse", object().add("name", call.name())
                    .add("response", Gateway.json(result(i)))));
        }
        assertThat(body.getJsonArray("contents")).isEqualTo(array()
                .add(object().add("role", "user").add("parts", array().add(object().add("text", question))))
                .add(object().add("role", "model").add("parts", asked))
                .add(object().add("role", "user").add("parts", answered)).build());
    }

    private static void bedrock(JsonObject body, String question, ClientAnswer first) {
        JsonArrayBuilder asked = first.text().isEmpty() ? array() : array().add(object().add("text", first.text()));
        JsonArrayBuilder answered = array();
        for (int i = 0; i < first.calls().size(); i++) {
            ClientAnswer.ToolCall call = first.calls().get(i);
            asked.add(object().add("toolUse", object().add("toolUseId", call.id()).add("name", call.name())
                    .add("input", call.arguments())));
            answered.add(object().add("toolResult", object().add("toolUseId", call.id())
                    .add("content", array().add(object().add("text", result(i))))));
        }
        assertThat(body.getJsonArray("messages")).isEqualTo(array()
                .add(object().add("role", "user").add("content", array().add(object().add("text", question))))
                .add(object().add("role", "assistant").add("content", asked))
                .add(object().add("role", "user").add("content", answered)).build());
    }

    private static JsonObjectBuilder object() {
        return Json.createObjectBuilder();
    }

    private static JsonArrayBuilder array() {
        return Json.createArrayBuilder();
    }
}
