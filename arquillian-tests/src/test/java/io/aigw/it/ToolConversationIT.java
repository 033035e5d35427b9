package io.aigw.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.it.TranslationMatrixIT.Provider;
import io.aigw.it.support.Gateway;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two-turn tool conversations through every client format × provider, plain and streamed: the first turn asks for the
 * weather in Paris and Rome and gets the fake's two parallel {@code get_weather} calls; the second sends the
 * conversation back, the assistant's turn with its calls and one result per call in the client's format, and gets the
 * provider's final answer. The fakes validate tool pairing as the real APIs do, so a second turn the real provider
 * would reject fails here with the provider's 400; the test also checks what the fake received
 * ({@link UpstreamToolTurn}).
 */
class ToolConversationIT extends GatewayIT {

    /** The JSON Schema of {@code get_weather}'s arguments. */
    private static final JsonObject CITY = Gateway.json("{\"type\":\"object\",\"properties\":{\"city\":"
            + "{\"type\":\"string\"}}}");

    static Stream<Arguments> conversations() {
        return Stream.of(Provider.values()).flatMap(p -> Stream.of(Arguments.of(p, false), Arguments.of(p, true)));
    }

    @ParameterizedTest(name = "OpenAI client -> {0}, streamed: {1}")
    @MethodSource("conversations")
    void openAiClientGetsToolCallsThenTheAnswerToTheirResults(Provider provider, boolean stream) {
        String question = question();

        ClientAnswer first = openAi(provider, stream, message("user").add("content", question));
        assertFirstTurn(provider, first, "tool_calls");

        JsonObjectBuilder assistant = message("assistant").add("tool_calls", openAiCalls(first));
        if (first.text().isEmpty()) {
            assistant.addNull("content");
        } else {
            assistant.add("content", first.text());
        }
        JsonObjectBuilder[] turns = new JsonObjectBuilder[2 + first.calls().size()];
        turns[0] = message("user").add("content", question);
        turns[1] = assistant;
        for (int i = 0; i < first.calls().size(); i++) {
            turns[2 + i] = message("tool").add("tool_call_id", first.calls().get(i).id())
                    .add("content", UpstreamToolTurn.result(i));
        }
        ClientAnswer second = openAi(provider, stream, turns);

        assertThat(second).isEqualTo(new ClientAnswer(finalAnswer(provider), List.of(), "stop"));
        UpstreamToolTurn.assertReceived(provider, provider.received(question), question, first);
    }

    @ParameterizedTest(name = "Anthropic client -> {0}, streamed: {1}")
    @MethodSource("conversations")
    void anthropicClientGetsToolUseThenTheAnswerToItsResults(Provider provider, boolean stream) {
        String question = question();

        ClientAnswer first = anthropic(provider, stream, message("user").add("content", question));
        assertFirstTurn(provider, first, "tool_use");

        JsonArrayBuilder asked = Json.createArrayBuilder();
        if (!first.text().isEmpty()) {
            asked.add(Json.createObjectBuilder().add("type", "text").add("text", first.text()));
        }
        JsonArrayBuilder answered = Json.createArrayBuilder();
        for (int i = 0; i < first.calls().size(); i++) {
            ClientAnswer.ToolCall call = first.calls().get(i);
            asked.add(Json.createObjectBuilder().add("type", "tool_use").add("id", call.id()).add("name", call.name())
                    .add("input", call.arguments()));
            answered.add(Json.createObjectBuilder().add("type", "tool_result").add("tool_use_id", call.id())
                    .add("content", UpstreamToolTurn.result(i)));
        }
        ClientAnswer second = anthropic(provider, stream, message("user").add("content", question),
                message("assistant").add("content", asked), message("user").add("content", answered));

        assertThat(second).isEqualTo(new ClientAnswer(finalAnswer(provider), List.of(), "end_turn"));
        UpstreamToolTurn.assertReceived(provider, provider.received(question), question, first);
    }

    /**
     * The first turn: the provider's text before its calls, then {@code get_weather} for Paris and for Rome, with the
     * ids the provider gave them (OpenAI's and Anthropic's fakes number them, Bedrock's are random, Gemini sends none
     * and the gateway makes {@code call_aigw_<hex>_<n>}).
     */
    private static void assertFirstTurn(Provider provider, ClientAnswer first, String finish) {
        assertThat(first.text()).isEqualTo(provider.toolPreamble == null ? "" : provider.toolPreamble);
        assertThat(first.finish()).isEqualTo(finish);
        assertThat(first.calls()).hasSize(2);
        assertThat(first.calls()).allSatisfy(call -> assertThat(call.name()).isEqualTo("get_weather"));
        assertThat(first.calls().get(0).arguments()).isEqualTo(Gateway.json("{\"city\":\"Paris\"}"));
        assertThat(first.calls().get(1).arguments()).isEqualTo(Gateway.json("{\"city\":\"Rome\"}"));
        String id0 = first.calls().get(0).id();
        String id1 = first.calls().get(1).id();
        switch (provider) {
            case OPENAI -> assertThat(List.of(id0, id1)).containsExactly("call_1", "call_2");
            case ANTHROPIC -> assertThat(List.of(id0, id1)).containsExactly("toolu_01", "toolu_02");
            case GEMINI -> {
                assertThat(id0).matches("call_aigw_[0-9a-f]{8}_0");
                assertThat(id1).isEqualTo(id0.substring(0, id0.length() - 1) + "1");
            }
            case BEDROCK -> {
                assertThat(id0).matches("tooluse_[0-9a-f]{8}");
                assertThat(id1).matches("tooluse_[0-9a-f]{8}").isNotEqualTo(id0);
            }
        }
    }

    /** What each fake answers to tool results: its plain greeting, or Bedrock's scripted weather report. */
    private static String finalAnswer(Provider provider) {
        return provider == Provider.BEDROCK ? "The weather is fine." : provider.hello();
    }

    private ClientAnswer openAi(Provider provider, boolean stream, JsonObjectBuilder... messages) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("model", provider.model)
                .add("tools", Json.createArrayBuilder().add(Json.createObjectBuilder().add("type", "function")
                        .add("function", Json.createObjectBuilder().add("name", "get_weather").add("parameters", CITY))))
                .add("messages", array(messages));
        if (stream) {
            body.add("stream", true);
        }
        HttpResponse<String> r = gateway.post("/v1/chat/completions", Gateway.ADMIN_KEY, body.build().toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        if (!stream) {
            return ClientAnswer.ofOpenAi(Gateway.json(r));
        }
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        assertThat(r.body().lines().filter(l -> l.startsWith("data: ")).reduce((a, b) -> b)).contains("data: [DONE]");
        return ClientAnswer.ofOpenAiStream(r.body());
    }

    private ClientAnswer anthropic(Provider provider, boolean stream, JsonObjectBuilder... messages) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("model", provider.model).add("max_tokens", 200)
                .add("tools", Json.createArrayBuilder().add(Json.createObjectBuilder().add("name", "get_weather")
                        .add("input_schema", CITY)))
                .add("messages", array(messages));
        if (stream) {
            body.add("stream", true);
        }
        HttpResponse<String> r = gateway.send(gateway.request("/v1/messages").header("x-api-key", Gateway.ADMIN_KEY)
                .header("anthropic-version", "2023-06-01").header("content-type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body.build().toString()))
                .build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        if (!stream) {
            return ClientAnswer.ofAnthropic(Gateway.json(r));
        }
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        assertThat(r.body().lines().filter(l -> l.startsWith("event: ")).reduce((a, b) -> b))
                .contains("event: message_stop");
        return ClientAnswer.ofAnthropicStream(r.body());
    }

    private static JsonArrayBuilder openAiCalls(ClientAnswer first) {
        JsonArrayBuilder calls = Json.createArrayBuilder();
        for (ClientAnswer.ToolCall call : first.calls()) {
            calls.add(Json.createObjectBuilder().add("id", call.id()).add("type", "function")
                    .add("function", Json.createObjectBuilder().add("name", call.name())
                            .add("arguments", call.arguments().toString())));
        }
        return calls;
    }

    /** A question with a unique marker, by which the fake's copy of the request is found. */
    private static String question() {
        return "What is the weather in Paris and Rome? m" + UUID.randomUUID().toString().replace("-", "");
    }

    private static JsonObjectBuilder message(String role) {
        return Json.createObjectBuilder().add("role", role);
    }

    private static JsonArrayBuilder array(JsonObjectBuilder... messages) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (JsonObjectBuilder message : messages) {
            array.add(message);
        }
        return array;
    }
}
