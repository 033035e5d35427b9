package io.aigw.codec.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.codec.json.JsonText;
import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChoiceDelta;
import io.aigw.jca.api.FinishReason;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.ToolCallDelta;
import io.aigw.jca.api.Usage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiStreamDecoderTest {

    private static List<ChatChunk> feed(GeminiStreamDecoder decoder, String... chunks) {
        List<ChatChunk> out = new ArrayList<>();
        for (String c : chunks) {
            out.addAll(decoder.decode(JsonText.parseObject(c)));
        }
        return out;
    }

    private static String text(String text, String finish, String usage) {
        return "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"" + text + "\"}],\"role\":\"model\"}"
                + (finish == null ? "" : ",\"finishReason\":\"" + finish + "\"") + ",\"index\":0}],"
                + "\"usageMetadata\":" + usage + ",\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"r-1\"}";
    }

    @Test
    void textChunksGiveTheRoleFirstThenDeltasTheFinishAndTheUsage() {
        GeminiStreamDecoder decoder = new GeminiStreamDecoder();

        List<ChatChunk> chunks = feed(decoder,
                text("Hel", null, "{\"promptTokenCount\":9,\"totalTokenCount\":9}"),
                text("lo", null, "{\"promptTokenCount\":9,\"candidatesTokenCount\":1,\"totalTokenCount\":10}"),
                text("", "STOP", "{\"promptTokenCount\":9,\"candidatesTokenCount\":2,\"cachedContentTokenCount\":3,"
                        + "\"thoughtsTokenCount\":5,\"totalTokenCount\":16}"));

        assertThat(chunks).extracting(ChatChunk::choices).containsExactly(
                List.of(new ChoiceDelta(0, Role.ASSISTANT, "Hel", null, List.of(), null)),
                List.of(new ChoiceDelta(0, null, "lo", null, List.of(), null)),
                List.of(new ChoiceDelta(0, null, "", null, List.of(), FinishReason.STOP)),
                List.of());
        Usage expected = new Usage(9, 7, 3, 0, 5, false);
        assertThat(chunks.get(3).usage()).isEqualTo(expected);
        assertThat(chunks.subList(0, 3)).allSatisfy(c -> assertThat(c.usage()).isNull());
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.id()).isEqualTo("r-1");
            assertThat(c.model()).isEqualTo("gemini-2.5-flash");
        });
        assertThat(decoder.complete()).isTrue();
        assertThat(decoder.usage()).isEqualTo(expected);
        assertThat(decoder.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void wholeFunctionCallsBecomeNumberedToolCallDeltas() {
        GeminiStreamDecoder decoder = new GeminiStreamDecoder();

        List<ChatChunk> chunks = feed(decoder,
                "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Let me check.\"}]}}]}",
                """
                {"candidates":[{"content":{"role":"model","parts":[
                   {"functionCall":{"name":"get_weather","args":{"city":"Paris"}}},
                   {"functionCall":{"name":"get_weather","args":{"city":"Rome"}}}]},"finishReason":"STOP"}],
                 "usageMetadata":{"promptTokenCount":20,"candidatesTokenCount":10,"totalTokenCount":30}}""");

        assertThat(chunks).hasSize(3);
        ChoiceDelta calls = chunks.get(1).choices().get(0);
        assertThat(calls.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(calls.toolCalls()).extracting(ToolCallDelta::index, ToolCallDelta::name,
                ToolCallDelta::argumentsFragment).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0, "get_weather", "{\"city\":\"Paris\"}"),
                org.assertj.core.groups.Tuple.tuple(1, "get_weather", "{\"city\":\"Rome\"}"));
        assertThat(calls.toolCalls()).allSatisfy(t -> assertThat(t.id()).startsWith(GeminiToolCallIds.PREFIX));
        assertThat(calls.toolCalls().get(0).id()).isNotEqualTo(calls.toolCalls().get(1).id());
        assertThat(chunks.get(2).usage()).isEqualTo(Usage.of(20, 10));
        assertThat(decoder.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    }

    @Test
    void theStreamIsCompleteOnlyWhenEveryCandidateFinished() {
        GeminiStreamDecoder decoder = new GeminiStreamDecoder();

        feed(decoder, """
                {"candidates":[{"content":{"role":"model","parts":[{"text":"A"}]},"finishReason":"STOP"},
                               {"content":{"role":"model","parts":[{"text":"B"}]},"index":1}]}""");
        assertThat(decoder.complete()).isFalse();

        List<ChatChunk> last = feed(decoder, """
                {"candidates":[{"content":{"role":"model","parts":[{"text":"b"}]},"finishReason":"MAX_TOKENS",
                                "index":1}],"usageMetadata":{"promptTokenCount":2,"candidatesTokenCount":4}}""");

        assertThat(decoder.complete()).isTrue();
        assertThat(last.get(0).choices()).containsExactly(new ChoiceDelta(1, null, "b", null, List.of(),
                FinishReason.LENGTH));
        assertThat(last.get(1).usage()).isEqualTo(Usage.of(2, 4));
    }

    @Test
    void aBlockedPromptEndsWithAContentFilteredChoice() {
        GeminiStreamDecoder decoder = new GeminiStreamDecoder();

        List<ChatChunk> chunks = feed(decoder, """
                {"promptFeedback":{"blockReason":"PROHIBITED_CONTENT"},
                 "usageMetadata":{"promptTokenCount":6,"totalTokenCount":6},"modelVersion":"gemini-2.5-pro"}""");

        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(0).choices()).containsExactly(new ChoiceDelta(0, Role.ASSISTANT, "", null, List.of(),
                FinishReason.CONTENT_FILTER));
        assertThat(chunks.get(1).usage()).isEqualTo(Usage.of(6, 0));
        assertThat(decoder.complete()).isTrue();
    }

    @Test
    void aStreamCutBeforeAFinishIsNotComplete() {
        GeminiStreamDecoder decoder = new GeminiStreamDecoder();

        feed(decoder, text("Hel", null, "{\"promptTokenCount\":1}"));

        assertThat(decoder.complete()).isFalse();
        assertThat(decoder.finishReason()).isNull();
    }
}
