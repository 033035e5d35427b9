package io.aigw.codec.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.json.JsonText;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ImagePart;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.TextPart;
import io.aigw.jca.api.ToolCall;
import io.aigw.jca.api.ToolDefinition;
import io.aigw.jca.api.GenerationOptions;
import io.aigw.jca.api.ResponseFormat;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiChatRequestsTest {

    /** Every modelled field, both content forms, and unmodelled fields of every JSON type. */
    private static final String FULL = """
            {
              "model": "gpt-4o-mini",
              "messages": [
                {"role": "system", "content": "You are terse."},
                {"role": "user", "name": "alice", "content": [
                  {"type": "text", "text": "What is in this image?"},
                  {"type": "image_url", "image_url": {"url": "https://example.com/cat.png", "detail": "low"}}
                ]},
                {"role": "assistant", "content": null, "tool_calls": [
                  {"id": "call_1", "type": "function",
                   "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Paris\\"}"}}
                ]},
                {"role": "tool", "tool_call_id": "call_1", "content": "sunny"}
              ],
              "tools": [
                {"type": "function", "function": {
                  "name": "get_weather", "description": "Weather for a city",
                  "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
                  "strict": true}}
              ],
              "tool_choice": {"type": "function", "function": {"name": "get_weather"}},
              "response_format": {"type": "json_schema",
                                  "json_schema": {"name": "answer", "schema": {"type": "object"}, "strict": true}},
              "temperature": 0.7,
              "top_p": 0.9,
              "max_tokens": 100,
              "max_completion_tokens": 200,
              "stop": ["END", "STOP"],
              "n": 2,
              "stream": true,
              "stream_options": {"include_usage": true},
              "seed": 42,
              "logprobs": true,
              "parallel_tool_calls": false,
              "metadata": {"team": "search", "nested": {"depth": 2, "list": [1, 2.5, "x", null]}, "owner": null},
              "service_tier": null
            }
            """;

    private static JsonObject json(String text) {
        return JsonText.parseObject(text);
    }

    @Test
    void decodesEveryModelledField() {
        ChatRequest r = OpenAiChatRequests.decode(json(FULL));

        assertThat(r.model()).isEqualTo("gpt-4o-mini");
        assertThat(r.stream()).isTrue();
        assertThat(r.messages()).containsExactly(
                new ChatMessage(Role.SYSTEM, List.of(new TextPart("You are terse.")), null, List.of(), null),
                new ChatMessage(Role.USER, List.of(new TextPart("What is in this image?"),
                        new ImagePart("https://example.com/cat.png", "low")), "alice", List.of(), null),
                new ChatMessage(Role.ASSISTANT, List.of(), null,
                        List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}")), null),
                new ChatMessage(Role.TOOL, List.of(new TextPart("sunny")), null, List.of(), "call_1"));

        // max_completion_tokens wins over max_tokens
        assertThat(r.options()).isEqualTo(new GenerationOptions(0.7, 0.9, 200, List.of("END", "STOP"), 2));

        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("type", "object");
        parameters.put("properties", Map.of("city", Map.of("type", "string")));
        parameters.put("required", List.of("city"));
        assertThat(r.tools()).containsExactly(
                new ToolDefinition("get_weather", "Weather for a city", parameters, Boolean.TRUE));

        assertThat(r.toolChoice()).isEqualTo(Map.of("type", "function", "function", Map.of("name", "get_weather")));
        assertThat(r.responseFormat()).isEqualTo(new ResponseFormat("json_schema",
                Map.of("name", "answer", "schema", Map.of("type", "object"), "strict", true)));
    }

    @Test
    void keepsUnmodelledFieldsWithTheirValuesIncludingNull() {
        ChatRequest r = OpenAiChatRequests.decode(json(FULL));

        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("depth", 2L);
        nested.put("list", Arrays.asList(1L, new BigDecimal("2.5"), "x", null));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("team", "search");
        metadata.put("nested", nested);
        metadata.put("owner", null);

        assertThat(r.extensions()).containsExactly(
                entry("max_completion_tokens", 200L),
                entry("stream_options", Map.of("include_usage", true)),
                entry("seed", 42L),
                entry("logprobs", true),
                entry("parallel_tool_calls", false),
                entry("metadata", metadata),
                entry("service_tier", null));
        assertThat(r.extensions()).doesNotContainKeys("model", "messages", "temperature", "top_p", "max_tokens",
                "stop", "n", "stream", "tools", "tool_choice", "response_format");
    }

    @Test
    void wantsStreamUsageOnlyWhenIncludeUsageIsTrue() {
        String base = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true";
        assertThat(OpenAiChatRequests.wantsStreamUsage(OpenAiChatRequests.decode(json(FULL)))).isTrue();
        assertThat(OpenAiChatRequests.wantsStreamUsage(OpenAiChatRequests.decode(json(
                base + ",\"stream_options\":{\"include_usage\":false}}")))).isFalse();
        assertThat(OpenAiChatRequests.wantsStreamUsage(OpenAiChatRequests.decode(json(base + "}")))).isFalse();
    }

    @Test
    void decodesStopGivenAsAString() {
        ChatRequest r = OpenAiChatRequests.decode(json(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stop\":\"END\"}"));
        assertThat(r.options().stop()).containsExactly("END");
    }

    @Test
    void fallsBackToMaxTokensWithoutMaxCompletionTokens() {
        ChatRequest r = OpenAiChatRequests.decode(json(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":64}"));
        assertThat(r.options().maxTokens()).isEqualTo(64);
        assertThat(r.stream()).isFalse();
        assertThat(r.extensions()).isEmpty();
    }

    @Test
    void unmodelledIntegersBeyondLongPassThroughUnchanged() {
        JsonObject original = json("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"metadata\":{\"trace\":18446744073709551615}}");

        assertThat(OpenAiChatRequests.encode(OpenAiChatRequests.decode(original))).isEqualTo(original);
    }

    // ---- errors ----

    private static InvalidMessageException invalid(String body) {
        InvalidMessageException e = catchThrowableOfType(() -> OpenAiChatRequests.decode(json(body)),
                InvalidMessageException.class);
        assertThat(e).as("decoding %s", body).isNotNull();
        return e;
    }

    private static final String USER = "{\"role\":\"user\",\"content\":\"hi\"}";

    @Test
    void rejectsMissingModel() {
        InvalidMessageException e = invalid("{\"messages\":[" + USER + "]}");
        assertThat(e.param()).isEqualTo("model");
        assertThat(e.getMessage()).isEqualTo("Missing required parameter: 'model'.");
    }

    @Test
    void rejectsMissingMessages() {
        InvalidMessageException e = invalid("{\"model\":\"m\"}");
        assertThat(e.param()).isEqualTo("messages");
        assertThat(e.getMessage()).isEqualTo("Missing required parameter: 'messages'.");
    }

    @Test
    void rejectsMessagesThatAreNotAnArray() {
        InvalidMessageException e = invalid("{\"model\":\"m\",\"messages\":\"hello\"}");
        assertThat(e.param()).isEqualTo("messages");
        assertThat(e.getMessage()).isEqualTo("Invalid type for 'messages': expected an array, but got a string.");
    }

    @Test
    void rejectsEmptyMessages() {
        InvalidMessageException e = invalid("{\"model\":\"m\",\"messages\":[]}");
        assertThat(e.param()).isEqualTo("messages");
        assertThat(e.getMessage()).contains("empty array");
    }

    @Test
    void rejectsUnknownRole() {
        InvalidMessageException e = invalid("{\"model\":\"m\",\"messages\":[" + USER
                + ",{\"role\":\"wizard\",\"content\":\"x\"}]}");
        assertThat(e.param()).isEqualTo("messages[1].role");
        assertThat(e.getMessage()).contains("'wizard'");
    }

    @Test
    void rejectsToolMessageWithoutToolCallId() {
        InvalidMessageException e = invalid("{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}");
        assertThat(e.param()).isEqualTo("messages[0].tool_call_id");
    }

    @Test
    void rejectsUnsupportedContentPartType() {
        InvalidMessageException e = invalid("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"input_audio\",\"input_audio\":{}}]}]}");
        assertThat(e.param()).isEqualTo("messages[0].content[1].type");
        assertThat(e.getMessage()).contains("'input_audio'");
    }

    @Test
    void rejectsTemperatureOfTheWrongType() {
        InvalidMessageException e = invalid("{\"model\":\"m\",\"messages\":[" + USER + "],\"temperature\":\"hot\"}");
        assertThat(e.param()).isEqualTo("temperature");
        assertThat(e.getMessage()).isEqualTo("Invalid type for 'temperature': expected a number, but got a string.");
    }

    @Test
    void rejectsNOutOfRange() {
        assertThat(invalid("{\"model\":\"m\",\"messages\":[" + USER + "],\"n\":0}").param()).isEqualTo("n");
        assertThat(invalid("{\"model\":\"m\",\"messages\":[" + USER + "],\"n\":129}").param()).isEqualTo("n");
        assertThat(OpenAiChatRequests.decode(json("{\"model\":\"m\",\"messages\":[" + USER + "],\"n\":128}"))
                .options().n()).isEqualTo(128);
    }

    @Test
    void rejectsStopWithFiveEntries() {
        InvalidMessageException e = invalid("{\"model\":\"m\",\"messages\":[" + USER
                + "],\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}");
        assertThat(e.param()).isEqualTo("stop");
        assertThat(OpenAiChatRequests.decode(json("{\"model\":\"m\",\"messages\":[" + USER
                + "],\"stop\":[\"a\",\"b\",\"c\",\"d\"]}")).options().stop()).hasSize(4);
    }

    // ---- round trip ----

    @Test
    void encodeOfDecodeKeepsEveryField() {
        JsonObject original = json(FULL);

        JsonObject encoded = OpenAiChatRequests.encode(OpenAiChatRequests.decode(original));

        // max_tokens is written only when max_completion_tokens is absent; everything else survives as it was
        JsonObject expected = jakarta.json.Json.createObjectBuilder(original).remove("max_tokens").build();
        assertThat(encoded).isEqualTo(expected);
    }

    @Test
    void encodeAsksForTheUsageChunkOfEveryStream() {
        JsonObject original = json("{\"model\":\"m\",\"messages\":[" + USER + "],\"stream\":true,\"seed\":7}");

        JsonObject encoded = OpenAiChatRequests.encode(OpenAiChatRequests.decode(original));

        JsonObject expected = jakarta.json.Json.createObjectBuilder(original)
                .add("stream_options", jakarta.json.Json.createObjectBuilder().add("include_usage", true)).build();
        assertThat(encoded).isEqualTo(expected);
    }

    @Test
    void encodeOverridesIncludeUsageFalseButKeepsOtherStreamOptions() {
        JsonObject encoded = OpenAiChatRequests.encode(OpenAiChatRequests.decode(json("{\"model\":\"m\",\"messages\":["
                + USER + "],\"stream\":true,\"stream_options\":{\"include_usage\":false,\"other\":1}}")));

        assertThat(encoded.getJsonObject("stream_options")).isEqualTo(json("{\"include_usage\":true,\"other\":1}"));
    }

    @Test
    void encodeWritesMaxTokensWithoutMaxCompletionTokens() {
        JsonObject original = json("{\"model\":\"m\",\"messages\":[" + USER
                + "],\"max_tokens\":64,\"temperature\":0.2,\"top_p\":0.5,\"n\":3,\"stop\":[\"x\"]}");

        assertThat(OpenAiChatRequests.encode(OpenAiChatRequests.decode(original))).isEqualTo(original);
    }

    @Test
    void encodeOfAProgrammaticRequestHasNoOptionalFields() {
        ChatRequest r = new ChatRequest("m", List.of(ChatMessage.text(Role.USER, "hi")), null, null, null, null, false,
                null);

        JsonObject encoded = OpenAiChatRequests.encode(r);

        assertThat(encoded).isEqualTo(json("{\"model\":\"m\",\"messages\":[" + USER + "]}"));
    }
}
