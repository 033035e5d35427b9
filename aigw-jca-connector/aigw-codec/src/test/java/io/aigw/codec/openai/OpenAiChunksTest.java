package io.aigw.codec.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.codec.json.JsonText;
import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChoiceDelta;
import io.aigw.jca.api.FinishReason;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.ToolCallDelta;
import io.aigw.jca.api.Usage;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiChunksTest {

    private static JsonObject json(String text) {
        return JsonText.parseObject(text);
    }

    @Test
    void decodesAChunkWithRoleOnly() {
        ChatChunk c = OpenAiChunks.decode(json("""
                {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini",
                 "system_fingerprint":"fp_1",
                 "choices":[{"index":0,"delta":{"role":"assistant"},"logprobs":null,"finish_reason":null}]}
                """));

        assertThat(c.id()).isEqualTo("chatcmpl-1");
        assertThat(c.model()).isEqualTo("gpt-4o-mini");
        assertThat(c.created()).isEqualTo(1700000000L);
        assertThat(c.systemFingerprint()).isEqualTo("fp_1");
        assertThat(c.usage()).isNull();
        assertThat(c.choices()).containsExactly(new ChoiceDelta(0, Role.ASSISTANT, null, null, List.of(), null));
    }

    @Test
    void decodesContentAndFinishReason() {
        ChatChunk c = OpenAiChunks.decode(json("""
                {"id":"c","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null},
                                     {"index":1,"delta":{},"finish_reason":"length"}]}
                """));

        assertThat(c.choices()).containsExactly(
                new ChoiceDelta(0, null, "Hel", null, List.of(), null),
                new ChoiceDelta(1, null, null, null, List.of(), FinishReason.LENGTH));
    }

    @Test
    void decodesAUsageOnlyChunkWithEmptyChoices() {
        ChatChunk c = OpenAiChunks.decode(json("""
                {"id":"c","created":1,"model":"m","choices":[],
                 "usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19,
                          "prompt_tokens_details":{"cached_tokens":4},"completion_tokens_details":{"reasoning_tokens":2}}}
                """));

        assertThat(c.choices()).isEmpty();
        assertThat(c.usage()).isEqualTo(new Usage(12, 7, 4, 0, 2, false));
    }

    @Test
    void decodesStreamedToolCallDeltas() {
        ChatChunk first = OpenAiChunks.decode(json("""
                {"id":"c","choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[
                  {"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}}]},
                  "finish_reason":null}]}
                """));
        ChatChunk next = OpenAiChunks.decode(json("""
                {"id":"c","choices":[{"index":0,"delta":{"tool_calls":[
                  {"index":0,"function":{"arguments":"{\\"ci"}}]},"finish_reason":null}]}
                """));
        ChatChunk last = OpenAiChunks.decode(json("""
                {"id":"c","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}
                """));

        assertThat(first.choices().get(0).toolCalls())
                .containsExactly(new ToolCallDelta(0, "call_1", "get_weather", ""));
        assertThat(first.choices().get(0).role()).isEqualTo(Role.ASSISTANT);
        assertThat(next.choices().get(0).toolCalls()).containsExactly(new ToolCallDelta(0, null, null, "{\"ci"));
        assertThat(last.choices().get(0).finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    }

    @Test
    void encodesWithTheUsageKeyAsNullWhenTheClientAskedForUsage() {
        ChatChunk c = new ChatChunk("c1", "upstream", 9, List.of(new ChoiceDelta(0, null, "Hi", null, List.of(),
                null)), null, null);

        JsonObject with = OpenAiChunks.encode(c, "openai/m", true);
        JsonObject without = OpenAiChunks.encode(c, "openai/m", false);

        assertThat(with).isEqualTo(json("""
                {"id":"c1","object":"chat.completion.chunk","created":9,"model":"openai/m",
                 "choices":[{"index":0,"delta":{"content":"Hi"},"logprobs":null,"finish_reason":null}],
                 "usage":null}
                """));
        assertThat(without.containsKey("usage")).isFalse();
        assertThat(without).isEqualTo(jakarta.json.Json.createObjectBuilder(with).remove("usage").build());
    }

    @Test
    void encodesTheUsageChunkWhetherOrNotTheUsageKeyIsAsked() {
        ChatChunk c = new ChatChunk("c1", "m", 9, List.of(), new Usage(12, 7, 4, 0, 2, false), "fp");

        JsonObject expected = json("""
                {"id":"c1","object":"chat.completion.chunk","created":9,"model":"m","system_fingerprint":"fp",
                 "choices":[],
                 "usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19,
                          "prompt_tokens_details":{"cached_tokens":4},"completion_tokens_details":{"reasoning_tokens":2}}}
                """);
        assertThat(OpenAiChunks.encode(c, "m", true)).isEqualTo(expected);
        assertThat(OpenAiChunks.encode(c, "m", false)).isEqualTo(expected);
    }

    @Test
    void encodesToolCallDeltasWithIdAndTypeOnTheFirstPieceOnly() {
        ChatChunk first = new ChatChunk("c", "m", 1, List.of(new ChoiceDelta(0, Role.ASSISTANT, null, null,
                List.of(new ToolCallDelta(0, "call_1", "get_weather", "")), null)), null, null);
        ChatChunk next = new ChatChunk("c", "m", 1, List.of(new ChoiceDelta(0, null, null, null,
                List.of(new ToolCallDelta(0, null, null, "{\"ci")), FinishReason.TOOL_CALLS)), null, null);

        JsonObject firstChoice = OpenAiChunks.encode(first, "m", false).getJsonArray("choices").getJsonObject(0);
        JsonObject nextChoice = OpenAiChunks.encode(next, "m", false).getJsonArray("choices").getJsonObject(0);

        assertThat(firstChoice.getJsonObject("delta")).isEqualTo(json("""
                {"role":"assistant","tool_calls":[{"index":0,"id":"call_1","type":"function",
                  "function":{"name":"get_weather","arguments":""}}]}
                """));
        assertThat(firstChoice.get("finish_reason")).isEqualTo(JsonValue.NULL);
        assertThat(nextChoice.getJsonObject("delta")).isEqualTo(json("""
                {"tool_calls":[{"index":0,"function":{"arguments":"{\\"ci"}}]}
                """));
        assertThat(nextChoice.getString("finish_reason")).isEqualTo("tool_calls");
    }

    @Test
    void decodeOfEncodeKeepsAChunk() {
        ChatChunk c = new ChatChunk("c", "m", 3, List.of(new ChoiceDelta(0, Role.ASSISTANT, "x", "no", List.of(
                new ToolCallDelta(1, "call_9", "f", "{}")), FinishReason.CONTENT_FILTER)), null, "fp");

        assertThat(OpenAiChunks.decode(OpenAiChunks.encode(c, "m", true))).isEqualTo(c);
    }
}
