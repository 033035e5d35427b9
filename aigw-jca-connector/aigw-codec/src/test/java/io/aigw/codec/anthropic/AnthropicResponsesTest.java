package io.aigw.codec.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.json.JsonText;
import io.aigw.jca.api.ChatChoice;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.FinishReason;
import io.aigw.jca.api.ReasoningPart;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.TextPart;
import io.aigw.jca.api.ToolCall;
import io.aigw.jca.api.Usage;
import jakarta.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnthropicResponsesTest {

    private static JsonObject json(String text) {
        return JsonText.parseObject(text);
    }

    private static final String TOOL_ANSWER = """
            {"id":"msg_01ABC","type":"message","role":"assistant","model":"claude-3-5-haiku-20241022",
             "content":[
               {"type":"text","text":"Let me "},
               {"type":"text","text":"check."},
               {"type":"tool_use","id":"toolu_01","name":"get_weather","input":{"city":"Paris","unit":"C"}}
             ],
             "stop_reason":"tool_use","stop_sequence":null,
             "usage":{"input_tokens":20,"cache_creation_input_tokens":100,"cache_read_input_tokens":1000,
                      "output_tokens":15}}
            """;

    private static ChatResponse response(String id, ChatMessage message, FinishReason reason, Usage usage) {
        return new ChatResponse(id, "gpt-4o-mini", 1, List.of(new ChatChoice(0, message, reason)), usage, null);
    }

    @Test
    void decodesTextAndToolUseBlocksWithTheCacheUsage() {
        ChatResponse r = AnthropicResponses.decode(json(TOOL_ANSWER));

        assertThat(r.id()).isEqualTo("msg_01ABC");
        assertThat(r.model()).isEqualTo("claude-3-5-haiku-20241022");
        assertThat(r.created()).isPositive();
        assertThat(r.choices()).hasSize(1);
        ChatChoice choice = r.choices().get(0);
        assertThat(choice.index()).isZero();
        assertThat(choice.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        ChatMessage m = choice.message();
        assertThat(m.role()).isEqualTo(Role.ASSISTANT);
        // the text blocks become one part, as the OpenAI side shows one content string
        assertThat(m.content()).containsExactly(new TextPart("Let me check."));
        assertThat(m.toolCalls()).hasSize(1);
        assertThat(m.toolCalls().get(0).id()).isEqualTo("toolu_01");
        assertThat(m.toolCalls().get(0).name()).isEqualTo("get_weather");
        assertThat(json(m.toolCalls().get(0).arguments())).isEqualTo(json("{\"city\":\"Paris\",\"unit\":\"C\"}"));
        // neutral input = uncached + cache reads + cache writes
        assertThat(r.usage()).isEqualTo(new Usage(1120, 15, 1000, 100, 0, false));
    }

    @Test
    void thinkingBlocksOfAnAnswerGoBackToAnAnthropicClientFirstAndSigned() {
        ChatResponse r = AnthropicResponses.decode(json("""
                {"id":"msg_02","type":"message","role":"assistant","model":"claude-sonnet-4-5",
                 "content":[{"type":"thinking","thinking":"The user greets me.","signature":"EqQBCkYIBx"},
                            {"type":"redacted_thinking","data":"EmwKAhgB"},
                            {"type":"text","text":"Hello!"}],
                 "stop_reason":"end_turn","usage":{"input_tokens":5,"output_tokens":40}}
                """));

        ChatMessage m = r.choices().get(0).message();
        assertThat(m.content()).containsExactly(new ReasoningPart("The user greets me.", "EqQBCkYIBx", null),
                new ReasoningPart(null, null, "EmwKAhgB"), new TextPart("Hello!"));
        assertThat(m.text()).isEqualTo("Hello!");
        assertThat(AnthropicResponses.encode(r, "anthropic/claude-sonnet-4-5").get("content")).isEqualTo(json("""
                {"c":[{"type":"thinking","thinking":"The user greets me.","signature":"EqQBCkYIBx"},
                      {"type":"redacted_thinking","data":"EmwKAhgB"},
                      {"type":"text","text":"Hello!"}]}""").get("c"));
    }

    @Test
    void decodesEveryStopReason() {
        Map<String, FinishReason> expected = new LinkedHashMap<>();
        expected.put("end_turn", FinishReason.STOP);
        expected.put("stop_sequence", FinishReason.STOP);
        expected.put("max_tokens", FinishReason.LENGTH);
        expected.put("tool_use", FinishReason.TOOL_CALLS);
        expected.put("refusal", FinishReason.CONTENT_FILTER);
        expected.forEach((stop, reason) -> {
            ChatResponse r = AnthropicResponses.decode(json("""
                    {"id":"msg_1","model":"m","content":[{"type":"text","text":"x"}],"stop_reason":"%s",
                     "usage":{"input_tokens":1,"output_tokens":1}}
                    """.formatted(stop)));
            assertThat(r.choices().get(0).finishReason()).as(stop).isEqualTo(reason);
        });
    }

    @Test
    void decodesAMissingStopReasonAndUsage() {
        ChatResponse r = AnthropicResponses.decode(json("""
                {"id":"msg_1","model":"m","content":[]}
                """));

        assertThat(r.choices().get(0).finishReason()).isNull();
        assertThat(r.choices().get(0).message().content()).isEmpty();
        assertThat(r.usage()).isEqualTo(Usage.NONE);
    }

    @Test
    void rejectsAResponseWithoutContent() {
        InvalidMessageException e = catchThrowableOfType(() -> AnthropicResponses.decode(json("""
                {"type":"error","error":{"type":"api_error","message":"boom"}}
                """)), InvalidMessageException.class);

        assertThat(e).isNotNull();
        assertThat(e.param()).isEqualTo("content");
    }

    @Test
    void encodesTextAndToolCallsForAnAnthropicClient() {
        ChatMessage m = new ChatMessage(Role.ASSISTANT, List.of(new TextPart("Checking.")), null,
                List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}")), null);

        JsonObject body = AnthropicResponses.encode(response("chatcmpl-9", m, FinishReason.TOOL_CALLS,
                new Usage(1120, 15, 1000, 100, 0, false)), "openai/gpt-4o-mini");

        assertThat(body).isEqualTo(json("""
                {"id":"msg_chatcmpl-9","type":"message","role":"assistant","model":"openai/gpt-4o-mini",
                 "content":[{"type":"text","text":"Checking."},
                            {"type":"tool_use","id":"call_1","name":"get_weather","input":{"city":"Paris"}}],
                 "stop_reason":"tool_use","stop_sequence":null,
                 "usage":{"input_tokens":20,"cache_creation_input_tokens":100,"cache_read_input_tokens":1000,
                          "output_tokens":15}}
                """));
    }

    @Test
    void decodeThenEncodeGivesBackTheAnthropicMessage() {
        JsonObject original = json(TOOL_ANSWER);

        JsonObject encoded = AnthropicResponses.encode(AnthropicResponses.decode(original), "claude-3-5-haiku-20241022");

        assertThat(encoded.getString("id")).isEqualTo("msg_01ABC");
        assertThat(encoded.getString("stop_reason")).isEqualTo("tool_use");
        assertThat(encoded.getJsonObject("usage")).isEqualTo(original.getJsonObject("usage"));
        assertThat(encoded.getJsonArray("content")).isEqualTo(json("""
                {"c":[{"type":"text","text":"Let me check."},
                      {"type":"tool_use","id":"toolu_01","name":"get_weather","input":{"city":"Paris","unit":"C"}}]}
                """).getJsonArray("c"));
    }

    @Test
    void encodesEachFinishReasonAsAStopReason() {
        Map<FinishReason, String> expected = new LinkedHashMap<>();
        expected.put(FinishReason.STOP, "end_turn");
        expected.put(FinishReason.LENGTH, "max_tokens");
        expected.put(FinishReason.TOOL_CALLS, "tool_use");
        expected.put(FinishReason.CONTENT_FILTER, "refusal");
        expected.put(FinishReason.ERROR, "end_turn");
        expected.put(null, "end_turn");
        expected.forEach((reason, stop) -> assertThat(AnthropicResponses.encode(response("x",
                ChatMessage.text(Role.ASSISTANT, "a"), reason, Usage.NONE), "m").getString("stop_reason"))
                .as(String.valueOf(reason)).isEqualTo(stop));
    }

    @Test
    void prefixesTheIdWithMsgOnlyWhenItIsNotAlready() {
        ChatMessage m = ChatMessage.text(Role.ASSISTANT, "a");

        assertThat(AnthropicResponses.encode(response("abc", m, FinishReason.STOP, Usage.NONE), "m")
                .getString("id")).isEqualTo("msg_abc");
        assertThat(AnthropicResponses.encode(response("msg_abc", m, FinishReason.STOP, Usage.NONE), "m")
                .getString("id")).isEqualTo("msg_abc");
        assertThat(AnthropicResponses.encode(response(null, m, FinishReason.STOP, Usage.NONE), "m")
                .getString("id")).startsWith("msg_");
    }

    @Test
    void encodesAResponseWithoutChoicesAsAnEmptyEndTurnMessage() {
        JsonObject body = AnthropicResponses.encode(new ChatResponse("x", "m", 1, List.of(), Usage.of(3, 0), null),
                "m");

        assertThat(body.getJsonArray("content")).isEmpty();
        assertThat(body.getString("stop_reason")).isEqualTo("end_turn");
        assertThat(body.getJsonObject("usage").getInt("input_tokens")).isEqualTo(3);
    }

    @Test
    void usageEncodingNeverGivesNegativeUncachedInput() {
        JsonObject u = AnthropicUsage.encode(new Usage(5, 1, 10, 0, 0, false)).build();

        assertThat(u.getInt("input_tokens")).isZero();
        assertThat(u.getInt("cache_read_input_tokens")).isEqualTo(10);
    }

    @Test
    void usageDecodingOfNullIsNull() {
        assertThat(AnthropicUsage.decode(null)).isNull();
        assertThat(AnthropicUsage.decode(json("{\"input_tokens\":7,\"output_tokens\":3}"))).isEqualTo(Usage.of(7, 3));
    }
}
